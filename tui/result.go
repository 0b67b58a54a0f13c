package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// revokeReport shows what a bulk revoke did when part of it failed: which
// tokens are gone, which are still there and why, so nothing is left to
// guess from a one-line status.
type revokeReport struct {
	ok     []client.Token
	failed []revokeResult
	keys   resultKeys
}

func newRevokeReport(results []revokeResult) *revokeReport {
	r := &revokeReport{keys: newResultKeys()}
	for _, res := range results {
		if res.err == nil {
			r.ok = append(r.ok, res.token)
		} else {
			r.failed = append(r.failed, res)
		}
	}
	return r
}

func (r *revokeReport) update(msg tea.Msg) (overlay, tea.Cmd) { return closeOnKey(r, r.keys, msg) }

// closeOnKey is the update of a dialog that only tells something: its
// Close key closes it, nothing else does anything.
func closeOnKey(self overlay, keys resultKeys, msg tea.Msg) (overlay, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, keys.Close) {
		return nil, nil
	}
	return self, nil
}

func (r *revokeReport) view(width, height int) string {
	inner := dialogWidth(width, 72)
	// lines the list may use: the screen minus the frame, title and hints
	room := max(height-12, 2)
	failedRoom := min(len(r.failed), max(room-min(len(r.ok), 2), 1))
	okRoom := min(len(r.ok), max(room-failedRoom, 1))
	total := len(r.ok) + len(r.failed)

	var b strings.Builder
	b.WriteString(theme.DangerTitle.Render("Revoked " + strconv.Itoa(len(r.ok)) + " of " + strconv.Itoa(total) + " tokens"))
	b.WriteString("\n")
	if len(r.failed) > 0 {
		b.WriteString("\n")
		b.WriteString(theme.ErrorText.Render(strconv.Itoa(len(r.failed)) + " failed and are still active:"))
		for _, f := range r.failed[:failedRoom] {
			b.WriteString("\n")
			b.WriteString(theme.ErrorText.Render("✗ ") + tokenLabel(f.token, inner-2))
			b.WriteString("\n")
			b.WriteString(theme.Muted.Render(tokenfmt.Fit("  "+client.Sanitize(f.err.Error()), inner)))
		}
		if more := len(r.failed) - failedRoom; more > 0 {
			b.WriteString("\n" + theme.Muted.Render("and "+strconv.Itoa(more)+" more"))
		}
	}
	if len(r.ok) > 0 {
		b.WriteString("\n\n")
		b.WriteString(theme.OKText.Render(strconv.Itoa(len(r.ok)) + " revoked:"))
		for _, t := range r.ok[:okRoom] {
			b.WriteString("\n")
			b.WriteString(theme.OKText.Render("✓ ") + tokenLabel(t, inner-2))
		}
		if more := len(r.ok) - okRoom; more > 0 {
			b.WriteString("\n" + theme.Muted.Render("and "+strconv.Itoa(more)+" more"))
		}
	}
	b.WriteString("\n\n")
	b.WriteString(keyHints(r.keys.Close))
	return theme.DangerDialog.Render(b.String())
}

func (r *revokeReport) helpKeys() []key.Binding { return []key.Binding{r.keys.Close} }
