// Package goodaccess speaks to the token endpoints of the GoodAccess
// Integration API (https://integration.goodaccess.com, Bearer auth):
// list, read, create and revoke API tokens with their scopes, expiry and
// allowed IPs.
package goodaccess

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// DefaultBaseURL is the Integration API's host, used when a connection does
// not name one.
const DefaultBaseURL = "https://integration.goodaccess.com"

const (
	pathTokens = "/api/v1/tokens"
	pathToken  = "/api/v1/token"
)

// Provider is a client.Provider for GoodAccess. It is safe for concurrent use.
type Provider struct {
	api     *rest.Client
	baseURL string
	now     func() time.Time // tests pin it
}

var _ client.Provider = (*Provider)(nil)

// New returns a provider for conn. It fails only on an unusable connection:
// no token, a malformed URL or an unreadable CA file.
func New(conn client.Connection) (*Provider, error) {
	if strings.TrimSpace(conn.Token) == "" {
		return nil, errors.New("goodaccess: no admin token; create one in the GoodAccess portal under Settings → API Integration")
	}
	base := strings.TrimRight(strings.TrimSpace(conn.BaseURL), "/")
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("goodaccess: base URL %q is not an http(s) URL such as %s", client.Sanitize(base), DefaultBaseURL)
	}
	api, err := rest.ForConnection(conn, base, rest.Bearer(strings.TrimSpace(conn.Token)), parseError)
	if err != nil {
		return nil, fmt.Errorf("goodaccess: %w", err)
	}
	return &Provider{api: api, baseURL: base, now: time.Now}, nil
}

// Catalog is the fixed GoodAccess scope list; it needs no request.
func (p *Provider) Catalog(context.Context) (client.Catalog, error) { return catalog(), nil }

// List returns every token (GET /api/v1/tokens, a bare JSON array).
func (p *Provider) List(ctx context.Context) ([]client.Token, error) {
	tokens, err := listTokens(ctx, p.api)
	if err != nil {
		return nil, notFound(err, "the token list at "+p.baseURL+pathTokens+" (is the base URL right?)")
	}
	return tokens, nil
}

// Get reads one token (GET /api/v1/token/{id}).
func (p *Provider) Get(ctx context.Context, id string) (client.Token, error) {
	if err := checkID(id, "read"); err != nil {
		return client.Token{}, err
	}
	var raw apiToken
	err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: tokenPath(id)}, &raw)
	if err != nil {
		return client.Token{}, notFound(err, "token "+client.Sanitize(id))
	}
	return raw.toToken()
}

// Create validates req, creates the token (POST /api/v1/token) and reads it
// back. Once the server has sent a secret, Create never fails: the token
// exists and the secret will not be sent again, so a failure after that point
// becomes a Warning next to the secret.
func (p *Provider) Create(ctx context.Context, req client.NewToken) (client.Created, error) {
	body, err := validate(req, p.now())
	if err != nil {
		return client.Created{}, err
	}
	resp, err := p.api.Do(ctx, rest.Request{Method: http.MethodPost, Path: pathToken, Body: body})
	if err != nil {
		return client.Created{}, err
	}
	var cr createResponse
	decodeErr := rest.Decode(resp, &cr)
	// encoding/json fills every field it can before it reports a field of an
	// unexpected type, so a secret next to an odd field is still read: the
	// token exists and its secret is not sent again.
	secret, id := cr.secretAndID()
	if secret == "" {
		// The token exists, and its secret is not where expected: offer
		// whatever in the answer may be it, rather than lose it.
		cause := decodeErr
		if cause == nil {
			cause = errors.New(`the answer holds no secret under "token" or "secret"`)
		}
		return client.Created{}, rest.AcceptedWithoutSecret(resp, cause, body.Name)
	}

	fallback := requested(body, id, p.now())
	if cr.apiToken.ID != "" && decodeErr == nil { // the answer was the token object itself
		if t, err := cr.apiToken.toToken(); err == nil {
			fallback = t
		}
	}
	if id == "" {
		return client.Created{Token: fallback, Secret: secret,
			Warning: "created, but the server sent no id to read the new token back"}, nil
	}
	t, err := p.Get(ctx, id)
	if err != nil {
		return client.Created{Token: fallback, Secret: secret,
			Warning: "created, but reading it back failed: " + err.Error()}, nil
	}
	return client.Created{Token: t, Secret: secret}, nil
}

// Revoke deletes the token (DELETE /api/v1/token/{id}).
func (p *Provider) Revoke(ctx context.Context, t client.Token) error {
	if err := checkID(t.ID, "revoke"); err != nil {
		return err
	}
	_, err := p.api.Do(ctx, rest.Request{Method: http.MethodDelete, Path: tokenPath(t.ID)})
	return notFound(err, "token "+client.Sanitize(t.ID))
}

// checkID refuses ids that cannot name a token: empty, or a dot segment
// that would make /api/v1/token/{id} mean another path.
func checkID(id, verb string) error {
	switch id {
	case "":
		return fmt.Errorf("goodaccess: cannot %s a token without an id", verb)
	case ".", "..":
		return &client.NotFoundError{What: "token " + id}
	}
	return nil
}

// tokenPath is /api/v1/token/{id} with the id escaped, so an id can never
// turn into another path.
func tokenPath(id string) string { return pathToken + "/" + url.PathEscape(id) }

// requested is the token as asked for, used when it cannot be read back.
func requested(body createBody, id string, now time.Time) client.Token {
	t := client.Token{
		ID:         id,
		Name:       body.Name,
		Scopes:     append([]string(nil), body.Scopes...),
		AllowedIPs: append([]string(nil), body.AllowedIPs...),
		CreatedAt:  now.UTC().Truncate(time.Second),
		// Just made, its secret seen by nobody yet: never used is a fact.
		Reported: Descriptor.Can.Reports,
	}
	if body.ExpiresAt != "" {
		t.ExpiresAt, _ = time.ParseInLocation(dateLayout, body.ExpiresAt, time.UTC)
	}
	return t
}
