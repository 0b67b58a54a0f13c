package border0

import (
	"context"
	"errors"
	"net/http"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// Revoke deletes t. Border0 takes the id in the body of the DELETE, not in
// the path.
func (p *Provider) Revoke(ctx context.Context, t client.Token) error {
	if t.ID == "" {
		return &client.ValidationError{Message: "this token has no id to revoke it by; refresh the list and try again"}
	}
	_, err := p.api.Do(ctx, rest.Request{
		Method: http.MethodDelete,
		Path:   tokensPath,
		Body:   map[string]string{"id": t.ID},
	})
	var nf *client.NotFoundError
	if errors.As(err, &nf) {
		return &client.NotFoundError{What: describe(t)}
	}
	return err
}

// describe names a token for a message: `token "ci" (3f2a…)`.
func describe(t client.Token) string {
	id := client.Sanitize(t.ID)
	if t.Name == "" {
		return "token " + id
	}
	return "token \"" + client.Sanitize(t.Name) + "\" (" + id + ")"
}
