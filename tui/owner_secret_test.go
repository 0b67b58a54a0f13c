package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/table"
)

// loaded is the dashboard of a demo provider at 160x40 with its list and
// catalog in.
func loaded(t *testing.T, kind string) (Model, client.Provider, *clipboard.Fake) {
	t.Helper()
	opts, p := demoOptions(t, kind)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := p.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	clip := clipboard.NewFake()
	opts.Clipboard = clip
	m := New(opts)
	m = update(m, windowSize(160, 40))
	m = update(m, catalogLoadedMsg{catalog: cat, provGen: m.provGen})
	m = update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(tokens), at: time.Now()})
	return m, p, clip
}

// selectNamed moves the cursor to the token named name.
func selectNamed(t *testing.T, m Model, name string) Model {
	t.Helper()
	for pos := range m.table.RowCount() {
		if tok := m.table.Row(pos); tok.Name == name && m.table.Select(tok.ID) {
			return update(m, windowSize(160, 40)) // an Update: the detail pane follows
		}
	}
	t.Fatalf("no token %q", name)
	return m
}

// An Unleash token in secure storage has no secret in the list: the table
// says so, the detail pane says why, and c copies nothing.
func TestUnleashSecureTokenIsNotCopyable(t *testing.T) {
	m, _, clip := loaded(t, "unleash")
	m = selectNamed(t, m, "checkout-payments")
	if info := strings.Join(m.detailLines(), "\n"); !strings.Contains(info, "not retrievable: Unleash keeps only") {
		t.Errorf("the detail pane does not say why:\n%s", info)
	}
	m, cmd := updateCmd(m, keyMsg("c"))
	if cmd != nil || clip.Content() != "" || !strings.Contains(m.status.text, "cannot copy the secret: Unleash keeps only a hash of it") {
		t.Errorf("c on a secure token: cmd %v, clipboard %q, status %q", cmd != nil, clip.Content(), m.status.text)
	}
}

// Border0 tokens show their owner, and the filter finds a service
// account's tokens by its name.
func TestBorder0OwnerColumnAndFilter(t *testing.T) {
	m, _, _ := loaded(t, "border0")
	if view := m.View(); !strings.Contains(view, "Owner") || !strings.Contains(view, "ci-deployer") {
		t.Errorf("no owner column:\n%s", view)
	}
	m.table.SetQuery("ci-deployer")
	var names []string
	for pos := range m.table.RowCount() {
		names = append(names, m.table.Row(pos).Name)
	}
	if strings.Join(names, ",") != "gha-production,gha-staging" {
		t.Errorf("filter ci-deployer: %v", names)
	}
	m = selectNamed(t, m, "gha-production")
	if info := strings.Join(m.detailLines(), "\n"); !strings.Contains(info, "Owner       ci-deployer") {
		t.Errorf("detail:\n%s", info)
	}
}
