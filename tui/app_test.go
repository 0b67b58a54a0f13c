package tui

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// These tests run the whole program (teatest) against the GoodAccess
// emulator: real HTTP, real scope enforcement, pinned clock.

// Seeded emulator tokens the tests act on.
const (
	splunkID   = "3f2a9c4e-8b1d-4c6a-b5e7-1d9f0a2b3c4d" // splunk-siem-log-export
	jenkinsID  = "c2f4a6b8-9d1e-4f3a-8c5b-6d7e8f9a0b1c" // jenkins-nightly-audit
	grafanaID  = "9d7b5f3a-1c8e-4a2b-b6d4-0e2f4a6c8e0b" // grafana-gateway-metrics
	seededSize = 16
)

func startApp(t *testing.T, p client.Provider, w, h int) *teatest.TestModel {
	t.Helper()
	m := New(Options{Provider: p, Now: fixedClock, ProfileLabel: "demo · GoodAccess", URL: "http://emulator", Demo: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm
}

// waitFor waits until the program draws every one of the strings (in frames
// drawn since the last wait).
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range wants {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// finish quits and returns the final model.
func finish(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

func serverIDs(t *testing.T, p client.Provider) []string {
	t.Helper()
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tk := range tokens {
		ids = append(ids, tk.ID)
	}
	return ids
}

// waitReady waits until both the list and the catalog are in: "5 · logs"
// (splunk's scopes) needs the catalog, "refreshed" the list.
func waitReady(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitFor(t, tm, "refreshed 12:00:00", "5 · logs")
}

func TestDashboardGolden(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"120x35", 120, 35, nil},
		{"80x24", 80, 24, nil},
		{"80x24-detail", 80, 24, []string{"j", "enter"}},
		{"60x20", 60, 20, nil},
		{"160x40", 160, 40, []string{"j"}},
	} {
		t.Run(size.name, func(t *testing.T) {
			_, p := startGoodAccess(t, emulator.GoodAccessOptions{})
			tm := startApp(t, p, size.w, size.h)
			waitReady(t, tm)
			send(tm, size.keys...)
			fm := finish(t, tm)
			if fm.catalog == nil || fm.table.Len() != seededSize {
				t.Fatalf("not loaded: catalog %v, %d tokens", fm.catalog != nil, fm.table.Len())
			}
			golden.RequireEqual(t, []byte(fm.View()))
		})
	}
}

func TestTooSmallNotice(t *testing.T) {
	_, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	tm := startApp(t, p, 59, 20)
	waitFor(t, tm, "terminal too small (need 60x20)")
	tm.Send(tea.WindowSizeMsg{Width: 60, Height: 19})
	waitFor(t, tm, "now 60x19")
	tm.Send(tea.WindowSizeMsg{Width: 60, Height: 20})
	waitFor(t, tm, "splunk")
	tm.Send(tea.WindowSizeMsg{Width: 40, Height: 10})
	waitFor(t, tm, "terminal too small")
	send(tm, "q") // q still quits
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// filteredOnEmulator types query into the filter of a dashboard on the
// GoodAccess emulator, waits for the count the status bar should say, keeps
// the filter and returns the final model.
func filteredOnEmulator(t *testing.T, query, count string) Model {
	t.Helper()
	_, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	tm := startApp(t, p, 120, 35)
	waitReady(t, tm)
	send(tm, "/")
	tm.Type(query)
	waitFor(t, tm, count)
	send(tm, "enter")
	return finish(t, tm)
}

func TestFilterNarrowsEmulatorTokens(t *testing.T) {
	fm := filteredOnEmulator(t, "logs.read", "/16 tokens")
	got := rowNames(fm)
	want := []string{"datadog-threat-feed", "grafana-gateway-metrics", "jenkins-nightly-audit",
		"legacy-vpn-reporter", "splunk-siem-log-export", "staging-smoke-tests", "tokentui demo admin"}
	if !slices.Equal(got, want) {
		t.Errorf("rows for logs.read: %v", got)
	}
	if fm.filtering || fm.table.Query() != "logs.read" {
		t.Error("enter should keep the filter")
	}
}

func TestRevokeConfirmedRemovesRowAndServerToken(t *testing.T) {
	ga, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	tm := startApp(t, p, 120, 35)
	waitReady(t, tm)
	send(tm, "/")
	tm.Type("splunk")
	send(tm, "enter", "x")
	waitFor(t, tm, "Revoke token?", "3f2a9c4e")
	send(tm, "y")
	waitFor(t, tm, "revoked splunk-siem-log-export (3f2a9c4e)")
	fm := finish(t, tm)
	if slices.Contains(serverIDs(t, p), splunkID) || ga.Len() != seededSize-1 {
		t.Error("the server still lists the revoked token")
	}
	if fm.table.Has(splunkID) {
		t.Error("the table still has the revoked token")
	}
	if fm.table.RowCount() != 0 {
		t.Errorf("rows left for splunk: %v", rowNames(fm))
	}
}

func TestRevokeCancelledKeepsRow(t *testing.T) {
	ga, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	tm := startApp(t, p, 120, 35)
	waitReady(t, tm)
	send(tm, "x")
	waitFor(t, tm, "Revoke token?", "backup-config-export")
	send(tm, "n")
	fm := finish(t, tm)
	if fm.overlay != nil {
		t.Error("n did not close the dialog")
	}
	if ga.Len() != seededSize || fm.table.Len() != seededSize {
		t.Errorf("cancel revoked something: server %d, table %d", ga.Len(), fm.table.Len())
	}
}

func TestRevokeForbiddenShowsMissingScope(t *testing.T) {
	ga, _ := startGoodAccess(t, emulator.GoodAccessOptions{})
	var scopes []string
	for _, s := range goodAccessCatalog(t).AllScopes() {
		if s != "token.delete" {
			scopes = append(scopes, s)
		}
	}
	_, secret := ga.IssueToken("no-delete admin", scopes, time.Time{}, nil)
	limited := providerFor(t, ga, secret)
	tm := startApp(t, limited, 120, 35)
	waitReady(t, tm)
	send(tm, "/")
	tm.Type("jenkins")
	send(tm, "enter", "x", "y")
	waitFor(t, tm, "lacks scope token.delete")
	fm := finish(t, tm)
	if st := statusLine(fm); !strings.Contains(st, "could not revoke jenkins-nightly-audit (c2f4a6b8): the admin token lacks scope token.delete") {
		t.Errorf("status = %q", st)
	}
	if !slices.Contains(serverIDs(t, limited), jenkinsID) || fm.table.RowCount() != 1 {
		t.Error("a refused revoke removed the token")
	}
}

func TestBulkRevokePartialFailure(t *testing.T) {
	_, p := startGoodAccess(t, emulator.GoodAccessOptions{})
	tm := startApp(t, p, 120, 35)
	waitReady(t, tm)
	// By name: backup, datadog, github, gitlab, grafana.
	send(tm, "space", "space", "space", "space", "space")
	waitFor(t, tm, "●grafana-gateway-metrics")
	// Someone else revokes grafana first: our DELETE will find nothing.
	if err := p.Revoke(context.Background(), client.Token{ID: grafanaID}); err != nil {
		t.Fatal(err)
	}
	send(tm, "x")
	waitFor(t, tm, "Revoke 5 tokens?")
	send(tm, "y")
	waitFor(t, tm, "Revoked 4 of 5 tokens")
	fm := finish(t, tm)
	r, ok := fm.overlay.(*revokeReport)
	if !ok {
		t.Fatal("no result dialog")
	}
	if len(r.ok) != 4 || len(r.failed) != 1 || r.failed[0].token.ID != grafanaID {
		t.Fatalf("report: ok %d, failed %+v", len(r.ok), r.failed)
	}
	v := fm.View()
	for _, want := range []string{"✗ grafana-gateway-metrics", "not found", "✓ datadog-threat-feed"} {
		if !strings.Contains(v, want) {
			t.Errorf("dialog lacks %q:\n%s", want, v)
		}
	}
	if st := statusLine(fm); !strings.Contains(st, "revoked 4 of 5; 1 failed") {
		t.Errorf("status = %q", st)
	}
	if got := len(serverIDs(t, p)); got != seededSize-5 {
		t.Errorf("server holds %d tokens, want %d", got, seededSize-5)
	}
}
