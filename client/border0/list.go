package border0

import (
	"bytes"
	"context"
	"net/http"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// List returns every organisation token, expired ones included.
func (p *Provider) List(ctx context.Context) ([]client.Token, error) {
	resp, err := p.api.Do(ctx, rest.Request{Method: http.MethodGet, Path: tokensPath, List: true})
	if err != nil {
		return nil, err
	}
	tokens, err := decodeList(resp)
	if err != nil {
		return nil, err
	}
	p.markSelf(tokens)
	return tokens, nil
}

// markSelf marks the admin token in use, when its claims say which it is.
// Then every token is known to be it or not: one that is not in this list
// (a service-account token) is simply none of these.
func (p *Provider) markSelf(tokens []client.Token) {
	if p.selfID == "" {
		return
	}
	for i := range tokens {
		tokens[i].Reported |= client.FactSelf
		tokens[i].Self = tokens[i].ID == p.selfID
	}
}

// wireToken is one entry of the list. The shape is inferred (Border0 does
// not publish it), so the decoder is lenient: ids as strings or numbers,
// timestamps in any of Border0's forms.
type wireToken struct {
	ID        flexString `json:"id"`
	Name      string     `json:"name"`
	Role      string     `json:"role"`
	CreatedBy string     `json:"created_by"`
	CreatedAt flexTime   `json:"created_at"`
	ExpiresAt flexTime   `json:"expires_at"`
}

// decodeList accepts {"list": [...]} and a bare array, decoding one entry
// at a time (rest.DecodeList) so no intermediate []wireToken is built.
// "list": null is an empty organisation (a Go server's empty slice); an
// object without "list" is not a token list at all.
func decodeList(resp rest.Response) ([]client.Token, error) {
	key := "list"
	if body := bytes.TrimSpace(resp.Body); len(body) > 0 && body[0] == '[' {
		key = ""
	}
	tokens, found, err := rest.DecodeList(resp, key, convertToken)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &client.ServerError{Status: resp.Status, Message: `the answer is not a token list (no "list" in it)`}
	}
	if tokens == nil {
		tokens = []client.Token{}
	}
	return tokens, nil
}

func convertToken(w *wireToken) (client.Token, error) { return w.token(), nil }

// token converts a wire entry, sanitising every string.
func (w wireToken) token() client.Token {
	return client.Token{
		ID:        client.Sanitize(string(w.ID)),
		Name:      client.Sanitize(w.Name),
		Role:      client.Sanitize(w.Role),
		CreatedBy: client.Sanitize(w.CreatedBy),
		CreatedAt: w.CreatedAt.Time,
		ExpiresAt: w.ExpiresAt.Time,
		Reported:  Descriptor.Can.Reports,
	}
}
