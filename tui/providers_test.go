package tui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/table"
)

// These tests run the dashboard against the Border0 and Unleash emulators
// (the --demo ones, on the wall clock) and switch between profiles.

func startDemo(t *testing.T) []profile.Profile {
	t.Helper()
	profiles, stop, err := demo.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return profiles
}

func openDemo(t *testing.T, ps []profile.Profile, kind string) (client.Provider, int) {
	t.Helper()
	for i, p := range ps {
		if p.Provider == kind {
			prov, err := profile.Open(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			return prov, i
		}
	}
	t.Fatalf("no demo profile for %s", kind)
	return nil, 0
}

func demoOptions(t *testing.T, kind string) (Options, client.Provider) {
	ps := startDemo(t)
	prov, i := openDemo(t, ps, kind)
	return Options{Provider: prov, Profiles: ps, Profile: i, ProfileLabel: ProfileLabel(ps[i]), URL: ps[i].URL, Demo: true}, prov
}

// The role picker: a Border0 token with role member, whose reveal shows the
// JWT's claims.
func TestBorder0CreateWithRoleMember(t *testing.T) {
	opts, p := demoOptions(t, "border0")
	tm := startWith(t, opts, 120, 40)
	waitFor(t, tm, "refreshed ")
	send(tm, "n")
	waitFor(t, tm, "New token")
	tm.Type("ci-member")
	send(tm, "tab") // the owner: none, an organisation token, is picked
	waitFor(t, tm, "none: an organisation token")
	send(tm, "tab")
	waitFor(t, tm, "Client Access Only")
	send(tm, "down", "space")
	waitFor(t, tm, "Role         member")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, `Token "ci-member" created`, "Organisation:", "Token ID:", "Type:", "Expires:")
	send(tm, "enter")
	quitByKey(t, tm)
	got, ok := tokenNamed(t, p, "ci-member")
	if !ok || got.Role != "member" {
		t.Fatalf("server has %+v (found %v), want role member", got, ok)
	}
}

// The owner picker: a token of a Border0 service account takes its role,
// so the role is not asked; the server has it under the account.
func TestBorder0CreateForAServiceAccount(t *testing.T) {
	opts, p := demoOptions(t, "border0")
	tm := startWith(t, opts, 120, 40)
	waitFor(t, tm, "refreshed ")
	send(tm, "n")
	waitFor(t, tm, "New token")
	tm.Type("deploy-bot")
	send(tm, "tab")
	waitFor(t, tm, "service account · role admin")
	send(tm, "down", "space")
	waitFor(t, tm, "Role         from ci-deployer, its owner")
	send(tm, "tab") // steps over the role, to the expiry
	waitFor(t, tm, "▸ Expires")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, `Token "deploy-bot" created`)
	send(tm, "enter")
	quitByKey(t, tm)
	got, ok := tokenNamed(t, p, "deploy-bot")
	if !ok || got.Owner != "ci-deployer" || got.Role != "admin" {
		t.Fatalf("server has %+v (found %v), want a token of ci-deployer", got, ok)
	}
}

// The project/environment picker: an Unleash frontend token for one project
// in production, which the server then lists.
func TestUnleashCreateFrontendForOneProject(t *testing.T) {
	opts, p := demoOptions(t, "unleash")
	cat, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tm := startWith(t, opts, 120, 40)
	waitFor(t, tm, "refreshed ")
	send(tm, "n")
	waitFor(t, tm, "New token")
	tm.Type("web-shop")
	send(tm, "tab")
	waitFor(t, tm, "frontend")
	for _, r := range cat.Roles {
		if r.Name == "frontend" {
			break
		}
		send(tm, "down")
	}
	send(tm, "space", "tab")
	project := cat.Projects[0]
	waitFor(t, tm, project.ID)
	send(tm, "down", "space", "tab") // the first project after "all"
	waitFor(t, tm, "production")
	for _, e := range cat.Environments {
		if e.ID == "production" {
			break
		}
		send(tm, "down")
	}
	send(tm, "space")
	tm.Send(keyMsg("ctrl+s"))
	waitFor(t, tm, `Token "web-shop" created`)
	send(tm, "enter")
	quitByKey(t, tm)
	got, ok := tokenNamed(t, p, "web-shop")
	if !ok {
		t.Fatal("the server does not list web-shop")
	}
	if got.Role != "frontend" || got.Environment != "production" || !slices.Equal(got.Projects, []string{project.ID}) {
		t.Errorf("server lists %s / %s / %v; want frontend / production / [%s]", got.Role, got.Environment, got.Projects, project.ID)
	}
}

