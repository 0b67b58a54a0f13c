package tui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// Creating goes through the providers' own checks, which read the wall
// clock ("the expiry must be in the future"): these tests run the emulator
// and the dashboard on the wall clock too, not the pinned one.
func startGoodAccessLive(t *testing.T) client.Provider {
	t.Helper()
	ga, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ga.Close)
	return providerFor(t, ga, ga.AdminToken)
}

// waitLoaded waits for the list and the catalog, whatever the clock.
func waitLoaded(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitFor(t, tm, "refreshed ", "5 · logs")
}

// startWith runs the whole program with the given options and a fake
// clipboard unless one is given.
func startWith(t *testing.T, opts Options, w, h int) *teatest.TestModel {
	t.Helper()
	if opts.Clipboard == nil {
		opts.Clipboard = clipboard.NewFake()
	}
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

func tokenNamed(t *testing.T, p client.Provider, name string) (client.Token, bool) {
	t.Helper()
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tokens {
		if tk.Name == name {
			return tk, true
		}
	}
	return client.Token{}, false
}

// n → form → ctrl+s → the emulator creates the token → the dialog shows the
// secret and how it was copied → the table selects the new token.
func TestCreateRevealsSecretAndCopies(t *testing.T) {
	p := startGoodAccessLive(t)
	clip := clipboard.NewFake()
	tm := startWith(t, Options{Provider: p, Clipboard: clip, ProfileLabel: "demo · GoodAccess"}, 120, 35)
	waitLoaded(t, tm)
	send(tm, "n")
	waitFor(t, tm, "New token")
	tm.Type("ci-logs-reader")
	send(tm, "tab")
	waitFor(t, tm, "preset logs only")
	send(tm, "down", "enter") // the logs-only preset
	waitFor(t, tm, "5 of 52 scopes")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, `Token "ci-logs-reader" created`, "Copied to the system clipboard", "shown this once")

	created, ok := tokenNamed(t, p, "ci-logs-reader")
	if !ok {
		t.Fatal("the server has no ci-logs-reader")
	}
	secret := clip.Content()
	if secret == "" {
		t.Fatal("nothing was copied")
	}
	// v hides, v shows again: the secret drawn is the one copied.
	send(tm, "v")
	waitFor(t, tm, "Secret (hidden")
	send(tm, "v")
	waitFor(t, tm, secretHead(secret))
	send(tm, "enter") // a confirmed copy closes without asking
	waitSelected(t, tm, "ci-logs-reader", 120, 35)
	fm := quitByKey(t, tm)
	if fm.overlay != nil {
		t.Fatalf("the dialog is still open: %T", fm.overlay)
	}
	if sel, ok := fm.table.Selected(); !ok || sel.ID != created.ID {
		t.Errorf("selected %v, want the new token %s", sel, created.ID)
	}
	if len(created.Scopes) != 5 {
		t.Errorf("created with scopes %v, want the 5 of logs-only", created.Scopes)
	}
	// Quitting handed the pending clear to a process that outlives the
	// program: the secret can still be pasted, and is cleared at its time.
	later := clip.Later()
	if clip.Content() != secret || len(later) != 1 {
		t.Fatalf("after quit: clipboard %q, %d clears handed off; want the secret kept, one clear due", clip.Content(), len(later))
	}
	if notes := strings.Join(fm.ExitNotes(), "\n"); !strings.Contains(notes, "cleared at "+later[0].Format("15:04:05")+" if it still holds the secret") {
		t.Errorf("exit notes %q", notes)
	}
	clip.RunLater(later[0])
	if clip.Content() != "" || clip.Clears() != 1 {
		t.Errorf("the handed-off clear did not run: %q, %d clears", clip.Content(), clip.Clears())
	}
}

