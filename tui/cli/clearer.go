package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/tui/clipboard"
)

// clearerCommand is the hidden `tokentui __clear-clipboard --at UNIX`: the
// small detached process that clears a copied secret after tokentui has
// quit (clipboard.ClearLater starts it). It reads the secret on stdin, keeps
// only its hash, and prints nothing but its ack.
func clearerCommand(stdio IO) *cobra.Command {
	var at int64
	cmd := &cobra.Command{
		Use:    clipboard.ClearerCommand,
		Short:  "clear the clipboard later if it still holds a secret (started by tokentui itself)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			system := stdio.System
			if system == nil {
				system = clipboard.Atotto{}
			}
			clipboard.RunClearer(stdio.In, stdio.Out, time.Unix(at, 0), clipboard.ClearerOptions{
				System: system, Now: stdio.Now, Sleep: time.Sleep,
			})
			return nil
		},
	}
	cmd.Flags().Int64Var(&at, "at", 0, "when to clear, in Unix seconds")
	return cmd
}
