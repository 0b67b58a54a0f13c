package unleash

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// The admin token of an Unleash editor (a personal access token) may not
// use the admin API's token routes to create or delete, but may on the
// route of one project: Create and Revoke go there when refused.
func TestUnleashEditorUsesProjectRoutes(t *testing.T) {
	for _, secure := range []bool{false, true} {
		u := newEmulator(t, emulator.UnleashOptions{SecureTokens: secure})
		p := newProvider(t, u.URL, u.IssueEditorToken())
		ctx := context.Background()
		tokens, err := p.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := findBy(tokens, func(t client.Token) bool { return t.Role == "admin" }); ok || len(tokens) < 10 {
			t.Errorf("secure=%v: an editor lists %d tokens, admin among them: %v", secure, len(tokens), ok)
		}
		created, err := p.Create(ctx, client.NewToken{Name: "proj", Role: "client", Projects: []string{"default"}, Environment: "production"})
		if err != nil {
			t.Fatalf("secure=%v: create in one project: %v", secure, err)
		}
		if info, _ := ParseSecret(created.Secret); (info.Version == 2) != secure || strings.Join(created.Token.Projects, ",") != "default" {
			t.Errorf("secure=%v: created %+v", secure, created.Token)
		}
		listed, ok := findBy(mustList(t, p), func(t client.Token) bool { return t.ID == created.Token.ID })
		if !ok {
			t.Fatalf("secure=%v: the new token is not listed", secure)
		}
		if err := p.UpdateExpiry(ctx, listed, testNow.Add(48*time.Hour)); !isForbidden(err) || !strings.Contains(err.Error(), "no project route for expiries") {
			t.Errorf("secure=%v: expiry as an editor: %v", secure, err)
		}
		if err := p.Revoke(ctx, listed); err != nil {
			t.Fatalf("secure=%v: revoke in its project: %v", secure, err)
		}
		if _, still := findBy(mustList(t, p), func(t client.Token) bool { return t.ID == created.Token.ID }); still {
			t.Errorf("secure=%v: revoked token still listed", secure)
		}
	}
}

func TestUnleashEditorIsToldWhatItCannotDo(t *testing.T) {
	u := newEmulator(t, emulator.UnleashOptions{})
	p := newProvider(t, u.URL, u.IssueEditorToken())
	ctx := context.Background()
	before := u.Len()
	for _, projects := range [][]string{{"*"}, {"default", "checkout"}} {
		_, err := p.Create(ctx, client.NewToken{Name: "x", Role: "client", Projects: projects, Environment: "production"})
		if !isForbidden(err) || !strings.Contains(err.Error(), "choose one") {
			t.Errorf("create for %v: %v", projects, err)
		}
	}
	tokens := mustList(t, p)
	for name, want := range map[string]string{"unleash-edge": "for all projects", "web-storefront": "for several projects"} {
		tok, _ := byName(tokens, name)
		if err := p.Revoke(ctx, tok); !isForbidden(err) || !strings.Contains(err.Error(), want) {
			t.Errorf("revoke %s: %v", name, err)
		}
	}
	var nf *client.NotFoundError
	gone := client.Token{Secret: "default:production." + strings.Repeat("0", 56), Projects: []string{"default"}}
	if err := p.Revoke(ctx, gone); !errors.As(err, &nf) || !strings.Contains(err.Error(), "project default") {
		t.Errorf("revoke of an unknown token: %v", err)
	}
	if u.Len() != before {
		t.Errorf("refused calls changed the store: %d → %d", before, u.Len())
	}
}

func mustList(t *testing.T, p *Provider) []client.Token {
	t.Helper()
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}