// Headless: no system clipboard. The dialog says OSC 52 was used and that it
// cannot be confirmed, and closing asks first.
func TestCreateRevealSaysOSC52(t *testing.T) {
	p := startGoodAccessLive(t)
	clip := clipboard.NewFake()
	clip.FailSystem(clipboard.ErrFake)
	tm := startWith(t, Options{Provider: p, Clipboard: clip}, 120, 35)
	waitLoaded(t, tm)
	send(tm, "n")
	tm.Type("osc")
	send(tm, "tab", "down", "enter")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, "via OSC 52", "cannot be confirmed", "cannot be cleared automatically")
	send(tm, "enter")
	waitFor(t, tm, "Close anyway?")
	send(tm, "y")
	fm := quitByKey(t, tm)
	if fm.overlay != nil {
		t.Fatalf("still open: %T", fm.overlay)
	}
	if notes := strings.Join(fm.ExitNotes(), "\n"); !strings.Contains(notes, "OSC 52, which cannot be read back: clear the clipboard yourself") {
		t.Errorf("exit notes %q, want the honest not-cleared", notes)
	}
}

// refusingProvider stands in for a server rule the form cannot know: it
// refuses one name with a field message, as a 400 would.
type refusingProvider struct {
	client.Provider
	name string
}

func (r refusingProvider) Create(ctx context.Context, req client.NewToken) (client.Created, error) {
	if req.Name == r.name {
		return client.Created{}, &client.ValidationError{
			Message: "The given data was invalid.",
			Fields:  map[string][]string{client.FieldName: {"a token called " + r.name + " already exists"}},
		}
	}
	return r.Provider.Create(ctx, req)
}

func TestCreateServerValidationLandsOnTheField(t *testing.T) {
	ga := startGoodAccessLive(t)
	p := refusingProvider{Provider: ga, name: "terraform-prod"}
	tm := startWith(t, Options{Provider: p}, 120, 35)
	waitLoaded(t, tm)
	send(tm, "n")
	tm.Type("terraform-prod")
	send(tm, "tab", "down", "enter")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, "a token called terraform-prod already exists")
	// What was typed is kept: fix the name, send again.
	tm.Type("-2")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, `Token "terraform-prod-2" created`)
	send(tm, "enter")
	waitSelected(t, tm, "terraform-prod-2", 120, 35)
	fm := finish(t, tm)
	if _, ok := tokenNamed(t, ga, "terraform-prod-2"); !ok {
		t.Fatal("the corrected create did not reach the server")
	}
	if sel, ok := fm.table.Selected(); !ok || sel.Name != "terraform-prod-2" {
		t.Errorf("selected %v", sel)
	}
}

// R: the replacement is created and revealed first; the old token is
// revoked only when the person says so afterwards.
func TestRotateRevokesOnlyAfterConfirmation(t *testing.T) {
	for _, answer := range []string{"y", "n"} {
		t.Run(answer, func(t *testing.T) {
			p := startGoodAccessLive(t)
			rotatedName := "backup-config-export-rotated-" + time.Now().Format("2006-01-02")
			old, _ := tokenNamed(t, p, "backup-config-export") // the first row by name
			tm := startWith(t, Options{Provider: p}, 120, 35)
			waitLoaded(t, tm)
			send(tm, "R")
			waitFor(t, tm, "Rotate backup-config-export", rotatedName)
			tm.Send(keyMsg("ctrl+s"))
			// The copy is confirmed before enter: then closing asks nothing.
			waitFor(t, tm, `Token "`+rotatedName+`" created`, "Copied to the system clipboard")
			if !slices.Contains(serverIDs(t, p), old.ID) {
				t.Fatal("the old token went before the new secret was shown")
			}
			send(tm, "enter")
			waitFor(t, tm, "Revoke the old token now?")
			send(tm, answer)
			if answer == "y" {
				waitFor(t, tm, "revoked backup-config-export")
			} else {
				waitFor(t, tm, "kept backup-config-export")
			}
			fm := finish(t, tm)
			ids := serverIDs(t, p)
			if got := slices.Contains(ids, old.ID); got != (answer == "n") {
				t.Errorf("answer %s: old token still on the server = %v", answer, got)
			}
			rotated, ok := tokenNamed(t, p, rotatedName)
			if !ok || !slices.Equal(sorted(rotated.Scopes), sorted(old.Scopes)) {
				t.Errorf("replacement %v, want the old scopes %v", rotated.Scopes, old.Scopes)
			}
			if fm.overlay != nil {
				t.Errorf("left open: %T", fm.overlay)
			}
		})
	}
}

