package form

import (
	"testing"

	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// BenchmarkFormView draws the create form with the real GoodAccess catalog
// (every scope group) at the dashboard's 120x35: on opening (name focused)
// and on the scopes section with every scope ticked, its busiest frame.
// Run: go test -run '^$' -bench . -benchmem ./tui/form
func BenchmarkFormView(b *testing.B) {
	cat := tokentest.GoodAccessCatalog(b)
	if len(cat.AllScopes()) < 20 {
		b.Fatalf("the GoodAccess catalog has only %d scopes: not the full catalog", len(cat.AllScopes()))
	}
	open := New(cat, Options{Now: fixedNow, Location: zone, Width: 120, Height: 35})
	scopes, _ := open.Update(keyMsg("tab"))
	if scopes.sections[scopes.focus] != secScopes {
		b.Fatalf("tab focused section %d, not the scopes", scopes.sections[scopes.focus])
	}
	for _, s := range cat.AllScopes() {
		scopes.scopes.selected[s] = true // as if each were ticked with space
	}
	for _, c := range []struct {
		name string
		m    Model
	}{{"open", open}, {"scopes-all-ticked", scopes}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = c.m.View()
			}
		})
	}
}
