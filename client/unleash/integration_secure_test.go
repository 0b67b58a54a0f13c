//go:build integration

package unleash

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// TestUnleashIntegrationSecretKinds checks, on the real server, what the
// mode under test makes: a v1 token whose listed secret is the credential,
// or a v2 token listed by its selector, whose secret exists only in the
// create answer and works on the client API, while the selector alone does
// not.
func TestUnleashIntegrationSecretKinds(t *testing.T) {
	p, prefix := realServer(t)
	secure := secureMode(t)
	ctx := context.Background()
	created, err := p.Create(ctx, client.NewToken{Name: prefix + "-kind", Role: "client", Projects: []string{"default"}, Environment: "development"})
	if err != nil {
		t.Fatal(err)
	}
	info, ok := ParseSecret(created.Secret)
	if !ok || (info.Version == 2) != secure {
		t.Fatalf("secure=%v made %+v", secure, info)
	}
	base := os.Getenv("UNLEASH_URL")
	if code := clientFeatures(t, base, created.Secret); code != http.StatusOK {
		t.Errorf("the new secret on /api/client/features: %d", code)
	}
	listed, ok := findID(mustList(t, p), created.Token.ID)
	if !ok {
		t.Fatalf("not listed by id %s", created.Token.ID)
	}
	if !secure {
		if listed.Secret != created.Secret || listed.SecretNote != "" {
			t.Errorf("v1 listed: %+v", listed)
		}
		return
	}
	if listed.Secret != "" || listed.ID != info.Selector || !strings.Contains(listed.SecretNote, "only a hash") {
		t.Errorf("v2 listed: %+v", listed)
	}
	if code := clientFeatures(t, base, info.Selector); code != http.StatusUnauthorized {
		t.Errorf("the selector alone as a credential: %d", code)
	}
	if err := p.Revoke(ctx, listed); err != nil {
		t.Fatal(err)
	}
	if code := clientFeatures(t, base, created.Secret); code != http.StatusUnauthorized {
		t.Errorf("a revoked v2 secret: %d", code)
	}
}

// TestUnleashIntegrationMixedList makes one token on each server process
// (same database, opposite flags), then lists, edits and revokes both
// through the server under test: one list holds both kinds, whatever the
// flag of the server that reads it.
func TestUnleashIntegrationMixedList(t *testing.T) {
	p, prefix := realServer(t)
	secure := secureMode(t)
	other := otherServer(t)
	if serverFlag(t, os.Getenv("UNLEASH_OTHER_URL")) == secure {
		t.Fatal("UNLEASH_OTHER_URL runs with the same flag as UNLEASH_URL")
	}
	ctx := context.Background()
	here, err := p.Create(ctx, client.NewToken{Name: prefix + "-here", Role: "frontend", Projects: []string{"default"}, Environment: "development"})
	if err != nil {
		t.Fatal(err)
	}
	there, err := other.Create(ctx, client.NewToken{Name: prefix + "-there", Role: "backend", Projects: []string{"*"}, Environment: "production"})
	if err != nil {
		t.Fatal(err)
	}
	tokens := mustList(t, p)
	at := time.Now().Add(60 * 24 * time.Hour).Truncate(time.Millisecond)
	kinds := map[bool]int{}
	for _, created := range []client.Created{here, there} {
		listed, ok := findID(tokens, created.Token.ID)
		if !ok {
			t.Fatalf("%s not listed", created.Token.Name)
		}
		kinds[listed.Secret == ""]++
		if err := p.UpdateExpiry(ctx, listed, at); err != nil {
			t.Errorf("expiry of %s: %v", listed.Name, err)
		}
		if err := p.Revoke(ctx, listed); err != nil {
			t.Errorf("revoke %s: %v", listed.Name, err)
		}
	}
	if kinds[true] != 1 || kinds[false] != 1 {
		t.Errorf("kinds listed (secure: count) %v; want one of each", kinds)
	}
	for _, created := range []client.Created{here, there} {
		if _, still := findID(mustList(t, p), created.Token.ID); still {
			t.Errorf("%s still listed after revoke", created.Token.Name)
		}
	}
}
