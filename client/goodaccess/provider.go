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
	pathTokens         = "/api/v1/tokens"
	pathToken          = "/api/v1/token"
	pathTestConnection = "/api/v1/test-connection"
)

// Provider is a client.Provider for GoodAccess. It is safe for concurrent use.
type Provider struct {
	api     *rest.Client
	baseURL string
	now     func() time.Time // tests pin it
	// zone is where the API's "Y-m-d H:i:s" times are read and written.
	// GoodAccess does not document it; UTC unless the profile says
	// (timezone:).
	zone *time.Location
}

var (
	_ client.Provider         = (*Provider)(nil)
	_ client.ConnectionTester = (*Provider)(nil)
)

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
	zone := conn.TimeZone
	if zone == nil {
		zone = time.UTC
	}
	return &Provider{api: api, baseURL: base, now: time.Now, zone: zone}, nil
}

// TestConnection asks GET /api/v1/test-connection, GoodAccess's documented
// cheap check, which needs no scope: a 404 there means no Integration API
// at this URL, a 401 a refused admin token.
func (p *Provider) TestConnection(ctx context.Context) (string, error) {
	var out struct {
		Message string `json:"message"`
	}
	err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: pathTestConnection}, &out)
	var nf *client.NotFoundError
	if errors.As(err, &nf) {
		return "", &client.ServerError{Status: http.StatusNotFound,
			Message: "no GoodAccess Integration API at " + p.baseURL + " (GET " + pathTestConnection + " is not there): check the profile's url"}
	}
	if err != nil {
		return "", err
	}
	if msg := strings.TrimSpace(client.Sanitize(out.Message)); msg != "" {
		return msg, nil
	}
	return "the server answered the connection test", nil
}

// Catalog is the fixed GoodAccess scope list; it needs no request.
func (p *Provider) Catalog(context.Context) (client.Catalog, error) { return catalog(), nil }

// List returns every token (GET /api/v1/tokens, a bare JSON array).
func (p *Provider) List(ctx context.Context) ([]client.Token, error) {
	tokens, err := listTokens(ctx, p.api, p.zone)
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
	return raw.toToken(p.zone)
}

// Create validates req, creates the token (POST /api/v1/token) and reads it
// back. Once the server has sent a secret, Create never fails: the token
// exists and the secret will not be sent again, so a failure after that point
// becomes a Warning next to the secret.
//
// GoodAccess documents a create body of name, expires_at and allowed_ips,
// without scopes: tokentui sends them, and whether the server honours them
// (or the IPs, or reads the expiry in the zone meant) is known only from
// the token it reports. The differences are in GrantDiffs; a token that
// could not be read back has GrantsUnconfirmed, not the request echoed as
// granted.
func (p *Provider) Create(ctx context.Context, req client.NewToken) (client.Created, error) {
	sentAt := p.now()
	body, err := validate(req, sentAt, p.zone)
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
	client.RememberSecret(secret) // read back below: an error must not echo it
	if secret == "" {
		// The token exists, and its secret is not where expected: offer
		// whatever in the answer may be it, rather than lose it.
		cause := decodeErr
		if cause == nil {
			cause = errors.New(`the answer holds no secret under "token" or "secret"`)
		}
		return client.Created{}, rest.AcceptedWithoutSecret(resp, cause, body.Name)
	}
	asked := sent(body, p.zone)
	// What the server reported: the token object in the answer, if it was
	// one; then, better, the token read back.
	var reported *client.Token
	if cr.apiToken.ID != "" && decodeErr == nil {
		if t, err := cr.apiToken.toToken(p.zone); err == nil {
			reported = &t
		}
	}
	warning := ""
	if id == "" {
		warning = "created, but the server sent no id to read the new token back"
	} else if t, err := p.Get(ctx, id); err != nil {
		warning = "created, but reading it back failed: " + err.Error()
	} else {
		reported = &t
	}
	if reported == nil {
		return unconfirmed(requested(body, id, p.now(), p.zone), secret, warning), nil
	}
	diffs := client.CompareGrants(asked, *reported)
	if d := zoneDrift(reported.CreatedAt, sentAt, p.zone); d != "" {
		diffs = append(diffs, d)
	}
	return client.Created{Token: *reported, Secret: secret, Warning: warning, GrantDiffs: diffs}, nil
}

// zoneDrift notices a server that writes its dates in another zone than
// the profile's: a read-back writes the expiry as it was sent, so that
// shows nothing, but the new token's created_at is then off from this
// clock by whole quarter-hours. Other skews are not ours to judge.
func zoneDrift(created, sent time.Time, zone *time.Location) string {
	if created.IsZero() {
		return ""
	}
	off := created.Sub(sent)
	quarters := off.Round(15 * time.Minute)
	if quarters.Abs() < 30*time.Minute || quarters.Abs() > 14*time.Hour || (off-quarters).Abs() > 2*time.Minute {
		return ""
	}
	return fmt.Sprintf("the server dates the new token %s of this clock, so it probably writes times in another time zone than this profile's (%s): "+
		"the expiry it keeps is then off by as much; set timezone: in the profile", signed(quarters), zone)
}

// signed is "1h0m0s ahead" or "30m0s behind".
func signed(d time.Duration) string {
	if d < 0 {
		return (-d).String() + " behind"
	}
	return d.String() + " ahead"
}

// unconfirmed is a create whose token could not be read back.
func unconfirmed(t client.Token, secret, warning string) client.Created {
	return client.Created{Token: t, Secret: secret, Warning: warning,
		GrantsUnconfirmed: "the scopes, allowed IPs and expiry GoodAccess gave the token could not be read back; they are shown as asked for, not as granted"}
}

// sent is the request as the body carried it (scopes deduplicated, IPs
// canonical, the expiry to the second), to compare with what came back.
func sent(body createBody, zone *time.Location) client.NewToken {
	req := client.NewToken{Name: body.Name, Scopes: body.Scopes, AllowedIPs: body.AllowedIPs}
	if body.ExpiresAt != "" {
		req.ExpiresAt, _ = time.ParseInLocation(dateLayout, body.ExpiresAt, zone)
	}
	return req
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
func requested(body createBody, id string, now time.Time, zone *time.Location) client.Token {
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
		t.ExpiresAt, _ = time.ParseInLocation(dateLayout, body.ExpiresAt, zone)
	}
	return t
}
