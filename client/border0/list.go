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

// listEnvelope is Border0's {"list": [...]}. present tells an empty org
// ("list": null, which a Go server sends for an empty slice) from an answer
// that is not a token list at all.
type listEnvelope struct {
	List tokenList `json:"list"`
}

type tokenList struct {
	items   []wireToken
	present bool
}

func (l *tokenList) UnmarshalJSON(data []byte) error {
	l.present = true
	return json.Unmarshal(data, &l.items)
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
		if !env.List.present {
			return nil, &client.ServerError{Status: resp.Status, Message: `the answer is not a token list (no "list" in it)`}
		}
		items = env.List.items
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
