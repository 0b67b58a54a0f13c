package goodaccess

import (
	"bytes"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// decodeList reads GET /api/v1/tokens (a bare JSON array). The elements are
// decoded one at a time into a reused apiToken, so the only full-size
// structure built is the result; the body is not referenced once this
// returns.
func decodeList(resp rest.Response) ([]client.Token, error) {
	// Every token has an "id": counting them is a cheap, close estimate of
	// the length, so the result is allocated once at about its final size.
	hint := bytes.Count(resp.Body, []byte(`"id"`))
	shared := newScopeSharer()
	tokens, _, err := rest.DecodeList(resp, "", hint, func(a *apiToken) (client.Token, error) {
		return a.convert(shared.list(a.Scopes))
	})
	if err != nil {
		return nil, err
	}
	if tokens == nil { // a null list is an empty one
		tokens = []client.Token{}
	}
	return tokens, nil
}

// maxShared bounds the sharer's tables, so a server sending a different
// scope list for every token costs no more than it did without sharing.
const maxShared = 4096

// scopeSharer makes tokens with the same scope list share one sanitised
// copy of it. An account's tokens draw on a catalog of about fifty scopes
// in a handful of combinations, so with 100 000 tokens the per-token copies
// of the same few strings were a large part of the list's memory.
//
// Shared lists are clipped (len == cap), so appending to one copies it;
// nothing in tokentui writes into a token's Scopes in place.
type scopeSharer struct {
	lists   map[string][]string // NUL-joined raw scopes -> sanitised list
	strings map[string]string   // raw scope -> sanitised, shared string
	key     []byte
}

func newScopeSharer() *scopeSharer {
	return &scopeSharer{lists: map[string][]string{}, strings: map[string]string{}}
}

// list returns the shared, sanitised equivalent of raw. raw is the decoded
// slice of one element and is not kept.
func (s *scopeSharer) list(raw []string) []string {
	if len(raw) == 0 {
		return raw // nil stays nil (absent, null), [] stays empty
	}
	s.key = s.key[:0]
	for _, r := range raw {
		s.key = append(append(s.key, r...), 0)
	}
	if l, ok := s.lists[string(s.key)]; ok { // the lookup does not allocate
		return l
	}
	l := make([]string, len(raw))
	for i, r := range raw {
		l[i] = s.str(r)
	}
	if len(s.lists) < maxShared {
		s.lists[string(s.key)] = l
	}
	return l
}

// str returns the shared sanitised form of one scope.
func (s *scopeSharer) str(raw string) string {
	if c, ok := s.strings[raw]; ok {
		return c
	}
	c := client.Sanitize(raw)
	if len(s.strings) < maxShared {
		s.strings[raw] = c
	}
	return c
}
