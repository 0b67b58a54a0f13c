package cli

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/internal/textsort"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// session is where a command that talks to an API starts: the selected
// profile, its provider, and what the command asked connect to read first.
type session struct {
	prov    client.Provider
	prof    profile.Profile
	tokens  []client.Token // with readTokens
	catalog client.Catalog // with readCatalog
}

// reads says what connect fetches before a command starts its own work.
type reads int

const (
	readTokens  reads = 1 << iota // the token list (list, revoke, check)
	readCatalog                   // what a new token can be given (create, scopes, check)
)

// connect resolves the profile from the global flags, connects to it and
// reads what the command needs (the token list first, then the catalog).
// With --demo it starts the emulators, which close when the command ends.
func (inv *invocation) connect(ctx context.Context, what reads) (*session, error) {
	sel, err := inv.resolve(profile.Resolve)
	if err != nil {
		return nil, err
	}
	if sel.ConfigErr != nil {
		fmt.Fprintf(inv.io.Err, "warning: ignoring the config file: %s\n", sel.ConfigErr)
	}
	return openSession(ctx, sel.Selected, what)
}

// resolve selects with resolve (profile.Resolve or ResolveAll) from the
// profile flags and this invocation's environment and clock; the demo's
// emulators, if started, stop when the command ends.
func (inv *invocation) resolve(resolve func(profile.Options) (*profile.Selection, error)) (*profile.Selection, error) {
	opts := inv.global
	opts.Env, opts.Clock, opts.StartDemo = inv.io.Env, inv.io.Now, demo.Start
	sel, err := resolve(opts)
	if err != nil {
		return nil, err
	}
	inv.cleanup = append(inv.cleanup, sel.Close)
	return sel, nil
}

// openSession opens the profile (fetching its admin token) and reads what
// the command needs: the token list first, then the catalog.
func openSession(ctx context.Context, p profile.Profile, what reads) (*session, error) {
	prov, err := profile.Open(ctx, p)
	if err != nil {
		return nil, err
	}
	s := &session{prov: prov, prof: p}
	if what&readTokens != 0 {
		if s.tokens, err = prov.List(ctx); err != nil {
			return nil, err
		}
		for i := range s.tokens {
			s.tokens[i].Profile = p.Name
		}
	}
	if what&readCatalog != 0 {
		if s.catalog, err = prov.Catalog(ctx); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// object is t as JSON.md's token object, on this session's profile.
func (s *session) object(t *client.Token, now time.Time) jsonToken {
	if t.Profile == "" { // a token created, not listed
		named := *t
		named.Profile = s.prof.Name
		t = &named
	}
	return tokenout.From(t, s.prov.Kind(), now)
}

// The token object of JSON.md, shared with the dashboard's export.
type (
	jsonToken = tokenout.Token
	jsonTime  = tokenout.Time
)

// nameOrder is the order tokens are printed in: by name
// (case-insensitively), then creation, then id, so two runs print the same
// order whatever the API did; as indices into ts. The lower-cased names
// are written into strings of their own (a run of tokens on each core) and
// sorted by their bytes (textsort), not the tokens: lower-casing both
// names in each of a 100 000-token list's 1.7 million comparisons, and
// swapping 300-byte tokens, took most of `list`'s time.
func nameOrder(ts []client.Token) []int32 {
	keys := make([]string, len(ts))
	runs := (len(ts) + namesPerRun - 1) / namesPerRun
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), runs) {
		wg.Go(func() {
			for r := int(next.Add(1) - 1); r < runs; r = int(next.Add(1) - 1) {
				lowerNames(ts, keys, r*namesPerRun, min(len(ts), (r+1)*namesPerRun))
			}
		})
	}
	wg.Wait()
	return textsort.Order(keys, func(a, b int32) int {
		if c := ts[a].CreatedAt.Compare(ts[b].CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(ts[a].ID, ts[b].ID) // the same token twice: as listed
	})
}

// namesPerRun is how many names one core lower-cases at a time.
const namesPerRun = 4096

// lowerNames sets keys[from:to] to the lower-cased names of those tokens,
// written into one string.
func lowerNames(ts []client.Token, keys []string, from, to int) {
	size := 0
	for i := from; i < to; i++ {
		size += len(ts[i].Name)
	}
	var all strings.Builder
	all.Grow(size)
	ends := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		all.WriteString(textsort.Lower(ts[i].Name))
		ends = append(ends, all.Len())
	}
	names, start := all.String(), 0
	for j, end := range ends {
		keys[from+j], start = names[start:end], end
	}
}

// sortTokens puts tokens in nameOrder.
func sortTokens(ts []client.Token) {
	sorted := make([]client.Token, len(ts))
	for pos, i := range nameOrder(ts) {
		sorted[pos] = ts[i]
	}
	copy(ts, sorted)
}

// access summarises what a token may do, in one cell.
func access(t *client.Token) string {
	var parts []string
	if t.Role != "" {
		parts = append(parts, t.Role)
	}
	switch n := len(t.Scopes); {
	case n == 0:
	case n <= 2:
		parts = append(parts, strings.Join(t.Scopes, ", "))
	default:
		parts = append(parts, t.Scopes[0]+", "+t.Scopes[1]+" +"+strconv.Itoa(n-2)+" more")
	}
	if len(t.Projects) > 0 {
		p := strings.Join(t.Projects, ",")
		if p == "*" {
			p = "all projects"
		}
		parts = append(parts, p)
	}
	if t.Environment != "" {
		e := t.Environment
		if e == "*" {
			e = "all environments"
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, " · ")
}

// matches reports whether the token contains text (lower-cased) in its id,
// name, permissions, creator or owner.
func matches(t *client.Token, text string) bool {
	if text == "" {
		return true
	}
	has := func(f string) bool { return strings.Contains(strings.ToLower(f), text) }
	return has(t.ID) || has(t.Name) || has(t.Role) || has(t.Environment) || has(t.CreatedBy) || has(t.Owner) ||
		slices.ContainsFunc(t.Scopes, has) || slices.ContainsFunc(t.Projects, has)
}

// canCreateTokens reports whether a token can mint other tokens: the
// GoodAccess token.create scope, or an admin role or type.
func canCreateTokens(t client.Token) (string, bool) {
	if slices.Contains(t.Scopes, "token.create") {
		return "has scope token.create", true
	}
	if strings.EqualFold(t.Role, "admin") {
		return "is an admin token", true
	}
	return "", false
}
