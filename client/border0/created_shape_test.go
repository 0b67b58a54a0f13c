package border0

import (
	"context"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
)

// The create answer's shape is inferred; a "name" of an unexpected type must
// not cost the secret the server has already issued. A garbled answer, with
// no secret to read, says the server accepted it (the token exists).
func TestBorder0CreateOddNameTypeKeepsSecret(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{
		"POST " + listPath: {200, `{"name":{"first":"x"},"token":"s3cr3t-not-jwt","created_at":1}`},
		"GET " + listPath:  {200, `{"list":[{"id":"x9","name":"x","role":"admin","created_at":1}]}`},
	})
	created, err := stubProvider(t, s).Create(context.Background(), client.NewToken{Name: "x", Role: "admin"})
	if err != nil || created.Secret != "s3cr3t-not-jwt" || created.Token.ID != "x9" {
		t.Fatalf("%v, created %+v", err, created)
	}

	g := newStub(t, map[string]stubAnswer{"POST " + listPath: {200, `{"name":"x","tok`}})
	_, err = stubProvider(t, g).Create(context.Background(), client.NewToken{Name: "x", Role: "admin"})
	if u, ok := client.AsUnknownOutcome(err); !ok || !u.Accepted || !strings.Contains(err.Error(), "garbled") {
		t.Fatalf("garbled answer: %v, want an accepted unknown outcome", err)
	}
}
