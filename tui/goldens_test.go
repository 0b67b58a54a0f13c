package tui

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
)

// Golden screens of every provider at 80x24 and 120x35, on the demo
// emulators with the pinned clock (their seeds are fixed), without colour:
// the main screen, the create form open on its second field (the scope
// checklist, the role or type list), and the reveal dialog. Regenerate with
// go test ./tui -run Golden -update, and review the diff.

var goldenSizes = []struct{ w, h int }{{80, 24}, {120, 35}}

// pinnedDemo starts the demo emulators on the pinned clock and returns the
// options of a dashboard on kind's, with a status bar that does not name
// their (random) ports.
func pinnedDemo(t *testing.T, kind string) Options {
	t.Helper()
	ps, stop, err := demo.Start(fixedClock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	for i, p := range ps {
		if p.Provider == kind {
			prov, err := profile.Open(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			return Options{Provider: prov, Profiles: ps, Profile: i, ProfileLabel: ProfileLabel(p), URL: "http://emulator",
				Demo: true, Now: fixedClock, Clipboard: clipboard.NewFake()}
		}
	}
	t.Fatalf("no demo profile for %s", kind)
	return Options{}
}

// readyText is what each provider's loaded screen shows once both the list
// and the catalog are in.
var readyText = map[string]string{"goodaccess": "5 · logs", "border0": "Role", "unleash": "Type"}

func TestProviderScreensGolden(t *testing.T) {
	for _, kind := range []string{"goodaccess", "border0", "unleash"} {
		for _, s := range goldenSizes {
			size := strconv.Itoa(s.w) + "x" + strconv.Itoa(s.h)
			t.Run(kind+"-main-"+size, func(t *testing.T) {
				tm := startWith(t, pinnedDemo(t, kind), s.w, s.h)
				waitFor(t, tm, "refreshed 12:00:00", readyText[kind])
				golden.RequireEqual(t, []byte(finish(t, tm).View()))
			})
			t.Run(kind+"-form-"+size, func(t *testing.T) {
				tm := startWith(t, pinnedDemo(t, kind), s.w, s.h)
				waitFor(t, tm, "refreshed 12:00:00", readyText[kind])
				send(tm, "n")
				waitFor(t, tm, "New token")
				send(tm, "tab")
				waitFor(t, tm, "▸ "+map[string]string{"goodaccess": "Scopes", "border0": "Owner", "unleash": "Type"}[kind])
				fm := finish(t, tm)
				if _, ok := fm.overlay.(*createOverlay); !ok {
					t.Fatalf("the form is not open: %T", fm.overlay)
				}
				golden.RequireEqual(t, []byte(fm.View()))
			})
		}
	}
}

// fakeJWT is a Border0-shaped token (claims readable, signature made up):
// long enough to wrap inside the dialog.
func fakeJWT() string {
	enc := base64.RawURLEncoding.EncodeToString
	header := enc([]byte(`{"alg":"HS256","typ":"JWT"}`))
	payload := enc(fmt.Appendf(nil, `{"org_id":"5f1c2d7e-8a40-4b6e-9c3a-0d2f6b8e41a7","type":"token","user_id":"da10606e-3b36-4b6b-8239-30ce782b702b","token_id":"8534090c-9ced-4f62-a509-048d365a537f","role":"member","iat":%d,"exp":%d}`,
		testNow.Unix(), testNow.Add(30*day).Unix()))
	return header + "." + payload + ".GUHZHBzswAuywsbPAXXF9LGae3rQk1ZU0bes_1nC6sE"
}

// revealed is a dashboard of w x h showing the reveal dialog of a new
// token with this secret, its copy to the system clipboard confirmed.
func revealed(t *testing.T, name, secret string, w, h int) Model {
	t.Helper()
	cat := goodAccessCatalog(t)
	m := loadedModel(t, &memProvider{}, modelFixture(), &cat, w, h)
	m.clip = clipboard.NewFake()
	m, _ = updateCmd(m, createDoneMsg{created: client.Created{
		Token: client.Token{ID: "8534090c-9ced-4f62-a509-048d365a537f", Name: name}, Secret: secret}, pc: &pendingCreate{on: m.here()}})
	r, ok := m.overlay.(*revealOverlay)
	if !ok {
		t.Fatalf("no reveal dialog: %T", m.overlay)
	}
	copied := r.m.Init()().(clipcmd.CopiedMsg) // the copy, run now
	return update(m, copied)
}

func TestRevealGolden(t *testing.T) {
	for _, s := range goldenSizes {
		size := strconv.Itoa(s.w) + "x" + strconv.Itoa(s.h)
		t.Run("goodaccess-"+size, func(t *testing.T) {
			m := revealed(t, "ci-logs-reader", "ga_4f8e2a9c1b7d3e5f6a8c0e2b4d6f8a1c3e5b7d9f", s.w, s.h)
			golden.RequireEqual(t, []byte(m.View()))
		})
		t.Run("border0-jwt-"+size, func(t *testing.T) {
			m := revealed(t, "ci-member", fakeJWT(), s.w, s.h)
			golden.RequireEqual(t, []byte(m.View()))
		})
		t.Run("border0-jwt-plain-"+size, func(t *testing.T) {
			m := press(revealed(t, "ci-member", fakeJWT(), s.w, s.h), "p")
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}
