package tui

import (
	"context"
	"errors"
	"math"
	"runtime/debug"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
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

// A list that arrived keeps the collector held until the old list has
// been collected: given back as the List command ended, it started a pass
// over the heap at once, which the Update and View drawing the new list
// had to help. A list dropped as stale gives its hold back too.
func TestLoadedListHoldsCollectionUntilSettled(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	p := &memProvider{tokens: modelFixture()}
	m := New(Options{Provider: p, Now: fixedClock, ManageMemory: true})
	msg := loadTokensCmd(p, m.listGen, fixedClock, table.SortByName, m.progress, true)()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("collector at %d%% once the list arrived, want held until settled", got)
	}
	_, cmd := updateCmd(m, msg)
	if cmd == nil {
		t.Fatal("no command settles the memory")
	}
	cmd()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("collector at %d%% after settling, want 100 as before", got)
	}

	stale := loadTokensCmd(p, m.listGen-1, fixedClock, table.SortByName, m.progress, true)()
	_, cmd = updateCmd(m, stale)
	if cmd == nil {
		t.Fatal("a stale list keeps its hold on the collector")
	}
	cmd()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("collector at %d%% after a stale list, want 100 as before", got)
	}

	failed := loadTokensCmd(&failingList{}, m.listGen, fixedClock, table.SortByName, m.progress, true)()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("collector at %d%% after a failed list, want 100 as before", got)
	}
	if failed.(tokensLoadedMsg).release != nil {
		t.Error("a failed list hands on a hold it gave back")
	}
}

// failingList is a provider whose List fails.
type failingList struct{ memProvider }

func (*failingList) List(context.Context) ([]client.Token, error) {
	return nil, errors.New("the server is down")
}
