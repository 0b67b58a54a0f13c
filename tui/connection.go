package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// When a profile opens, a provider whose API has a cheap connection test
// (client.ConnectionTester) is asked it beside the first list, so a wrong
// URL or a refused admin token is named as such, not guessed at from
// whatever the token list answered.

// connTestedMsg is the result of one connection test.
type connTestedMsg struct {
	err     error
	provGen int
}

// testConnectionCmd runs the test, or nothing for a provider without one.
func testConnectionCmd(p client.Provider, provGen int) tea.Cmd {
	tester, ok := p.(client.ConnectionTester)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		_, err := tester.TestConnection(ctx)
		return connTestedMsg{err: err, provGen: provGen}
	}
}

func (m Model) onConnTested(msg connTestedMsg) (tea.Model, tea.Cmd) {
	if msg.provGen != m.provGen || msg.err == nil {
		return m, nil
	}
	m.connErr = msg.err
	m.status = errorStatus("connection test failed: " + msg.err.Error())
	return m, nil
}

// connErrLine is the connection test's verdict under a failed first list.
func (m *Model) connErrLine(width int) string {
	if m.connErr == nil {
		return ""
	}
	return "\n\n" + theme.ErrorText.Render(ansi.Wrap("Connection test: "+client.Sanitize(m.connErr.Error()), width, " "))
}
