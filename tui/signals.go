package tui

import (
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
)

// hangUpMsg: the terminal went away (SIGHUP) or the process was asked to
// stop (SIGTERM). Nobody is there to answer a question, so the dashboard
// quits at once, but the way q does: the clipboard's pending clears are
// handed to the clearer process, not dropped with the program.
type hangUpMsg struct{}

// ForwardSignals delivers the signals Bubble Tea would otherwise act on by
// itself (for a program started WithoutSignalHandler) to the dashboard: an
// interrupt from outside is a ctrl+c (which asks when something could be
// lost), a hang-up or terminate a hangUpMsg. The returned func stops it.
func ForwardSignals(p *tea.Program) (stop func()) {
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		for {
			select {
			case <-done:
				return
			case s := <-sig:
				if s == syscall.SIGINT {
					p.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
				} else {
					p.Send(hangUpMsg{})
				}
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
