package tui

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/table"
)

// Every provider call runs here, inside a tea.Cmd, so Update never waits on
// the network. Results come back as messages carrying what they need to be
// judged fresh or stale.

// tokensLoadedMsg is the result of one List. gen identifies the request:
// a result whose gen is not the latest one asked for is dropped, so a slow
// old refresh can never overwrite a newer list (or resurrect a revoked
// token).
type tokensLoadedMsg struct {
	gen   int
	index *table.Index // nil on error
	err   error
	at    time.Time
	// release gives the collector back (memory.go): a list that arrived
	// keeps it held until its old list has been collected; nil when
	// nothing is held.
	release func()
}

// catalogLoadedMsg carries the provider's catalog, asked for once at start.
type catalogLoadedMsg struct {
	catalog client.Catalog
	err     error
	provGen int // the provider it came from; see Model.provGen
}

// revokeResult is what the server did with one token.
type revokeResult struct {
	token client.Token
	err   error
}

// revokeDoneMsg reports a (bulk) revoke: per profile it ran on, one
// result per token.
type revokeDoneMsg struct {
	groups []revokeGroupDone
}

// revokeGroupDone is what a revoke did on one profile.
type revokeGroupDone struct {
	on      runOn
	results []revokeResult
}

// revokeConcurrency bounds parallel DELETEs of a bulk revoke: fast enough
// for hundreds of tokens, gentle enough not to trip a server's rate limit.
const revokeConcurrency = 4

// callTimeout bounds one provider call from the TUI's side; providers have
// their own (shorter) per-request timeouts, this only guards against a
// provider that never returns.
const callTimeout = 2 * time.Minute

// loadTokensCmd lists the tokens, counting what arrives into progress, and
// builds the index with the order sortBy shown. With manage, the
// collector waits for the memory limit meanwhile, and a list that arrived
// hands the hold on in its message (memory.go).
func loadTokensCmd(p client.Provider, gen int, now func() time.Time, sortBy table.SortKey, progress *client.Progress, manage bool) tea.Cmd {
	return func() tea.Msg {
		release := func() {}
		if manage {
			release = holdCollection()
		}
		ctx, cancel := context.WithTimeout(client.WithProgress(context.Background(), progress), callTimeout)
		defer cancel()
		tokens, err := p.List(ctx)
		if err != nil {
			release()
			return tokensLoadedMsg{gen: gen, err: err, at: now()}
		}
		// Building the index (sanitising, search keys, the orders shown)
		// is the only O(n log n) work of the table: do it here, off the UI
		// loop.
		msg := tokensLoadedMsg{gen: gen, index: table.BuildIndex(tokens, sortBy), at: now()}
		if manage {
			msg.release = release
		}
		return msg
	}
}

func loadCatalogCmd(p client.Provider, provGen int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		c, err := p.Catalog(ctx)
		return catalogLoadedMsg{catalog: c, err: err, provGen: provGen}
	}
}

// revokeCmd revokes each group's targets on its profile's provider, the
// profiles at once: on each, the others in parallel, then the admin token
// in use, if it is among them, alone and last, so that the others are not
// refused for want of it.
func revokeCmd(groups []revokeGroup) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		done := make([]revokeGroupDone, len(groups))
		var wg sync.WaitGroup
		for i, g := range groups {
			wg.Add(1)
			go func() {
				defer wg.Done()
				self, others := client.SplitSelf(g.targets)
				results := make([]revokeResult, 0, len(g.targets))
				results = append(results, revokeAll(ctx, g.on.prov, others)...)
				results = append(results, revokeAll(ctx, g.on.prov, self)...)
				done[i] = revokeGroupDone{on: g.on, results: results}
			}()
		}
		wg.Wait()
		return revokeDoneMsg{groups: done}
	}
}

// revokeAll revokes targets, a few at a time, one result each in order.
func revokeAll(ctx context.Context, p client.Provider, targets []client.Token) []revokeResult {
	results := make([]revokeResult, len(targets))
	sem := make(chan struct{}, revokeConcurrency)
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = revokeResult{token: t, err: p.Revoke(ctx, t)}
		}()
	}
	wg.Wait()
	return results
}
