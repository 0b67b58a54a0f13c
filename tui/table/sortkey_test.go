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

// Dates anywhere from year 1 to 9999, before 1970 too, to the nanosecond,
// some in the same second: too far apart for seconds and nanoseconds to
// share one key, so the date orders sort on the two; dates just inside
// and just outside what one key holds (2^34 seconds apart); five
// centuries apart; and a few nanoseconds apart, which share one key.
func TestSortByDatesAcrossTheirWholeRange(t *testing.T) {
	first := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	last := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	const oneKey = 1 << 34 // seconds one key holds the span of
	spreads := map[string]func(rng *rand.Rand) time.Time{
		"year 1 to 9999": func(rng *rand.Rand) time.Time {
			return time.Unix(first+rng.Int64N(last-first), rng.Int64N(1e9)).UTC()
		},
		"same seconds, far apart": func(rng *rand.Rand) time.Time {
			return time.Unix([]int64{first, -1, last}[rng.IntN(3)], rng.Int64N(3)).UTC()
		},
		"just inside one key": func(rng *rand.Rand) time.Time {
			return time.Unix(-oneKey/2+rng.Int64N(2)*(oneKey-1), rng.Int64N(2)*999_999_999).UTC()
		},
		"just outside one key": func(rng *rand.Rand) time.Time {
			return time.Unix(-oneKey/2+rng.Int64N(2)*oneKey, rng.Int64N(2)*999_999_999).UTC()
		},
		"five centuries": func(rng *rand.Rand) time.Time {
			return time.Date(1700+rng.IntN(500), 1, 1, 0, 0, 0, rng.IntN(1e9), time.UTC).Add(time.Duration(rng.Int64N(1e15)))
		},
		"nanoseconds apart": func(rng *rand.Rand) time.Time {
			return tokentest.Now.Add(time.Duration(rng.IntN(3))*time.Second + time.Duration(rng.IntN(5)))
		},
	}
	for name, at := range spreads {
		for seed := range uint64(20) {
			rng := rand.New(rand.NewPCG(3, seed))
			tokens := tokentest.Synthetic(300, rng)
			for i := range tokens {
				tokens[i].CreatedAt, tokens[i].ExpiresAt, tokens[i].LastUsedAt = at(rng), at(rng), at(rng)
				if rng.IntN(10) == 0 {
					tokens[i].LastUsedAt = time.Time{} // never used
				}
			}
			ix := BuildIndex(tokens)
			for _, k := range []SortKey{SortByCreated, SortByExpires, SortByLastUsed} {
				if got, _ := ix.sorts.get(k); !slices.Equal(got, referenceOrder(ix, k)) {
					t.Errorf("%s (seed %d), %v: the orders differ", name, seed, k)
				}
			}
		}
	}
}
