package table

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// typeQuery asks for typed plus each rune of s in turn, as keys typed into
// the filter do, delivering no result, and returns the job each key left
// pending (nil when none).
func typeQuery(t *Model, typed, s string) []*FilterJob {
	var jobs []*FilterJob
	for _, r := range s {
		typed += string(r)
		t.RequestQuery(typed)
		jobs = append(jobs, t.Pending())
	}
	return jobs
}

func TestStaleFilterResultsAreDropped(t *testing.T) {
	tb := loaded(tokentest.Fixture())
	// Typed fast: three jobs start, none has answered yet.
	jobs := typeQuery(&tb, "", "cha")
	results := make([]FilterResultMsg, len(jobs))
	for i, j := range jobs {
		results[i] = j.Run()
	}
	// An older answer arriving first changes nothing.
	tb, _ = tb.Update(results[0])
	if tb.Query() != "" || len(names(&tb)) != 4 {
		t.Fatalf("a stale result for %q was applied: %v", results[0].Job.Query(), names(&tb))
	}
	tb, _ = tb.Update(results[2])
	want := []string{"charlie-ci"}
	if got := names(&tb); !slices.Equal(got, want) || tb.Query() != "cha" {
		t.Fatalf("final result: %v (query %q)", got, tb.Query())
	}
	// One arriving after the newest must not overwrite it.
	tb, _ = tb.Update(results[1])
	if got := names(&tb); !slices.Equal(got, want) || tb.Query() != "cha" {
		t.Errorf("a late result for %q replaced the newest: %v", results[1].Job.Query(), got)
	}
	// Nor may a result for a list that was replaced since.
	jobs = typeQuery(&tb, "cha", "r")
	tb.SetIndex(BuildIndex(tokentest.Fixture()))
	if tb.Query() != "char" {
		t.Fatalf("the new list lost the typed query: %q", tb.Query())
	}
	before := tb.rows()
	tb, _ = tb.Update(jobs[0].Run())
	if rows := tb.rows(); len(rows) != len(before) || &rows[0] != &before[0] {
		t.Error("a result computed on the old list was applied to the new one")
	}
}

// TestFilterJobsRunBesideUpdate runs filter jobs on other goroutines while
// the table keeps taking keys and a revoke removes tokens: with -race, any
// write to what a job reads is caught.
func TestFilterJobsRunBesideUpdate(t *testing.T) {
	tokens := tokentest.Synthetic(3000, rand.New(rand.NewPCG(5, 6)))
	tb := loaded(tokens)
	results := make(chan FilterResultMsg, 64)
	var wg sync.WaitGroup
	start := func(j *FilterJob) {
		if j == nil {
			return
		}
		wg.Add(1)
		go func() { defer wg.Done(); results <- j.Run() }()
	}
	for _, j := range typeQuery(&tb, "", "ci-r") {
		start(j)
	}
	// Meanwhile: a revoke lands and the person keeps typing.
	tb.Remove([]string{tokens[0].ID, tokens[1].ID})
	for _, j := range typeQuery(&tb, "ci-r", "un") {
		start(j)
	}
	wg.Wait()
	close(results)
	for r := range results {
		tb, _ = tb.Update(r)
	}
	want := naiveFilter(tb.ix.tokens, tb.ix.rowsIn(tb.sort), "ci-run")
	if tb.Query() != "ci-run" || !slices.Equal(tb.rows(), want) {
		t.Fatalf("query %q, %d rows; want %d", tb.Query(), len(tb.rows()), len(want))
	}
	for _, i := range tb.rows() {
		if tb.ix.gone[i] {
			t.Fatal("a revoked token is shown")
		}
	}
}
