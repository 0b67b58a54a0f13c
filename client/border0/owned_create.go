package border0

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// ownedResponse is the answer to a new service-account or connector token:
// {"id", "name", "token", "created_at", "expires_at"}; the secret is
// "token", sent this once.
type ownedResponse struct {
	ID        flexString      `json:"id"`
	Name      string          `json:"name"`
	Token     string          `json:"token"`
	CreatedAt json.RawMessage `json:"created_at"`
}

// createOwned creates a token of a service account (owner is its name) or
// of a connector (connectorOwner + its id).
func (p *Provider) createOwned(ctx context.Context, owner string, req client.NewToken) (client.Created, error) {
	if cid, ok := strings.CutPrefix(owner, connectorOwner); ok {
		return p.createConnectorToken(ctx, cid, req)
	}
	return p.createAccountToken(ctx, owner, req)
}

// createAccountToken: POST .../service_accounts/{name}/tokens. The account
// is read first: a name that is not one is refused before anything is
// created, and its role is the token's.
func (p *Provider) createAccountToken(ctx context.Context, name string, req client.NewToken) (client.Created, error) {
	body, err := p.validateOwned(req, "a service account")
	if err != nil {
		return client.Created{}, err
	}
	var acct account
	if err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: accountPath(name)}, &acct); err != nil {
		return client.Created{}, noSuchOwner(err, "service account", name)
	}
	if acct.Name == "" {
		acct.Name = name
	}
	created, err := p.postOwned(ctx, accountPath(name)+"/tokens", body)
	if err != nil {
		return created, err
	}
	created.Token.Owner, created.Token.OwnerID, created.Token.Role = client.Sanitize(name), name, client.Sanitize(acct.Role)
	client.ScrubToken(&created.Token)
	return p.readBack(ctx, created, req, func(ctx context.Context) ([]client.Token, error) {
		return p.accountTokens(ctx, acct)
	}, byID(created.Token.ID)), nil
}

// createConnectorToken: POST /connector/token with the connector's id in
// the body; read back with GET /connector/{id}/token/{token_id}. The
// connector is looked up first, for its name and so that an id that is
// not one is refused before anything is created.
func (p *Provider) createConnectorToken(ctx context.Context, cid string, req client.NewToken) (client.Created, error) {
	body, err := p.validateOwned(req, "a connector")
	if err != nil {
		return client.Created{}, err
	}
	var connectors []connector
	if err := p.readList(ctx, connectorsPath, &connectors); err != nil {
		return client.Created{}, err
	}
	i := slices.IndexFunc(connectors, func(c connector) bool { return c.ID == cid })
	if i < 0 {
		return client.Created{}, noSuchOwner(&client.NotFoundError{}, "connector", cid)
	}
	c := connectors[i]
	body.ConnectorID = cid
	created, err := p.postOwned(ctx, "/connector/token", body)
	if err != nil {
		return created, err
	}
	created.Token.OwnerID, created.Token.Role = connectorOwner+cid, "connector"
	created.Token.Owner = connectorName(c)
	client.ScrubToken(&created.Token)
	return p.readBack(ctx, created, req, func(ctx context.Context) ([]client.Token, error) {
		return p.connectorToken(ctx, c, created.Token.ID)
	}, byID(created.Token.ID)), nil
}

// postOwned sends the create once and reads the secret before anything
// else, so no surprise in the answer can lose it.
func (p *Provider) postOwned(ctx context.Context, path string, body ownedRequest) (client.Created, error) {
	resp, err := p.api.Do(ctx, rest.Request{Method: http.MethodPost, Path: path, Body: body})
	if err != nil {
		return client.Created{}, err
	}
	var out ownedResponse
	decodeErr := rest.Decode(resp, &out)
	secret, err := secretOf(resp, out.Token, decodeErr, body.Name)
	if err != nil {
		return client.Created{}, err
	}
	t := client.Token{ID: client.Sanitize(string(out.ID)), Name: client.Sanitize(body.Name), CreatedAt: flexTimeOf(out.CreatedAt)}
	if n := client.Sanitize(out.Name); n != "" {
		t.Name = n
	}
	if body.ExpiresAt != 0 {
		t.ExpiresAt = time.Unix(body.ExpiresAt, 0).UTC()
	}
	created := client.Created{Secret: secret, Token: t}
	if t.ID == "" {
		created.Warning = "created, but Border0 sent no id for it; find it in the list by its name"
	}
	return created, nil
}

// connectorToken reads one connector token; one not (yet) there is an
// empty list, so readBack waits for replication and asks again.
func (p *Provider) connectorToken(ctx context.Context, c connector, id string) ([]client.Token, error) {
	var w wireToken
	err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: "/connector/" + url.PathEscape(c.ID) + "/token/" + url.PathEscape(id)}, &w)
	var nf *client.NotFoundError
	if errors.As(err, &nf) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t := w.token()
	t.Owner, t.OwnerID, t.Role = connectorName(c), connectorOwner+c.ID, "connector"
	return []client.Token{t}, nil
}

// byID finds the token with id; an empty id finds nothing.
func byID(id string) func([]client.Token) (client.Token, bool) {
	return func(tokens []client.Token) (client.Token, bool) {
		for _, t := range tokens {
			if id != "" && t.ID == id {
				return t, true
			}
		}
		return client.Token{}, false
	}
}

// noSuchOwner words a 404 about the owner as a refusal on the owner field:
// nothing was created.
func noSuchOwner(err error, kind, name string) error {
	var nf *client.NotFoundError
	if errors.As(err, &nf) {
		return &client.ValidationError{Fields: map[string][]string{client.FieldOwner: {"Border0 has no " + kind + " " + client.Sanitize(name)}}}
	}
	return err
}
