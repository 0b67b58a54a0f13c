package goodaccess

import (
	"context"
	"net/http"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// listTokens fetches GET /api/v1/tokens (a bare JSON array) and decodes it
// as it arrives, one element at a time into a reused apiToken, so neither
// the 37 MB body of 100 000 tokens nor an intermediate []apiToken is held.
func listTokens(ctx context.Context, api *rest.Client, zone *time.Location) ([]client.Token, error) {
	tokens, _, err := rest.GetList(ctx, api, rest.Request{Method: http.MethodGet, Path: pathTokens}, "", listConverter(zone))
	if err != nil {
		return nil, err
	}
	return nonNil(tokens), nil
}

// decodeList decodes a buffered list answer the same way (benchmarks),
// its times in UTC.
func decodeList(resp rest.Response) ([]client.Token, error) {
	tokens, _, err := rest.DecodeList(resp, "", listConverter(time.UTC))
	if err != nil {
		return nil, err
	}
	return nonNil(tokens), nil
}

// listConverter converts list elements, sharing scope lists among them;
// times without a zone are read in zone.
func listConverter(zone *time.Location) func(*apiToken) (client.Token, error) {
	shared := newScopeSharer()
	return func(a *apiToken) (client.Token, error) {
		return a.convert(shared.list(a.Scopes), zone)
	}
}

// nonNil: a null list is an empty one.
func nonNil(tokens []client.Token) []client.Token {
	if tokens == nil {
		return []client.Token{}
	}
	return tokens
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
