package tui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// rawType sends each rune through Update without delivering any filter
// result, and returns the job each key left pending (nil when none).
func rawType(t *testing.T, m Model, s string) (Model, []*filterJob) {
	t.Helper()
	var jobs []*filterJob
	for _, r := range s {
		next, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		m = next.(Model)
		jobs = append(jobs, m.table.filter.pending)
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
	if m.filter.Value() != "ci" || m.table.filter.query() != "" || len(rowNames(m)) != 4 {
		t.Fatalf("input %q, applied %q, %d rows: Update filtered", m.filter.Value(), m.table.filter.query(), len(rowNames(m)))
	}
	if jobs[1] == nil || jobs[1].query != "ci" {
		t.Fatalf("no job for the last query: %+v", jobs[1])
	}
	m = update(m, jobs[1].run())
	if got := rowNames(m); !slices.Equal(got, []string{"bravo-ci", "charlie-ci"}) {
		t.Errorf("after the result: %v", got)
	}
}

func TestStaleFilterResultsAreDropped(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	// Typed fast: three jobs start, none has answered yet.
	m, jobs := rawType(t, m, "cha")
	results := make([]filterResultMsg, len(jobs))
	for i, j := range jobs {
		results[i] = j.run()
	}
	// An older answer arriving first changes nothing.
	m = rawUpdate(m, results[0])
	if m.table.filter.query() != "" || len(rowNames(m)) != 4 {
		t.Fatalf("a stale result for %q was applied: %v", results[0].job.query, rowNames(m))
	}
	m = rawUpdate(m, results[2])
	want := []string{"charlie-ci"}
	if got := rowNames(m); !slices.Equal(got, want) || m.table.filter.query() != "cha" {
		t.Fatalf("final result: %v (query %q)", got, m.table.filter.query())
	}
	// One arriving after the newest must not overwrite it.
	m = rawUpdate(m, results[1])
	if got := rowNames(m); !slices.Equal(got, want) || m.table.filter.query() != "cha" {
		t.Errorf("a late result for %q replaced the newest: %v", results[1].job.query, got)
	}
	// Nor may a result for a list that was replaced since.
	m, jobs = rawType(t, m, "r")
	m = rawUpdate(m, tokensLoadedMsg{gen: m.listGen, index: buildIndex(modelFixture()), at: testNow})
	if m.table.filter.query() != "char" {
		t.Fatalf("the new list lost the typed query: %q", m.table.filter.query())
	}
	before := m.table.rows()
	m = rawUpdate(m, jobs[0].run())
	if rows := m.table.rows(); len(rows) != len(before) || &rows[0] != &before[0] {
		t.Error("a result computed on the old list was applied to the new one")
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
	if sel, ok := m.table.selected(); !ok || sel.Name != "delta" || m.table.filter.pending != nil {
		t.Fatalf("after enter: selected %v, pending %v", sel, m.table.filter.pending)
	}
}

func TestBackspaceReusesALevelWithoutAJob(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = typeText(press(m, "/"), "ci")
	next, _ := m.Update(keyMsg("backspace"))
	m = next.(Model)
	if m.table.filter.pending != nil || m.table.filter.query() != "c" {
		t.Fatalf("backspace: pending %v, query %q", m.table.filter.pending, m.table.filter.query())
	}
	if got := rowNames(m); !slices.Equal(got, []string{"bravo-ci", "charlie-ci"}) {
		t.Errorf("rows for c: %v", got)
	}
}

func TestSlowFilterSaysSo(t *testing.T) {
	m := loadedModel(t, &memProvider{}, modelFixture(), nil, 120, 35)
	m = press(m, "/")
	m, jobs := rawType(t, m, "xyz")
	m = rawUpdate(m, filterSlowMsg{job: jobs[0]}) // an old job's timer
	if strings.Contains(statusLine(m), "filtering") {
		t.Error("an old job's timer marked the newest as slow")
	}
	m = rawUpdate(m, filterSlowMsg{job: jobs[2]})
	if !strings.Contains(statusLine(m), "filtering… 4 tokens") {
		t.Errorf("slow filter not shown: %q", statusLine(m))
	}
	m = rawUpdate(m, jobs[2].run())
	if strings.Contains(m.View(), "filtering") {
		t.Error("still says filtering after the result")
	}
}

// TestFilterJobsRunBesideUpdate runs filter jobs on other goroutines while
// Update keeps typing and a revoke removes tokens: with -race, any write to
// what a job reads is caught.
func TestFilterJobsRunBesideUpdate(t *testing.T) {
	tokens := syntheticTokens(3000, rand.New(rand.NewPCG(5, 6)))
	m := loadedModel(t, &memProvider{}, tokens, nil, 120, 35)
	m = press(m, "/")
	results := make(chan filterResultMsg, 64)
	var wg sync.WaitGroup
	start := func(j *filterJob) {
		if j == nil {
			return
		}
		wg.Add(1)
		go func() { defer wg.Done(); results <- j.run() }()
	}
	var jobs []*filterJob
	m, jobs = rawType(t, m, "ci-r")
	for _, j := range jobs {
		start(j)
	}
	// Meanwhile: a revoke lands and the person keeps typing.
	m = update(m, revokeDoneMsg{results: []revokeResult{{token: tokens[0]}, {token: tokens[1]}}})
	m, jobs = rawType(t, m, "un")
	for _, j := range jobs {
		start(j)
	}
	wg.Wait()
	close(results)
	for r := range results {
		m = update(m, r)
	}
	want := naiveFilter(m.table.ix.tokens, m.table.ix.order(m.table.sort), "ci-run")
	if m.table.filter.query() != "ci-run" || !slices.Equal(m.table.rows(), want) {
		t.Fatalf("query %q, %d rows; want %d", m.table.filter.query(), len(m.table.rows()), len(want))
	}
	for _, i := range m.table.rows() {
		if m.table.ix.gone[i] {
			t.Fatal("a revoked token is shown")
		}
	}
}
