package goodaccess

import (
	"encoding/json"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tokentui/tokentui/client"
)

// scopeList is a token's scopes, sanitised. An account's tokens draw on a
// catalog of about fifty scopes in a handful of combinations, so among
// 100 000 tokens there are a few dozen distinct lists: each is decoded,
// sanitised and scrubbed once (client.SharedStrings), then shared by every
// token that has it, found by its JSON text (sharedScopes), or in a list
// by the text its value begins with (UnmarshalPrefix). Decoding seven
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

// UnmarshalPrefix decodes a list seen before from the text data begins
// with (rest.PrefixUnmarshaler): one comparison instead of reading each
// string to find its end.
func (s *scopeList) UnmarshalPrefix(data []byte) int {
	l, n := sharedScopes.prefix(data)
	if n > 0 {
		s.shared = l
	}
	return n
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
// maps are replaced, never changed, when a list is added (rarely: once per
// distinct list).
type listCache struct {
	mu sync.Mutex
	m  atomic.Pointer[cachedLists]
}

// cachedLists is one state of the cache, never changed once published.
type cachedLists struct {
	byText map[string]*client.SharedStrings
	// byHead has the arrays of at least headLen bytes by their first
	// headLen, at most maxPerHead of each: how UnmarshalPrefix finds one
	// with a comparison or a few, however many lists begin alike.
	byHead map[string][]cachedList
}

type cachedList struct {
	text string
	list *client.SharedStrings
}

const (
	headLen    = 16
	maxPerHead = 4
)

func (c *listCache) get(raw []byte) (*client.SharedStrings, bool) {
	m := c.m.Load()
	if m == nil {
		return nil, false
	}
	l, ok := m.byText[string(raw)] // no allocation for the lookup
	return l, ok
}

// prefix is the list whose text data begins with, and its length; 0 when
// none.
func (c *listCache) prefix(data []byte) (*client.SharedStrings, int) {
	m := c.m.Load()
	if m == nil || len(data) < headLen {
		return nil, 0
	}
	for _, e := range m.byHead[string(data[:headLen])] {
		if len(e.text) <= len(data) && string(data[:len(e.text)]) == e.text {
			return e.list, len(e.text)
		}
	}
	return nil, 0
}

func (c *listCache) put(raw []byte, l *client.SharedStrings) {
	if len(raw) > maxSharedKey {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.m.Load()
	if old == nil {
		old = &cachedLists{}
	}
	if _, ok := old.byText[string(raw)]; ok || len(old.byText) >= maxShared {
		return // two decoders met it at once; or full
	}
	next := &cachedLists{byText: maps.Clone(old.byText), byHead: maps.Clone(old.byHead)}
	if next.byText == nil {
		next.byText, next.byHead = map[string]*client.SharedStrings{}, map[string][]cachedList{}
	}
	text := string(raw)
	next.byText[text] = l
	// Only arrays: a complete one is never the start of another value
	// (a number or a literal could be).
	if len(text) >= headLen && text[0] == '[' {
		if head := text[:headLen]; len(next.byHead[head]) < maxPerHead {
			next.byHead[head] = append(slices.Clip(next.byHead[head]), cachedList{text, l})
		}
	}
	c.m.Store(next)
}
