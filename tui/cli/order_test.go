package cli

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// list prints tokens by name without regard to case, then by creation,
// then by ID, then as listed: nameOrder gives the order of comparing the
// tokens so, for names that differ only in case, beyond ASCII, share long
// prefixes or are the same, with creation times and IDs that tie too.
func TestNameOrderMatchesComparingTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	names := []string{"deploy", "Deploy", "DEPLOY", "deploy-2", "Éclair", "éclair", "ÉCLAIR", "ǅemo", "", "a", "okta-sync-us-east-1", "okta-sync-us-east-10"}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var tokens []client.Token
	for range 2*namesPerRun + 300 { // lower-cased in several runs
		tokens = append(tokens, client.Token{
			ID:        fmt.Sprintf("id-%d", rng.IntN(40)),
			Name:      names[rng.IntN(len(names))] + strings.Repeat("x", rng.IntN(3)),
			CreatedAt: base.Add(time.Duration(rng.IntN(4)) * time.Second).Add(time.Duration(rng.IntN(2))),
		})
	}
	want := make([]int32, len(tokens))
	for i := range want {
		want[i] = int32(i)
	}
	slices.SortFunc(want, func(a, b int32) int {
		ta, tb := tokens[a], tokens[b]
		if c := strings.Compare(strings.ToLower(ta.Name), strings.ToLower(tb.Name)); c != 0 {
			return c
		}
		if c := ta.CreatedAt.Compare(tb.CreatedAt); c != 0 {
			return c
		}
		if c := strings.Compare(ta.ID, tb.ID); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if got := nameOrder(tokens); !slices.Equal(got, want) {
		t.Fatal("nameOrder differs from comparing the tokens")
	}
}
