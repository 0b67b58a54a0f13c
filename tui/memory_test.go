package tui

import (
	"math"
	"runtime/debug"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui/table"
)

// The program's dashboard collects and sets a memory limit after each
// list (memory.go); a dashboard in a test, sharing the process, does not.
func TestSettleMemoryOnlyWhenAsked(t *testing.T) {
	p := &memProvider{tokens: modelFixture()}
	loaded := func(manage bool) tea.Cmd {
		m := New(Options{Provider: p, Now: fixedClock, ManageMemory: manage})
		_, cmd := updateCmd(m, loadTokensCmd(p, m.listGen, fixedClock, table.SortByName, m.progress, manage)())
		return cmd
	}
	if loaded(false) != nil {
		t.Error("a test's dashboard tunes the collector")
	}
	cmd := loaded(true)
	if cmd == nil {
		t.Fatal("the program's dashboard does not settle its memory")
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	if msg := cmd(); msg != nil {
		t.Errorf("settling reported %v", msg)
	}
	if limit := debug.SetMemoryLimit(-1); limit < minMemoryLimit || limit == math.MaxInt64 {
		t.Errorf("memory limit %d", limit)
	}
}

// While lists load the collector waits for the memory limit (one is set
// if none was), and it is given back as it was when the last load ends.
func TestHoldCollectionWhileLoading(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	first := holdCollection()
	second := holdCollection()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("collector at %d%% while loading, want off", got)
	}
	if limit := debug.SetMemoryLimit(-1); limit != firstLoadLimit {
		t.Errorf("memory limit %d while the first list loads, want %d", limit, firstLoadLimit)
	}
	first()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("collector at %d%% while a list still loads", got)
	}
	second()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("collector at %d%% after loading, want 100 as before", got)
	}
}
