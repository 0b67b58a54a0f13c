package goodaccess

import (
	"encoding/json"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tokentui/tokentui/client"
)

// scopeList is a token's scopes, sanitised. An account's tokens draw on a
// catalog of about fifty scopes in a handful of combinations, so among
// 100 000 tokens there are a few dozen distinct lists: each is decoded,
// sanitised and scrubbed once (client.SharedStrings), then shared by every
// token that has it, found by its JSON text (sharedScopes). Decoding seven
// to fifty strings a token that nobody kept was a fifth of decoding a list
// and most of its garbage, and per-token copies of the same strings a
// large part of its memory.
//
// A list not seen before is decoded as encoding/json decodes a []string,
// errors included (FuzzScopeList holds it to that). Shared lists are
// clipped (len == cap), so appending to one copies it; nothing writes into
// a token's Scopes in place.
type scopeList struct {
	shared *client.SharedStrings // nil: absent
}

func (s *scopeList) UnmarshalJSON(raw []byte) error {
	if l, ok := sharedScopes.get(raw); ok {
		s.shared = l
		return nil
	}
	var l []string
	if err := json.Unmarshal(raw, &l); err != nil {
		return err
	}
	shared := client.ShareStrings(slices.Clip(client.SanitizeAll(l)))
	sharedScopes.put(raw, shared)
	s.shared = shared
	return nil
}

// strings is the list, sanitised; secrets are not masked.
func (s scopeList) strings() []string {
	if s.shared == nil {
		return nil
	}
	return s.shared.Strings()
}

// scrubbed is the list, sanitised and with the secrets tokentui sends
// masked, as client.ScrubToken masks them.
func (s scopeList) scrubbed() []string {
	if s.shared == nil {
		return nil
	}
	return s.shared.Scrubbed()
}

// sharedScopes holds the scope lists seen, for the life of the process.
var sharedScopes listCache

// Bounds of the cache: a server sending a different list for every token,
// or huge ones, costs what it did without sharing, and no more memory.
const (
	maxShared    = 1024
	maxSharedKey = 4 << 10 // bytes of JSON
)

// listCache maps a list's JSON text to its decoded list. Lists are read on
// every core at once while a list loads, so a lookup takes no lock: the
// map is replaced, never changed, when a list is added (rarely: once per
// distinct list).
type listCache struct {
	mu sync.Mutex
	m  atomic.Pointer[map[string]*client.SharedStrings]
}

func (c *listCache) get(raw []byte) (*client.SharedStrings, bool) {
	m := c.m.Load()
	if m == nil {
		return nil, false
	}
	l, ok := (*m)[string(raw)] // no allocation for the lookup
	return l, ok
}

func (c *listCache) put(raw []byte, l *client.SharedStrings) {
	if len(raw) > maxSharedKey {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var old map[string]*client.SharedStrings
	if m := c.m.Load(); m != nil {
		old = *m
	}
	if len(old) >= maxShared {
		return
	}
	next := make(map[string]*client.SharedStrings, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[string(raw)] = l
	c.m.Store(&next)
}
