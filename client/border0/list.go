package border0

import (
	"context"
	"net/http"
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// List returns every token, expired ones included: the organisation's own,
// then those of its service accounts and connectors (each from its own
// list, read concurrently). A token the organisation list also shows (it
// may serve every kind) is kept once, with its owner, so it is revoked at
// its owner's path.
func (p *Provider) List(ctx context.Context) ([]client.Token, error) {
	org, err := p.orgTokens(ctx)
	if err != nil {
		return nil, err
	}
	owned, err := p.ownedTokens(ctx)
	if err != nil {
		return nil, err
	}
	for i := range owned {
		// Their owner's name came from another answer after the token's
		// own fields were scrubbed: a server could have put a secret there.
		client.ScrubToken(&owned[i])
	}
	tokens := merge(org, owned)
	p.markSelf(tokens)
	return tokens, nil
}

// orgTokens is the organisation's token list.
func (p *Provider) orgTokens(ctx context.Context) ([]client.Token, error) {
	return p.tokensAt(ctx, tokensPath)
}

// tokensAt fetches a token list, decoding it as it arrives (rest.GetList).
func (p *Provider) tokensAt(ctx context.Context, path string) ([]client.Token, error) {
	tokens, found, err := rest.GetList(ctx, p.api, rest.Request{Method: http.MethodGet, Path: path}, listKey, convertToken)
	if err != nil {
		return nil, err
	}
	return tokenList(tokens, found, http.StatusOK)
}

// markSelf marks the admin token in use, when its claims say which it is.
// Then every token listed is known to be it or not.
func (p *Provider) markSelf(tokens []client.Token) {
	if p.selfID == "" {
		return
	}
	for i := range tokens {
		tokens[i].Reported |= client.FactSelf
		tokens[i].Self = tokens[i].ID == p.selfID
	}
}

// merge appends owned to org, dropping organisation entries that are an
// owned token seen again.
func merge(org, owned []client.Token) []client.Token {
	if len(owned) == 0 {
		return org
	}
	seen := make(map[string]bool, len(owned))
	for _, t := range owned {
		seen[t.ID] = true
	}
	out := org[:0]
	for _, t := range org {
		if t.ID == "" || !seen[t.ID] {
			out = append(out, t)
		}
	}
	return append(out, owned...)
}

// wireToken is one entry of a token list. The shapes differ between
// Border0's SDK ("id", created_at) and the only token-list schema its
// OpenAPI document publishes (serializer.TokenSummary: "token_id", no
// created_at, the owner by name), and neither is confirmed, so the decoder
// takes both: ids as strings or numbers, timestamps in any of Border0's
// forms.
type wireToken struct {
	ID             flexString `json:"id"`
	TokenID        flexString `json:"token_id"`
	Name           string     `json:"name"`
	Role           string     `json:"role"`
	CreatedBy      string     `json:"created_by"`
	CreatedAt      flexTime   `json:"created_at"`
	ExpiresAt      flexTime   `json:"expires_at"`
	ServiceAccount string     `json:"service_account"`
	Connector      string     `json:"connector"`
}

// listKey: a list is {"list": [...]} or a bare array. "list": null is an
// empty organisation (a Go server's empty slice); an object without "list"
// is not a token list at all.
var listKey = rest.BareOrKey("list")

// decodeList decodes a buffered list answer (tests, benchmarks) as
// tokensAt decodes one as it arrives.
func decodeList(resp rest.Response) ([]client.Token, error) {
	tokens, found, err := rest.DecodeList(resp, listKey, convertToken)
	if err != nil {
		return nil, err
	}
	return tokenList(tokens, found, resp.Status)
}

// tokenList is a decoded list, or why it is not one.
func tokenList(tokens []client.Token, found bool, status int) ([]client.Token, error) {
	if !found {
		return nil, &client.ServerError{Status: status, Message: `the answer is not a token list (no "list" in it)`}
	}
	if tokens == nil {
		tokens = []client.Token{}
	}
	return tokens, nil
}

// convertToken converts a list entry into its place in the list (zero on
// entry: rest.GetList).
func convertToken(w *wireToken, t *client.Token) error {
	w.fill(t)
	return nil
}

// token converts a wire entry (fill).
func (w *wireToken) token() (t client.Token) {
	w.fill(&t)
	return t
}

// fill converts a wire entry into t (zero on entry), sanitising every
// string. An entry that names a service account belongs to it (revoked at
// its path); one that names a connector says so, but a name is not the
// connector's id, so it stays addressed as an organisation token.
func (w *wireToken) fill(t *client.Token) {
	id := w.ID
	if id == "" {
		id = w.TokenID
	}
	t.ID, t.Name = client.Sanitize(string(id)), client.Sanitize(w.Name)
	t.Role, t.CreatedBy = client.Sanitize(w.Role), client.Sanitize(w.CreatedBy)
	t.Reported = Descriptor.Can.Reports
	t.SetDate(client.DateCreated, w.CreatedAt.WireDate)
	t.SetDate(client.DateExpires, w.ExpiresAt.WireDate)
	switch account, connector := client.Sanitize(strings.TrimSpace(w.ServiceAccount)), client.Sanitize(strings.TrimSpace(w.Connector)); {
	case account != "":
		t.Owner, t.OwnerID = account, account
	case connector != "":
		t.Owner = "connector " + connector
	}
	client.ScrubToken(t)
}
