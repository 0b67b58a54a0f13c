package table

import (
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// SortKey is the table order `s` cycles through.
type SortKey int

const (
	SortByName SortKey = iota
	SortByCreated
	SortByExpires
	sortKeys // count
)

// String is how the header names the order: "name ↑", "created ↓".
func (k SortKey) String() string {
	switch k {
	case SortByCreated:
		return "created ↓"
	case SortByExpires:
		return "expires ↑"
	}
	return "name ↑"
}

// sortOrders are the storage indices of the tokens in each SortKey's
// order; lowerNames are their lower-cased names. Every order ends on name,
// then ID, which is unique: the unstable (faster) sort still gives one
// order for one list. (No cmp.Or: it would evaluate every comparison every
// time.)
func sortOrders(tokens []client.Token, lowerNames []string) [sortKeys][]int32 {
	nameThenID := func(a, b int32) int {
		if c := naturalCompare(lowerNames[a], lowerNames[b]); c != 0 {
			return c
		}
		return strings.Compare(tokens[a].ID, tokens[b].ID)
	}
	base := make([]int32, len(tokens))
	for i := range base {
		base[i] = int32(i)
	}
	byName := slices.Clone(base)
	slices.SortFunc(byName, nameThenID)
	byCreated := slices.Clone(base)
	slices.SortFunc(byCreated, func(a, b int32) int {
		if c := tokens[b].CreatedAt.Compare(tokens[a].CreatedAt); c != 0 {
			return c
		}
		return nameThenID(a, b)
	})
	byExpires := base
	slices.SortFunc(byExpires, func(a, b int32) int {
		ta, tb := &tokens[a], &tokens[b]
		if ta.Expires() != tb.Expires() { // never-expiring ones last
			if ta.Expires() {
				return -1
			}
			return 1
		}
		if c := ta.ExpiresAt.Compare(tb.ExpiresAt); c != 0 {
			return c
		}
		return nameThenID(a, b)
	})
	return [sortKeys][]int32{byName, byCreated, byExpires}
}

// ranksOf inverts each order: ranks[k][i] is token i's position in
// orders[k].
func ranksOf(orders [sortKeys][]int32) [sortKeys][]int32 {
	var ranks [sortKeys][]int32
	for k, order := range orders {
		rank := make([]int32, len(order))
		for pos, i := range order {
			rank[i] = int32(pos)
		}
		ranks[k] = rank
	}
	return ranks
}

// order is the live tokens in the given order, as storage indices.
func (ix *Index) order(k SortKey) []int32 { return ix.orders[k] }

// position is where storage index i sits in rows, a subsequence of order
// k, or -1: a binary search on the ranks.
func (ix *Index) position(k SortKey, rows []int32, i int32) int {
	rank := ix.ranks[k]
	if int(i) >= len(rank) {
		return -1
	}
	want := rank[i]
	pos, _ := slices.BinarySearchFunc(rows, want, func(r, w int32) int { return int(rank[r] - w) })
	if pos < len(rows) && rows[pos] == i {
		return pos
	}
	return -1
}
