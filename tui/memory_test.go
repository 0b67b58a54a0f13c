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
		_, cmd := updateCmd(m, loadTokensCmd(p, m.listGen, fixedClock, table.SortByName, m.progress)())
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
