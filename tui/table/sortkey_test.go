package table

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// Sorting on keys made once gives the order comparing the tokens gives:
// every key, on tokens made to tie, to miss values and to differ in case.
func TestSortByKeysMatchesComparingTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tokens := tokentest.Synthetic(3000, rng)
	words := []string{"", "Admin", "admin", "member", "Prod", "prod", "*", "dev"}
	for i := range tokens {
		tk := &tokens[i]
		if i%7 == 0 {
			tk.Name = strings.ToUpper(tk.Name[:3]) + tk.Name[3:]
		}
		if i%11 == 0 {
			tk.Name = fmt.Sprintf("same-%02d", i%4) // ties on the name: the ID decides
		}
		tk.Role, tk.Environment = words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		tk.Projects = [][]string{nil, {"*"}, {"default"}, {"Default", "web"}}[rng.IntN(4)]
		if rng.IntN(3) > 0 {
			tk.LastUsedAt = tokentest.Now.Add(-time.Duration(rng.IntN(1000)) * time.Hour)
		}
		switch rng.IntN(8) {
		case 0:
			tk.CreatedAt = time.Time{}
		case 1:
			tk.CreatedAt = tokens[0].CreatedAt.Add(time.Duration(rng.IntN(3))) // ties to the nanosecond
		}
		if rng.IntN(9) == 0 {
			tk.ExpiresAt, tk.InvalidDates = time.Time{}, client.DateExpires
		}
	}
	ix := BuildIndex(tokens)
	for k := range sortKeys {
		got, _ := ix.sorts.get(k)
		want := referenceOrder(ix, k)
		if !slices.Equal(got, want) {
			t.Errorf("%v: the orders differ", k)
		}
	}
}

// referenceOrder sorts by comparing tokens, as the table did before keys.
func referenceOrder(ix *Index, k SortKey) []int32 {
	tokens := ix.tokens
	by := referenceComparator(ix, k)
	order := make([]int32, len(tokens))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if by != nil {
			if c := by(&tokens[a], &tokens[b], a, b); c != 0 {
				return c
			}
		}
		if c := naturalCompare(ix.lowerName(a), ix.lowerName(b)); c != 0 {
			return c
		}
		return strings.Compare(tokens[a].ID, tokens[b].ID)
	})
	return order
}

func referenceComparator(ix *Index, k SortKey) func(ta, tb *client.Token, a, b int32) int {
	text := func(a, b string) int {
		return zeroLast(a == "", b == "", strings.Compare(strings.ToLower(a), strings.ToLower(b)))
	}
	switch k {
	case SortByID:
		return func(_, _ *client.Token, a, b int32) int { return strings.Compare(ix.lowerIDs[a], ix.lowerIDs[b]) }
	case SortByScopes:
		return func(ta, tb *client.Token, _, _ int32) int { return cmpInt(len(tb.Scopes), len(ta.Scopes)) }
	case SortByRole:
		return func(ta, tb *client.Token, _, _ int32) int { return text(ta.Role, tb.Role) }
	case SortByProjects:
		return func(ta, tb *client.Token, _, _ int32) int {
			return text(listSummary(ta.Projects), listSummary(tb.Projects))
		}
	case SortByEnvironment:
		return func(ta, tb *client.Token, _, _ int32) int { return text(ta.Environment, tb.Environment) }
	case SortByCreated:
		return func(ta, tb *client.Token, _, _ int32) int {
			return zeroLast(ta.CreatedAt.IsZero(), tb.CreatedAt.IsZero(), tb.CreatedAt.Compare(ta.CreatedAt))
		}
	case SortByExpires:
		return func(ta, tb *client.Token, _, _ int32) int {
			return zeroLast(!ta.Expires(), !tb.Expires(), ta.ExpiresAt.Compare(tb.ExpiresAt))
		}
	case SortByLastUsed:
		return func(ta, tb *client.Token, _, _ int32) int { return ta.LastUsedAt.Compare(tb.LastUsedAt) }
	case SortByIPs:
		return func(ta, tb *client.Token, _, _ int32) int {
			if c := cmpInt(min(len(ta.AllowedIPs), 1), min(len(tb.AllowedIPs), 1)); c != 0 || len(ta.AllowedIPs) == 0 {
				return c
			}
			return strings.Compare(ta.AllowedIPs[0], tb.AllowedIPs[0])
		}
	}
	return nil
}

func zeroLast(aZero, bZero bool, c int) int {
	switch {
	case aZero && bZero:
		return 0
	case aZero:
		return 1
	case bZero:
		return -1
	}
	return c
}

// Dates anywhere from year 1 to 9999, before 1970 too, to the nanosecond:
// too far apart for seconds and nanoseconds to share one key, so the
// date orders sort on the two; and dates a few nanoseconds apart, which
// share one.
func TestSortByDatesAcrossTheirWholeRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	first := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	last := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	wide := tokentest.Synthetic(2000, rng)
	near := tokentest.Synthetic(2000, rng)
	for i := range wide {
		at := func() time.Time { return time.Unix(first+rng.Int64N(last-first), rng.Int64N(1e9)).UTC() }
		wide[i].CreatedAt, wide[i].ExpiresAt, wide[i].LastUsedAt = at(), at(), at()
		base := tokentest.Now.Add(time.Duration(rng.IntN(3)) * time.Second)
		near[i].CreatedAt, near[i].ExpiresAt = base.Add(time.Duration(rng.IntN(5))), base.Add(-time.Duration(rng.IntN(5)))
	}
	for name, tokens := range map[string][]client.Token{"wide": wide, "near": near} {
		ix := BuildIndex(tokens)
		for _, k := range []SortKey{SortByCreated, SortByExpires, SortByLastUsed} {
			if got, _ := ix.sorts.get(k); !slices.Equal(got, referenceOrder(ix, k)) {
				t.Errorf("%s dates, %v: the orders differ", name, k)
			}
		}
	}
}
