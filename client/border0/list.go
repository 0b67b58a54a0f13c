package border0

import (
	"bytes"
	"context"
	"encoding/json"
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
	return decodeList(resp)
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

// listEnvelope is Border0's {"list": [...]}.
type listEnvelope struct {
	List []wireToken `json:"list"`
}

// decodeList accepts {"list": [...]} and a bare array.
func decodeList(resp rest.Response) ([]client.Token, error) {
	var items []wireToken
	body := bytes.TrimSpace(resp.Body)
	if len(body) > 0 && body[0] == '[' {
		if err := rest.Decode(resp, &items); err != nil {
			return nil, err
		}
	} else {
		var env listEnvelope
		if err := rest.Decode(resp, &env); err != nil {
			return nil, err
		}
		if env.List == nil && !hasListKey(body) {
			return nil, &client.ServerError{Status: resp.Status, Message: `the answer is not a token list (no "list" in it)`}
		}
		items = env.List
	}
	tokens := make([]client.Token, len(items))
	for i, w := range items {
		tokens[i] = w.token()
	}
	return tokens, nil
}

// token converts a wire entry, sanitising every string.
func (w wireToken) token() client.Token {
	return client.Token{
		ID:        client.Sanitize(string(w.ID)),
		Name:      client.Sanitize(w.Name),
		Role:      client.Sanitize(w.Role),
		CreatedBy: client.Sanitize(w.CreatedBy),
		CreatedAt: w.CreatedAt.Time,
		ExpiresAt: w.ExpiresAt.Time,
	}
}

// hasListKey tells an empty organisation ("list": null, which a Go server
// sends for an empty slice) from an answer that is not a token list at all.
// Only called when no list was decoded, so the second parse is of a small
// or wrong answer, never of a large list.
func hasListKey(body []byte) bool {
	var keys map[string]json.RawMessage
	if json.Unmarshal(body, &keys) != nil {
		return false
	}
	_, ok := keys["list"]
	return ok
}
