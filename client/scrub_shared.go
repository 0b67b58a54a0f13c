package client

import "sync/atomic"

// SharedStrings is a list of server strings that many tokens share (a
// provider decodes each distinct scope list once and gives it to every
// token that has it), scrubbed once for all of them: ScrubToken checks
// every string of every token's lists, and a list of fifty scopes checked
// again for each of 100 000 tokens was a tenth of loading them.
//
// The scrubbed list is kept with the secrets it was checked against (the
// bitmap, which every newly remembered secret replaces), so a secret
// remembered later is masked in it too: Scrubbed checks again then.
type SharedStrings struct {
	list     []string // sanitised, as decoded
	scrubbed atomic.Pointer[scrubbedStrings]
}

// scrubbedStrings is a list scrubbed against the secrets of grams.
type scrubbedStrings struct {
	grams *gramBits
	list  []string
}

// ShareStrings makes the shared list of a sanitised list; nothing may
// change list afterwards.
func ShareStrings(list []string) *SharedStrings { return &SharedStrings{list: list} }

// Strings is the list as it was given, secrets not masked.
func (s *SharedStrings) Strings() []string { return s.list }

// Scrubbed is the list with the secrets tokentui sends masked, as
// ScrubToken masks them in a token's lists: the list itself when it holds
// none. A token given it needs no ScrubToken for it. Safe on every core
// at once.
func (s *SharedStrings) Scrubbed() []string {
	x := sentSecrets
	g := x.current()
	if c := s.scrubbed.Load(); c != nil && c.grams == g {
		return c.list
	}
	// Scrubbed against g at least (a secret remembered meanwhile may be
	// masked too): kept as checked against g, so a later call that finds
	// newer secrets checks again.
	list := x.scrubAll(s.list)
	s.scrubbed.Store(&scrubbedStrings{grams: g, list: list})
	return list
}