// waitSelected waits until the table's cursor is on the token called name,
// which the list a create refreshes in the background selects, however
// late it arrives. A same-size resize repaints the whole screen first: a
// row drawn before the wait still counts.
func waitSelected(t *testing.T, tm *teatest.TestModel, name string, w, h int) {
	t.Helper()
	tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
	waitFor(t, tm, "▌ "+name)
}

// quitByKey presses q, as a person would (tm.Quit skips the model's own
// quit, which clears the clipboard), and returns the final model.
func quitByKey(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	send(tm, "q")
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

// secretHead is the secret's first characters: the dialog wraps long
// secrets, so the test looks for a piece that is never split.
func secretHead(s string) string { return s[:min(len(s), 16)] }

// A created secret is revealed even when the answer arrives for a profile
// that is no longer the current one: it exists nowhere else.
func TestCreateDoneForAnEarlierProfileStillRevealsTheSecret(t *testing.T) {
	p := &memProvider{}
	m := loadedModel(t, p, modelFixture(), nil, 120, 35)
	const secret = "ga_0123456789abcdef0123456789abcdef01234567"
	earlier := &pendingCreate{on: runOn{prov: p, provGen: m.provGen - 1, profile: -1, label: "work · GoodAccess"}}
	stale := createDoneMsg{
		created: client.Created{Token: client.Token{ID: "11111111-2222", Name: "late"}, Secret: secret},
		pc:      earlier,
	}
	m = update(m, stale)
	if _, ok := m.overlay.(*revealOverlay); !ok {
		t.Fatalf("overlay = %T, want the reveal dialog", m.overlay)
	}
	if !strings.Contains(m.View(), secret) || !strings.Contains(m.View(), "created on work · GoodAccess") {
		t.Fatalf("the secret, and where it was made, are not on screen:\n%s", m.View())
	}
	if m.selectAfterLoad != "" || m.listing {
		t.Fatal("the list of the profile shown was touched by another profile's create")
	}

	m2 := loadedModel(t, p, modelFixture(), nil, 120, 35)
	m2 = update(m2, createDoneMsg{err: errors.New("boom"), pc: earlier})
	if m2.overlay != nil {
		t.Fatalf("a stale failure opened %T", m2.overlay)
	}
}

// ctrl+c in the reveal dialog asks exactly as enter does (the copy went out
// by OSC 52 only, so it cannot be known to have worked), and y quits.
func TestCtrlCInTheRevealAsksFirst(t *testing.T) {
	p := startGoodAccessLive(t)
	clip := clipboard.NewFake()
	clip.FailSystem(clipboard.ErrFake)
	tm := startWith(t, Options{Provider: p, Clipboard: clip}, 80, 24)
	waitLoaded(t, tm)
	send(tm, "n")
	tm.Type("ctrl-c-test")
	send(tm, "tab", "down", "enter")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, "via OSC 52")
	tm.Send(keyMsg("ctrl+c"))
	waitFor(t, tm, "Quit tokentui", "The secret will be gone")
	tm.Send(keyMsg("ctrl+c")) // again: still asking, nothing lost
	send(tm, "y")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	if notes := strings.Join(fm.ExitNotes(), "\n"); !strings.Contains(notes, "clear the clipboard yourself") {
		t.Fatalf("exit notes %q", notes)
	}
}
