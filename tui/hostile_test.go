package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/hostile/leak"
)

// What the dashboard makes of what a hostile server sends (tokens as a
// provider returns them: sanitised, dates checked): an invisible character
// shows as a marker and the columns stay aligned; an invalid expiry reads
// "invalid date", never "never"; an error that echoes a secret in another
// encoding reaches the status bar masked.
func TestDashboardShowsWhatIsThere(t *testing.T) {
	lookalike := tok("bbbbbbbb-2222", client.Sanitize("prod\u200b-deploy"))
	odd := tok("aaaaaaaa-1111", "prod-deploy")
	odd.SetDate(client.DateExpires, client.WireDate{Present: true}) // "0001-01-01"
	tagged := tok("cccccccc-3333", client.Sanitize("tag\U000E0041\U000E007Fs"))
	m := loadedModel(t, &memProvider{}, []client.Token{odd, lookalike, tagged}, nil, 120, 35)
	view := m.View()
	if !strings.Contains(view, "prod⟨U+200B⟩-deploy") || !strings.Contains(view, "tag⟨U+E0041⟩⟨U+E007F⟩s") {
		t.Errorf("an invisible character is not shown:\n%s", view)
	}
	rowWidth := -1
	for _, line := range strings.Split(view, "\n") {
		plain := ansi.Strip(line)
		if err := hostile.Shown(plain); err != nil {
			t.Error(err)
		}
		if !strings.Contains(plain, "-deploy") && !strings.Contains(plain, "tag⟨") {
			continue
		}
		if strings.Contains(plain, "aaaaaaaa") && (!strings.Contains(plain, "invalid date") || strings.Contains(plain, "never")) {
			t.Errorf("an invalid expiry reads: %q", plain)
		}
		if rowWidth >= 0 && ansi.StringWidth(line) != rowWidth {
			t.Errorf("rows of %d and %d cells: columns out of line", rowWidth, ansi.StringWidth(line))
		}
		rowWidth = ansi.StringWidth(line)
	}
	detail := ansi.Strip(strings.Join(detailLines(&odd, nil, "", testNow, 60), "\n"))
	if !strings.Contains(detail, "Expires     invalid date") {
		t.Errorf("detail pane:\n%s", detail)
	}
}

func TestStatusBarNeverShowsAnEchoedSecret(t *testing.T) {
	const hash = "9f3c1d0e2b4a6c8e0f1a3b5c7d9e1f2a3b4c5d6e7f8091a2b3c4d5e6"
	secret := "default:production." + hash
	client.RememberSecret(secret)
	target := tok("dddddddd-4444", "ci")
	echo := "The path you were looking for (/api/admin/api-tokens/" + strings.ToUpper(strings.ReplaceAll(secret, ":", "%3a")) + ") is not available"
	p := &memProvider{fail: map[string]error{target.ID: errors.New(echo)}} // not even a typed error
	m := loadedModel(t, p, []client.Token{target}, nil, 200, 35)
	m, _ = updateCmd(m, revokeConfirmedMsg{groups: []revokeGroup{{targets: []client.Token{target}}}})
	m, _ = updateCmd(m, revokeDoneMsg{groups: []revokeGroupDone{{results: []revokeResult{{token: target, err: p.fail[target.ID]}}}}})
	st := ansi.Strip(statusLine(m))
	if run := leak.Run(st, hash, 12); run != "" || !strings.Contains(st, "is not available") {
		t.Errorf("status %q holds %q", st, run)
	}
}
