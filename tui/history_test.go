package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/hostile/leak"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// Every action of the dashboard lands in the history file, and no secret
// does: not the admin tokens, not a secret created (shown, copied), not
// the Unleash secrets the list holds and a rotate, a revoke or a new
// expiry address the server by.
func TestHistoryOfTheDashboardHoldsNoSecret(t *testing.T) {
	a := newAllProfilesAt(t, nil) // a create needs the wall clock
	path := filepath.Join(t.TempDir(), "state", "tokentui", "history.jsonl")
	a.opts.History = &history.File{Path: path}
	clip := clipboard.NewFake()
	a.opts.Clipboard = clip
	tm := startWith(t, a.opts, 120, 35)
	loadedAll(t, tm)
	secrets := map[string]string{}
	for _, p := range a.opts.Profiles[:3] {
		tok, err := p.Token(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		secrets["the admin token of "+p.Name] = tok
	}
	listed, err := a.opens.provs["demo-unleash"].List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range listed {
		if tk.Secret != "" {
			secrets["the listed secret of "+tk.Name] = tk.Secret
		}
	}

	filter := func(q string) {
		send(tm, "esc", "/")
		tm.Type(q)
		send(tm, "enter")
	}
	// Rotate an Unleash v1 token: a new secret, then the old one revoked.
	filter("search-api")
	waitFor(t, tm, "1/")
	send(tm, "R")
	waitFor(t, tm, "Rotate search-api")
	send(tm, "ctrl+s")
	waitFor(t, tm, "Copied to the system clipboard")
	secrets["the secret the rotate made"] = clip.Content()
	send(tm, "enter")
	waitFor(t, tm, "Revoke the old token now?")
	send(tm, "y")
	waitFor(t, tm, "revoked search-api")
	// A new expiry, which Unleash addresses by the secret.
	filter("mobile-app-ios")
	waitFor(t, tm, "1/")
	send(tm, "e")
	waitFor(t, tm, "Edit expiry")
	send(tm, "enter")
	waitFor(t, tm, "now expires")
	// A bulk revoke across two profiles.
	filter("breakglass")
	send(tm, "space")
	filter("qa-dashboard")
	send(tm, "space", "x")
	waitFor(t, tm, "Revoke 2 tokens? (2 profiles)")
	send(tm, "y")
	waitFor(t, tm, "✓ revoked 1 token on")
	finish(t, tm)

	recs, warnings, err := a.opts.History.Read()
	if err != nil || len(warnings) > 0 {
		t.Fatalf("read: %v %v", err, warnings)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Action+" "+r.Outcome+" "+r.Profile+" "+r.Provider+" "+r.Name+" via "+r.Via)
	}
	want := []string{
		"rotate ok demo-unleash unleash search-api-rotated-",
		"revoke ok demo-unleash unleash search-api via dashboard",
		"expiry ok demo-unleash unleash mobile-app-ios via dashboard",
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("history lacks %q:\n%s", w, joined)
		}
	}
	if !strings.Contains(joined, "revoke ok demo-border0 border0 breakglass-oncall") || !strings.Contains(joined, "revoke ok demo-unleash unleash qa-dashboard") {
		t.Errorf("the bulk revoke is not kept per profile:\n%s", joined)
	}
	for _, r := range recs {
		if r.Action == history.ActionRotate && r.Replaces == "" {
			t.Errorf("the rotate does not say what it replaces: %+v", r)
		}
		if r.Action == history.ActionExpiry && (r.ExpiresAt == "" || r.PreviousExpiresAt == "" || r.ExpiresAt == r.PreviousExpiresAt) {
			t.Errorf("the expiry change does not say from what to what: %+v", r)
		}
	}

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %o", info.Mode().Perm())
	}
	for what, secret := range secrets {
		if secret == "" {
			t.Fatalf("no %s to look for", what)
		}
		if run := leak.Run(string(raw), distinct(secret), 12); run != "" {
			t.Errorf("the history holds %s (%q)", what, run)
		}
	}
}

// distinct is what of a secret is secret: not an Unleash
// "projects:environment." prefix, which every mask shows, nor a v2
// secret's selector, which is the token's public id.
func distinct(secret string) string {
	if i := strings.LastIndexByte(secret, '.'); strings.Contains(secret, ":") && i > 0 && i < len(secret)-1 {
		secret = secret[i+1:]
	}
	if client.IsSecureV2(secret) {
		return secret[len(secret)-43:]
	}
	return secret
}

// A history that cannot be written is a warning beside the outcome; the
// token work is done. H shows what is kept, the command line's too.
func TestHistoryUnwritableWarnsAndPaneShowsIt(t *testing.T) {
	_, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	blocker := filepath.Join(t.TempDir(), "not-a-directory")
	os.WriteFile(blocker, nil, 0o600)
	tm := startWith(t, Options{Provider: p, Now: fixedClock, History: &history.File{Path: filepath.Join(blocker, "history.jsonl")}}, 120, 35)
	waitReady(t, tm)
	send(tm, "x", "y")
	waitFor(t, tm, "revoked backup-config-export", "the history was not written")
	finish(t, tm)
	if _, ok := tokenNamed(t, p, "backup-config-export"); ok {
		t.Fatal("the revoke did not happen")
	}

	kept := &history.Memory{}
	rec := history.Of(history.ActionCreate, client.Token{ID: "1a2b3c4d", Name: "made-by-a-script", Scopes: []string{"token.read"}}, testNow)
	rec.Via, rec.Profile, rec.Provider = history.ViaCLI, "prod", "goodaccess"
	kept.Append(rec)
	tm = startWith(t, Options{Provider: p, Now: fixedClock, History: kept}, 120, 35)
	waitReady(t, tm)
	send(tm, "H")
	waitFor(t, tm, "History", "made-by-a-script", "on prod", "token.read · never expires")
	send(tm, "esc")
	if fm := finish(t, tm); fm.overlay != nil {
		t.Errorf("H's pane is still open: %T", fm.overlay)
	}
}
