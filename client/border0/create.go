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

// Create creates a token: an organisation token, or one of the service
// account or connector req.Owner names. The POST is sent once, never
// retried: a retry could mint a second token. Once the server has sent a
// secret, Create returns it whatever happens next (a failed read-back
// becomes a Warning): it is shown only once and must not be lost.
func (p *Provider) Create(ctx context.Context, req client.NewToken) (client.Created, error) {
	if owner := strings.TrimSpace(req.Owner); owner != "" {
		return p.createOwned(ctx, owner, req)
	}
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
	secret, err := secretOf(resp, out.Token, decodeErr, body.Name)
	if err != nil {
		return client.Created{}, err
	}
	// Border0 answers without the token's id and has no endpoint to get
	// one token, so it is found in the organisation list: by the id in the
	// JWT's claims when it carries one, else by what was asked for.
	claims, _ := DecodeClaims(secret) // a secret that is no JWT is still the secret
	created := client.Created{Secret: secret, Token: requested(body, out, claims)}
	want := created.Token
	return p.readBack(ctx, created, req, p.orgTokens, func(tokens []client.Token) (client.Token, bool) {
		return findCreated(tokens, want, claims.TokenID)
	}), nil
}

// secretOf is the secret of a create answer (resp), or, when it holds none
// where expected, an accepted unknown outcome offering whatever in the
// answer may be it: the token exists, and its secret is sent only once.
// name is what was asked for, which is not offered as a secret.
func secretOf(resp rest.Response, token string, decodeErr error, name string) (string, error) {
	secret := client.Sanitize(strings.TrimSpace(token))
	client.RememberSecret(secret) // read back after: an error must not echo it
	if secret == "" {
		cause := decodeErr
		if cause == nil {
			cause = errors.New(`the answer holds no secret under "token"`)
		}
		return "", rest.AcceptedWithoutSecret(resp, cause, name)
	}
	return secret, nil
}

// unconfirmed is Created.GrantsUnconfirmed when the new token could not be
// read back.
const unconfirmed = "the role and expiry Border0 gave the token could not be read back; what is shown is what was asked for"

// readBack replaces the requested token in c with the one read finds, and
// notes how it differs from the request. A token Border0 has not
// replicated yet is looked for once more after the read-after-write delay;
// after that it is a Warning, never an error: the secret exists.
func (p *Provider) readBack(ctx context.Context, c client.Created, req client.NewToken,
	read func(context.Context) ([]client.Token, error), find func([]client.Token) (client.Token, bool)) client.Created {
	for attempt := 0; ; attempt++ {
		tokens, err := read(ctx)
		if err != nil {
			c.Warning, c.GrantsUnconfirmed = "created, but reading it back failed: "+err.Error(), unconfirmed
			return c
		}
		if t, ok := find(tokens); ok {
			c.Token, c.GrantDiffs = t, client.CompareGrants(req, t)
			return c
		}
		if attempt == 1 || p.settle(ctx) != nil {
			c.Warning = "created, but it is not in its token list yet (Border0 replicates between regions, or another token shares its name); refresh in a moment"
			c.GrantsUnconfirmed = unconfirmed
			return c
		}
	}
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
	if len(out.CreatedAt) > 0 && json.Unmarshal(out.CreatedAt, &at) == nil && at.Present {
		t.SetDate(client.DateCreated, at.WireDate)
	}
	if t.CreatedAt.IsZero() && !t.InvalidDates.Has(client.DateCreated) {
		t.CreatedAt = claims.IssuedAt
	}
	if body.ExpiresAt != 0 {
		t.ExpiresAt = time.Unix(body.ExpiresAt, 0).UTC()
	}
	client.ScrubToken(&t)
	return t
}

// flexTimeOf reads a raw timestamp leniently: anything unreadable or out of
// range is zero.
func flexTimeOf(raw json.RawMessage) time.Time {
	var at flexTime
	if len(raw) > 0 && json.Unmarshal(raw, &at) == nil {
		t, _ := at.valid()
		return t
	}
	return time.Time{}
}

// findCreated picks the new token out of the list: by id when the secret
// named one, else the one token with its name and role, created in the
// same second, or, where the list has no created_at (Border0's published
// TokenSummary has none), with the same expiry. Two candidates are not
// guessed between.
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
		if t.Name != want.Name || (t.Role != "" && !strings.EqualFold(t.Role, want.Role)) || t.OwnerID != "" {
			continue
		}
		switch {
		case t.CreatedAt.IsZero():
			if !sameSecond(t.ExpiresAt, want.ExpiresAt) { // both unset counts as the same
				continue
			}
		case !want.CreatedAt.IsZero() && !sameSecond(t.CreatedAt, want.CreatedAt):
			continue
		}
		match = t
		n++
	}
	return match, n == 1
}

// sameSecond compares at the precision Border0 keeps.
func sameSecond(a, b time.Time) bool {
	return a.Truncate(time.Second).Equal(b.Truncate(time.Second))
}
