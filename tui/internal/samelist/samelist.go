// Package samelist names a string list by identity: where its elements
// are and how many. Tokens of a list share a handful of scope lists (a
// GoodAccess list's are decoded once for all the tokens that have one), so
// what is worked out for one list — that it is clean, how it is written —
// is worked out once and looked up by the list for the rest. Two lists
// with one ID hold the same strings: strings do not change, and nothing
// writes into a token's list while its list is in use.
package samelist

import "unsafe"

// ID is a list's identity.
type ID struct {
	first *string
	n     int
}

// Of is the identity of ss.
func Of(ss []string) ID { return ID{unsafe.SliceData(ss), len(ss)} }
