package tui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui/table"
)

// rawType sends each rune through Update without delivering any filter
// result, and returns the job each key left pending (nil when none).
func rawType(t *testing.T, m Model, s string) (Model, []*table.FilterJob) {
	t.Helper()
	var jobs []*table.FilterJob
	for _, r := range s {
		next, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		m = next.(Model)
		jobs = append(jobs, m.table.Pending())
	}
	return m, jobs
}

// rawUpdate is Update without the delivery of pending filter results that
// update does.
func rawUpdate(m Model, msg tea.Msg) Model {
	next, _ := m.Update(msg)
	return next.(Model)
}

func TestFilterKeystrokeDoesNotFilterInUpdate(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	m, jobs := rawType(t, m, "ci")
	// The keys are in the input at once; the rows are still the old ones.
	if m.filter.Value() != "ci" || m.table.Query() != "" || len(rowNames(m)) != 4 {
		t.Fatalf("input %q, applied %q, %d rows: Update filtered", m.filter.Value(), m.table.Query(), len(rowNames(m)))
	}
	if jobs[1] == nil || jobs[1].Query() != "ci" {
		t.Fatalf("no job for the last query: %+v", jobs[1])
	}
	m = update(m, jobs[1].Run())
	if got := rowNames(m); !slices.Equal(got, []string{"bravo-ci", "charlie-ci"}) {
		t.Errorf("after the result: %v", got)
	}
}

func TestEnterAppliesAPendingFilterAtOnce(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	m, _ = rawType(t, m, "delta")
	next, _ := m.Update(keyMsg("enter"))
	m = next.(Model)
	// The next key (enter: details, x: revoke) must act on delta, not on
	// whatever row was under the cursor before the query.
	if sel, ok := m.table.Selected(); !ok || sel.Name != "delta" || m.table.Pending() != nil {
		t.Fatalf("after enter: selected %v, pending %v", sel, m.table.Pending())
	}
}

func TestBackspaceReusesALevelWithoutAJob(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = typeText(press(m, "/"), "ci")
	next, _ := m.Update(keyMsg("backspace"))
	m = next.(Model)
	if m.table.Pending() != nil || m.table.Query() != "c" {
		t.Fatalf("backspace: pending %v, query %q", m.table.Pending(), m.table.Query())
	}
	if got := rowNames(m); !slices.Equal(got, []string{"bravo-ci", "charlie-ci"}) {
		t.Errorf("rows for c: %v", got)
	}
}

func TestSlowFilterSaysSo(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	m, jobs := rawType(t, m, "xyz")
	m = rawUpdate(m, table.FilterSlowMsg{Job: jobs[0]}) // an old job's timer
	if strings.Contains(statusLine(m), "filtering") {
		t.Error("an old job's timer marked the newest as slow")
	}
	m = rawUpdate(m, table.FilterSlowMsg{Job: jobs[2]})
	if !strings.Contains(statusLine(m), "filtering… 4 tokens") {
		t.Errorf("slow filter not shown: %q", statusLine(m))
	}
	m = rawUpdate(m, jobs[2].Run())
	if strings.Contains(m.View(), "filtering") {
		t.Error("still says filtering after the result")
	}
}
