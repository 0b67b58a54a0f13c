package border0

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// createResponse is Border0's answer to a create. created_at is kept raw
// and parsed leniently after the secret is safe: an odd timestamp must not
// lose a secret the server has already issued.
type createResponse struct {
	Name      string          `json:"name"`
	Token     string          `json:"token"`
	CreatedAt json.RawMessage `json:"created_at"`
}

// Create creates a token. Border0 answers with the secret but not the
// token's id, and has no endpoint to get one token, so the new token is
// found in the list: by the id in the JWT's claims when it carries one,
// else by name and creation time. If that fails the secret is still
// returned, with a Warning: it is shown only once and must not be lost.
func (p *Provider) Create(ctx context.Context, req client.NewToken) (client.Created, error) {
	body, err := p.validate(req)
	if err != nil {
		return client.Created{}, err
	}
	resp, err := p.api.Do(ctx, rest.Request{Method: http.MethodPost, Path: tokensPath, Body: body})
	if err != nil {
		return client.Created{}, err
	}
	var out createResponse
	// encoding/json fills every field it can before it reports one of an
	// unexpected type, so a secret next to an odd "name" is still read.
	decodeErr := rest.Decode(resp, &out)
	secret := client.Sanitize(strings.TrimSpace(out.Token))
	if secret == "" {
		// The token exists and its secret is not where expected: offer
		// whatever in the answer may be it, rather than lose it.
		cause := decodeErr
		if cause == nil {
			cause = errors.New(`the answer holds no secret under "token"`)
		}
		return client.Created{}, rest.AcceptedWithoutSecret(resp, cause, body.Name)
	}

	claims, _ := DecodeClaims(secret) // a secret that is no JWT is still the secret
	created := client.Created{Secret: secret, Token: requested(body, out, claims)}

	tokens, err := p.List(ctx)
	if err != nil {
		created.Warning = "created, but reading it back failed: " + err.Error()
		return created, nil
	}
	if t, ok := findCreated(tokens, created.Token, claims.TokenID); ok {
		created.Token = t
	} else {
		created.Warning = "created, but it could not be found in the token list (another token may share its name); refresh to see it"
	}
	return created, nil
}

// requested is the new token as far as the request, the answer and the
// secret's claims tell: what Create returns when the list cannot.
func requested(body createRequest, out createResponse, claims Claims) client.Token {
	t := client.Token{
		ID:   claims.TokenID,
		Name: client.Sanitize(body.Name),
		Role: body.Role,
	}
	if name := client.Sanitize(out.Name); name != "" {
		t.Name = name
	}
	var at flexTime
	if len(out.CreatedAt) > 0 && json.Unmarshal(out.CreatedAt, &at) == nil {
		t.CreatedAt = at.Time
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = claims.IssuedAt
	}
	if body.ExpiresAt != 0 {
		t.ExpiresAt = time.Unix(body.ExpiresAt, 0).UTC()
	}
	return t
}

// findCreated picks the new token out of the list: by id when the secret
// named one, else the one token with its name, role and creation second.
// Two candidates are not guessed between.
func findCreated(tokens []client.Token, want client.Token, id string) (client.Token, bool) {
	if id != "" {
		for _, t := range tokens {
			if t.ID == id {
				return t, true
			}
		}
	}
	var match client.Token
	n := 0
	for _, t := range tokens {
		if t.Name != want.Name || (t.Role != "" && !strings.EqualFold(t.Role, want.Role)) {
			continue
		}
		if !want.CreatedAt.IsZero() && !t.CreatedAt.Truncate(time.Second).Equal(want.CreatedAt.Truncate(time.Second)) {
			continue
		}
		match = t
		n++
	}
	return match, n == 1
}
