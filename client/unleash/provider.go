package unleash

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

// TokenEnv is the environment variable that conventionally holds the admin
// token for an Unleash profile.
const TokenEnv = "UNLEASH_ADMIN_TOKEN"

const (
	tokensPath       = "/api/admin/api-tokens"
	projectsPath     = "/api/admin/projects"
	environmentsPath = "/api/admin/environments"
)

// Provider is the Unleash admin API. It is safe for concurrent use.
type Provider struct {
	api *rest.Client
	now func() time.Time
	// isSelf tells the admin token in use in the list, which holds every
	// API token's secret (or, for a token stored securely, its selector).
	isSelf func(client.Token) bool
}

var (
	_ client.Provider      = (*Provider)(nil)
	_ client.ExpiryUpdater = (*Provider)(nil)
)

// New connects to a self-hosted Unleash. There is no default URL; the URL
// may be given the way SDKs are configured (".../api" or ".../api/admin"),
// and the suffix is dropped so a server under a sub-path still works.
func New(conn client.Connection) (*Provider, error) {
	base, err := baseURL(conn.BaseURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(conn.Token) == "" {
		return nil, fmt.Errorf("no Unleash admin token: set %s (an admin API token or a personal access token)", TokenEnv)
	}
	api, err := rest.ForConnection(conn, base, rest.RawAuthorization(strings.TrimSpace(conn.Token)), parseError)
	if err != nil {
		return nil, err
	}
	return &Provider{api: api, now: time.Now, isSelf: selfMatcher(conn.Token)}, nil
}

func baseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("no default URL for Unleash, which is self-hosted: give the instance URL, e.g. https://unleash.example.com")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("the Unleash URL %q is not an http(s) URL, e.g. https://unleash.example.com", client.Sanitize(raw))
	}
	if u.User != nil {
		return "", errors.New("the Unleash URL must not contain a user name or password; the admin token is sent in a header")
	}
	path := strings.TrimRight(u.Path, "/")
	for _, suffix := range []string{"/api/admin", "/api"} {
		if strings.HasSuffix(path, suffix) {
			path = strings.TrimSuffix(path, suffix)
			break
		}
	}
	u.Path, u.RawPath, u.RawQuery, u.Fragment = path, "", "", ""
	return u.String(), nil
}

// List returns every API token with its secret. A backend token is listed
// with Role "client": that is what Unleash 8.2 reports.
func (p *Provider) List(ctx context.Context) ([]client.Token, error) {
	// Decoded as it arrives, one token at a time: see rest.GetList.
	list, found, err := rest.GetList(ctx, p.api, rest.Request{Method: http.MethodGet, Path: tokensPath}, "tokens", convertToken)
	if err != nil {
		return nil, err
	}
	list, err = tokenListOf(list, found, http.StatusOK)
	if err != nil {
		return nil, err
	}
	// Every API token is listed with its secret, so whether one is the admin
	// token in use is known for each (a personal access token is none).
	for i := range list {
		list[i].Reported |= client.FactSelf
		list[i].Self = p.isSelf(list[i])
	}
	return list, nil
}

// Create creates a client, backend or frontend token. The request is
// checked first (see buildCreate); the POST is sent once, never retried,
// because a retry could create a second token.
func (p *Provider) Create(ctx context.Context, req client.NewToken) (client.Created, error) {
	body, err := buildCreate(req, p.now())
	if err != nil {
		return client.Created{}, err
	}
	resp, err := p.api.Do(ctx, rest.Request{Method: http.MethodPost, Path: tokensPath, Body: body})
	if isForbidden(err) {
		// Refused before anything was made: try the project's own route,
		// which an editor or project owner may use (project.go).
		resp, err = p.createInProject(ctx, body, err)
	}
	if err != nil {
		return client.Created{}, explainUnknownProject(explainHTML400(err))
	}
	return decodeCreated(resp, body)
}

// Revoke deletes the token addressed by its secret (v1) or selector (v2).
// Unleash answers 200 for one it does not know, so a token that was
// already gone is not an error: either way it no longer exists.
func (p *Provider) Revoke(ctx context.Context, t client.Token) error {
	path, err := tokenPath(t)
	if err != nil {
		return err
	}
	_, err = p.api.Do(ctx, rest.Request{Method: http.MethodDelete, Path: path})
	if isForbidden(err) {
		err = p.revokeInProject(ctx, t, err)
	}
	return err
}

// UpdateExpiry sets a new expiry. Unleash cannot remove an expiry, and it
// answers 200 even for a secret it does not know, so the list is read back:
// a token that is not there is a NotFoundError, and one whose expiry did not
// change is reported rather than assumed.
func (p *Provider) UpdateExpiry(ctx context.Context, t client.Token, expiresAt time.Time) error {
	if expiresAt.IsZero() {
		return &client.ValidationError{Fields: map[string][]string{client.FieldExpiresAt: {"Unleash cannot remove an expiry; choose a date"}}}
	}
	path, err := tokenPath(t)
	if err != nil {
		return err
	}
	want := wireTime(expiresAt)
	if _, err := p.api.Do(ctx, rest.Request{Method: http.MethodPut, Path: path, Body: expiryBody{ExpiresAt: want}}); err != nil {
		if isForbidden(err) {
			err = withHint(err, "Unleash has no project route for expiries: only an admin token (or a user with the UPDATE_*_API_TOKEN permissions) can change one")
		}
		return explainHTML400(err)
	}
	tokens, err := p.List(ctx)
	if err != nil {
		return fmt.Errorf("the new expiry was sent, but reading it back failed: %w", err)
	}
	for _, got := range tokens {
		if idOf(got) != idOf(t) {
			continue
		}
		if !got.Expires() || wireTime(got.ExpiresAt) != want {
			return &client.ServerError{Message: "Unleash accepted the new expiry but still reports " + describeExpiry(got)}
		}
		return nil
	}
	return &client.NotFoundError{What: "token " + shown(t)}
}

// shown names a token in a message without its secret.
func shown(t client.Token) string {
	if t.Secret != "" {
		return client.MaskSecret(t.Secret)
	}
	return client.Sanitize(t.ID)
}

// idOf is the identity two Tokens of this provider share when they are the
// same token: the ID, or for a Token built by hand with only a secret, the
// ID the list would give it.
func idOf(t client.Token) string {
	if t.ID == "" && t.Secret != "" {
		probe := client.Token{}
		identify(&probe, t.Secret, false)
		return probe.ID
	}
	return t.ID
}

func describeExpiry(t client.Token) string {
	if t.ExpiryInvalid() {
		return "an expiry that is not a valid date"
	}
	if !t.Expires() {
		return "no expiry"
	}
	return "expiry " + wireTime(t.ExpiresAt)
}

// tokenPath is the address of a token: a v1 token's secret,
// percent-encoded as one path segment (the server also accepts "*" and ":"
// raw), or a v2 token's selector, which needs no escaping. A v2 full
// secret is never rebuilt: after a reload only the selector is known, and
// it is enough. Unleash answers an unknown route with "The path you were
// looking for (<path>) is not available.", in whatever encoding a proxy left
// the path in: the secret is remembered, so every error masks it
// (client.Scrub).
func tokenPath(t client.Token) (string, error) {
	switch {
	case t.Secret != "":
		client.RememberSecret(t.Secret)
		return tokensPath + "/" + url.PathEscape(t.Secret), nil
	case IsSelector(t.ID):
		return tokensPath + "/" + t.ID, nil
	}
	return "", &client.ValidationError{Message: "this token has neither a secret nor a selector, and Unleash addresses tokens only by those; refresh the list"}
}
