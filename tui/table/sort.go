package table

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tokentui/tokentui/client"
)

// SortKey is a column the table can be ordered by: `s` moves to the next
// one the provider's tokens have, `S` reverses the order.
type SortKey int

const (
	SortByName SortKey = iota
	SortByProfile
	SortByID
	SortByScopes
	SortByRole
	SortByProjects
	SortByEnvironment
	SortByCreated
	SortByExpires
	SortByLastUsed
	SortByIPs
	sortKeys // count
)

// Sort is an order of the table: a key and whether it runs against the
// key's natural direction.
type Sort struct {
	Key      SortKey
	Reversed bool
}

// descending reports which keys naturally put the largest value first:
// the newest creation, the most scopes. The rest start from the smallest:
// A to Z, the soonest expiry, the least recent use (never used first).
var descending = [sortKeys]bool{SortByCreated: true, SortByScopes: true}

// Arrow is how the header draws the direction: ↑ smallest first, ↓
// largest first.
func (s Sort) Arrow() string {
	if descending[s.Key] != s.Reversed {
		return "↓"
	}
	return "↑"
}

// sortColumns maps each key to the column it sorts.
var sortColumns = [sortKeys]columnID{
	SortByName: colName, SortByProfile: colProfile, SortByID: colID, SortByScopes: colScopes, SortByRole: colRole,
	SortByProjects: colProjects, SortByEnvironment: colEnvironment, SortByCreated: colCreated,
	SortByExpires: colExpires, SortByLastUsed: colLastUsed, SortByIPs: colIPs,
}

// keyOf is the key that sorts column c, and whether there is one (the
// masked secret orders nothing).
func keyOf(c columnID) (SortKey, bool) {
	for k, col := range sortColumns {
		if col == c {
			return SortKey(k), true
		}
	}
	return 0, false
}

// sortCache is the orders of one list, each sorted the first time it is
// asked for (BuildIndex sorts the ones the table needs at once), and shared
// by the index and every index `without` derives from it: the tokens are
// the same, only tombstones differ. Safe for concurrent use.
type sortCache struct {
	ix    *Index // as built; only its immutable parts are read
	slots [sortKeys]sortSlot
}

type sortSlot struct {
	once  sync.Once
	ready atomic.Bool
	order []int32 // every token, tombstoned ones too, in the key's order
	rank  []int32 // rank[i] is token i's position in order
}

// get sorts by k once and returns the order and its ranks.
func (c *sortCache) get(k SortKey) (order, rank []int32) {
	s := &c.slots[k]
	s.once.Do(func() { s.set(c.ix.sortBy(k)) })
	return s.order, s.rank
}

// put stores k's order, sorted elsewhere, unless it is sorted already.
func (c *sortCache) put(k SortKey, order []int32) {
	s := &c.slots[k]
	s.once.Do(func() { s.set(order) })
}

func (s *sortSlot) set(order []int32) {
	s.order = order
	s.rank = make([]int32, len(order))
	for pos, i := range order {
		s.rank[i] = int32(pos)
	}
	s.ready.Store(true)
}

// ready reports whether k is sorted already, so asking costs nothing.
func (c *sortCache) ready(k SortKey) bool { return c.slots[k].ready.Load() }

// liveOrders are one index's orders without its tombstones, made the
// first time each is asked for.
type liveOrders struct {
	slots [sortKeys]struct {
		once  sync.Once
		order []int32
	}
}

// order is the live tokens in k's natural order, as storage indices.
func (ix *Index) order(k SortKey) []int32 {
	full, _ := ix.sorts.get(k)
	if ix.live == len(ix.tokens) {
		return full
	}
	s := &ix.lives.slots[k]
	s.once.Do(func() {
		s.order = slices.DeleteFunc(slices.Clone(full), func(i int32) bool { return ix.gone[i] })
	})
	return s.order
}

// rowsIn is the live tokens in order s: reversed, a new slice.
func (ix *Index) rowsIn(s Sort) []int32 {
	order := ix.order(s.Key)
	if !s.Reversed {
		return order
	}
	out := slices.Clone(order)
	slices.Reverse(out)
	return out
}

// position is where storage index i sits in rows, a subsequence of the
// order s, or -1: a binary search on the ranks.
func (ix *Index) position(s Sort, rows []int32, i int32) int {
	_, rank := ix.sorts.get(s.Key)
	if int(i) >= len(rank) {
		return -1
	}
	want := rank[i]
	pos, _ := slices.BinarySearchFunc(rows, want, func(r, w int32) int {
		if s.Reversed {
			return int(w - rank[r])
		}
		return int(rank[r] - w)
	})
	if pos < len(rows) && rows[pos] == i {
		return pos
	}
	return -1
}

// NameTaken is the list's NameTaken as it is now (a later list does not
// change it: the list is immutable).
func (t *Model) NameTaken() func(string) bool { return t.ix.NameTaken }

// NameTaken reports whether a live token is called name (ignoring case):
// a binary search in the name order, so the create form can warn about a
// duplicate name at any list size.
func (ix *Index) NameTaken(name string) bool {
	if ix == nil {
		return false
	}
	q := strings.ToLower(client.Sanitize(name))
	order := ix.order(SortByName)
	pos, _ := slices.BinarySearchFunc(order, q, func(i int32, q string) int { return naturalCompare(ix.lowerName(i), q) })
	return pos < len(order) && ix.lowerName(order[pos]) == q
}
