// Command tokentui is a terminal dashboard for the API tokens of GoodAccess,
// Border0 and Unleash, with scripting commands (`tokentui list|create|…`).
// The command line lives in tui/cli; the dashboard, its root, in tui/launch.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/cli"
	"github.com/tokentui/tokentui/tui/launch"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], launch.Dashboard(runTUI))
	stop()
	os.Exit(code)
}

// runTUI runs the dashboard until the user quits, then says what it
// arranged for the clipboard (the alternate screen is gone by then).
func runTUI(opts tui.Options) error {
	// The dashboard takes the signals itself: a closed terminal (SIGHUP)
	// or a kill (SIGTERM) still hands the clipboard's clears on.
	//
	// Frames at up to 120 a second, Bubble Tea's most: a change reaches the
	// screen at the next frame, so a key, a loaded list or the first table
	// waits 4 ms on average instead of 8 ms at the default 60. A frame that
	// did not change is not written, so idling costs next to nothing.
	p := tea.NewProgram(tui.New(opts), tea.WithAltScreen(), tea.WithoutSignalHandler(), tea.WithFPS(tui.MaxFPS))
	stop := tui.ForwardSignals(p)
	final, err := p.Run()
	stop()
	if m, ok := final.(tui.Model); ok {
		for _, note := range m.ExitNotes() {
			fmt.Fprintln(os.Stderr, note)
		}
	}
	return err
}