// Unleash lists secrets: masked in the table, copied with c (and cleared
// later), decoded in the detail pane.
func TestUnleashCopyAndDecodeSecret(t *testing.T) {
	opts, p := demoOptions(t, "unleash")
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	clip := clipboard.NewFake()
	opts.Clipboard = clip
	opts.ClearAfter = 50 * time.Millisecond
	m := New(opts)
	m = update(m, windowSize(160, 40))
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(tokens), at: time.Now()})
	sel, _ := m.table.Selected()
	if sel.Secret == "" {
		t.Fatal("the Unleash list carries no secret")
	}
	view := m.View()
	if strings.Contains(view, sel.Secret) {
		t.Fatal("the table shows a secret in full")
	}
	if !strings.Contains(view, client.MaskSecret(sel.Secret)) {
		t.Error("the masked secret is not shown")
	}
	if info := strings.Join(m.detailLines(), "\n"); !strings.Contains(info, "Format") || !strings.Contains(info, "v1 · projects:") {
		t.Errorf("the detail pane does not decode the secret:\n%s", info)
	}

	m, cmd := updateCmd(m, keyMsg("c"))
	m, tick := updateCmd(m, cmd()) // the copy's result
	if clip.Content() != sel.Secret {
		t.Fatal("c did not copy the selected secret")
	}
	if !strings.Contains(m.status.text, "copied the secret of") || !strings.Contains(m.status.text, "system clipboard") {
		t.Errorf("status = %q", m.status.text)
	}
	m, clear := updateCmd(m, tick()) // the clear is due
	m = update(m, clear())
	if clip.Content() != "" || m.status.text != "clipboard cleared" {
		t.Errorf("after the clear: clipboard %q, status %q", clip.Content(), m.status.text)
	}
}

// e edits an Unleash token's expiry; GoodAccess says it cannot.
func TestEditExpiry(t *testing.T) {
	opts, p := demoOptions(t, "unleash")
	tm := startWith(t, opts, 120, 40)
	waitFor(t, tm, "refreshed ")
	send(tm, "e")
	waitFor(t, tm, "Edit expiry", "90 days")
	send(tm, "down") // 30 days → 90 days
	tm.Send(keyMsg("enter"))
	waitFor(t, tm, "now expires ")
	fm := quitByKey(t, tm)
	sel, _ := fm.table.Selected()
	want := time.Now().AddDate(0, 0, 90)
	got, _ := tokenNamed(t, p, sel.Name)
	if d := got.ExpiresAt.Sub(want); d < -time.Minute || d > time.Minute {
		t.Errorf("server expiry %v, want about %v", got.ExpiresAt, want)
	}

	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "e")
	if m.overlay != nil || m.status.text != "Memory cannot change a token's expiry" {
		t.Errorf("e without ExpiryUpdater: overlay %T, status %q", m.overlay, m.status.text)
	}
}

// p switches from demo-goodaccess to demo-border0 without a restart.
func TestProfileSwitch(t *testing.T) {
	opts, _ := demoOptions(t, "goodaccess")
	tm := startWith(t, opts, 120, 35)
	waitFor(t, tm, "refreshed ", "demo · GoodAccess")
	send(tm, "p")
	waitFor(t, tm, "Switch profile", "demo-border0", "demo-unleash")
	send(tm, "down", "enter")
	waitFor(t, tm, "switched to demo-border0", "refreshed ")
	fm := quitByKey(t, tm)
	if fm.opts.Provider.Kind() != "border0" || fm.opts.ProfileLabel != "demo · Border0" {
		t.Fatalf("after the switch: %s, %q", fm.opts.Provider.Kind(), fm.opts.ProfileLabel)
	}
	if fm.table.Len() == 0 || fm.catalog == nil || fm.catalog.RoleLabel() != "Role" {
		t.Errorf("Border0 tokens or catalog not loaded: %d tokens", fm.table.Len())
	}
	for pos := range fm.table.RowCount() {
		if tk := fm.table.Row(pos); tk.Role == "" {
			t.Errorf("%s has no role: not a Border0 token", tk.Name)
		}
	}
}

// A refused profile is greyed with its reason and cannot be opened.
func TestProfileSwitcherRefusesBrokenProfile(t *testing.T) {
	good := profile.WithLiteralToken("work", "goodaccess", "https://integration.goodaccess.com", "t")
	broken := profile.Profile{Name: "bad", Provider: "nope", URL: "https://x.example"}
	opened := false
	m := New(Options{Provider: &memProvider{}, Now: fixedClock, Clipboard: clipboard.NewFake(),
		Profiles: []profile.Profile{good, broken},
		Open:     func(context.Context, profile.Profile) (client.Provider, error) { opened = true; return nil, nil }})
	m = update(m, windowSize(120, 35))
	m = press(m, "p")
	if !strings.Contains(m.View(), `unknown provider "nope"`) {
		t.Fatalf("the refusal reason is not shown:\n%s", m.View())
	}
	m, cmd := updateCmd(press(m, "down"), keyMsg("enter"))
	if cmd != nil || opened || !strings.Contains(m.View(), "cannot use bad") {
		t.Errorf("a refused profile was opened (cmd %v, opened %v)", cmd != nil, opened)
	}
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
