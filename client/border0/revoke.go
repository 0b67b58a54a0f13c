package border0

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// Revoke deletes t at its own path: an organisation token by its id in the
// body of DELETE /organizations/tokens, a service account's at
// .../service_accounts/{name}/tokens/{id} (204), a connector's at
// /connector/{id}/token/{id}. A 404 is asked again once after Border0's
// read-after-write delay: a token created moments ago may not have reached
// the region that answers yet.
func (p *Provider) Revoke(ctx context.Context, t client.Token) error {
	if t.ID == "" {
		return &client.ValidationError{Message: "this token has no id to revoke it by; refresh the list and try again"}
	}
	req := rest.Request{Method: http.MethodDelete, Path: tokensPath, Body: map[string]string{"id": t.ID}}
	switch cid, isConnector := strings.CutPrefix(t.OwnerID, connectorOwner); {
	case isConnector:
		req = rest.Request{Method: http.MethodDelete, Path: "/connector/" + url.PathEscape(cid) + "/token/" + url.PathEscape(t.ID)}
	case t.OwnerID != "":
		req = rest.Request{Method: http.MethodDelete, Path: accountPath(t.OwnerID) + "/tokens/" + url.PathEscape(t.ID)}
	}
	_, err := p.api.Do(ctx, req)
	var nf *client.NotFoundError
	if errors.As(err, &nf) {
		if err := p.settle(ctx); err != nil {
			return &client.NetworkError{Op: "cancelled", Err: err}
		}
		_, err = p.api.Do(ctx, req)
	}
	if errors.As(err, &nf) {
		return &client.NotFoundError{What: describe(t)}
	}
	return err
}

// describe names a token for a message: `token "ci" (3f2a…)`, with its
// owner when it has one.
func describe(t client.Token) string {
	id := client.Sanitize(t.ID)
	name := "token " + id
	if t.Name != "" {
		name = "token \"" + client.Sanitize(t.Name) + "\" (" + id + ")"
	}
	if t.Owner != "" {
		name += " of " + client.Sanitize(t.Owner)
	}
	return name
}
