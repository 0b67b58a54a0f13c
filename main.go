// Command tokentui is a terminal dashboard for the API tokens of GoodAccess,
// Border0 and Unleash; `tokentui list|create|revoke|check|inspect|scopes`
// are its scripting subcommands.
package main

import (
	"context"
	"os"
	"os/signal"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/cli"
	"github.com/tokentui/tokentui/tui/launch"
)

func main() {
	if len(os.Args) > 1 && cli.IsSubcommand(os.Args[1]) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := cli.Main(ctx, os.Args[1:])
		stop()
		os.Exit(code)
	}
	os.Exit(launch.Run(os.Args[1:], os.Getenv, os.Stderr, runTUI))
}

// runTUI runs the dashboard until the user quits.
func runTUI(opts tui.Options) error {
	_, err := tea.NewProgram(tui.New(opts), tea.WithAltScreen()).Run()
	return err
}
