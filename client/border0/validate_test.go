package border0

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

func TestBorder0ClientSideValidation(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{}) // any request reaching it is a failure
	p := stubProvider(t, s)
	ok := client.NewToken{Name: "ci", Role: "member"}
	with := func(edit func(*client.NewToken)) client.NewToken {
		r := ok
		edit(&r)
		return r
	}
	cases := []struct {
		name  string
		req   client.NewToken
		field string
		want  string
	}{
		{"no name", with(func(r *client.NewToken) { r.Name = "  " }), client.FieldName, "a name is required"},
		{"long name", with(func(r *client.NewToken) { r.Name = strings.Repeat("ü", NameMaxLen+1) }), client.FieldName, "101 characters; at most 100"},
		{"control in name", with(func(r *client.NewToken) { r.Name = "a\x1b[2Jb" }), client.FieldName, "control characters"},
		{"invalid UTF-8", with(func(r *client.NewToken) { r.Name = "a\xffb" }), client.FieldName, "UTF-8"},
		{"no role", with(func(r *client.NewToken) { r.Role = "" }), client.FieldRole, "choose a role"},
		{"read only role", with(func(r *client.NewToken) { r.Role = "read only" }), client.FieldRole, `"read only" is not a Border0 token role`},
		{"owner and role", with(func(r *client.NewToken) { r.Owner = "ci-deployer" }), client.FieldRole, "acts with its owner's role"},
		{"unknown role", with(func(r *client.NewToken) { r.Role = "owner\x1b[31m" }), client.FieldRole, `"owner" is not`},
		{"past expiry", with(func(r *client.NewToken) { r.ExpiresAt = testNow.Add(-time.Second) }), client.FieldExpiresAt, "in the future"},
		{"expiry within the second", with(func(r *client.NewToken) { r.ExpiresAt = testNow.Add(500 * time.Millisecond) }), client.FieldExpiresAt, "in the future"},
		{"allowed IPs", with(func(r *client.NewToken) { r.AllowedIPs = []string{"10.0.0.0/8"} }), client.FieldAllowedIPs, "cannot be restricted to IP addresses"},
		{"scopes", with(func(r *client.NewToken) { r.Scopes = []string{"token.read"} }), client.FieldScopes, "no scopes"},
		{"projects", with(func(r *client.NewToken) { r.Projects = []string{"default"} }), client.FieldProjects, "projects"},
		{"environment", with(func(r *client.NewToken) { r.Environment = "production" }), client.FieldEnvironment, "environment"},
	}
	for _, c := range cases {
		_, err := p.Create(context.Background(), c.req)
		var v *client.ValidationError
		if !errors.As(err, &v) {
			t.Errorf("%s: %v, want ValidationError", c.name, err)
			continue
		}
		msgs := strings.Join(v.Fields[c.field], "; ")
		if !strings.Contains(msgs, c.want) || len(v.Fields) != 1 {
			t.Errorf("%s: fields %v, want %s containing %q", c.name, v.Fields, c.field, c.want)
		}
		if strings.ContainsRune(v.Error(), 0x1b) {
			t.Errorf("%s: escape sequence in the error: %q", c.name, v.Error())
		}
	}
	if n := s.requests.Load(); n != 0 {
		t.Fatalf("%d requests sent for invalid input", n)
	}

	// Everything wrong at once: every field reported, not just the first.
	_, err := p.Create(context.Background(), client.NewToken{AllowedIPs: []string{"1.2.3.4"}, ExpiresAt: testNow})
	var v *client.ValidationError
	if !errors.As(err, &v) || len(v.Fields) != 4 {
		t.Fatalf("%v", err)
	}
}

func TestBorder0ValidationAcceptsTheLimits(t *testing.T) {
	p := &Provider{now: fixedClock}
	body, err := p.validate(client.NewToken{Name: " " + strings.Repeat("ü", NameMaxLen) + " ", Role: " CONNECTOR ", ExpiresAt: testNow.Add(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if body.Role != "connector" || len([]rune(body.Name)) != NameMaxLen || body.ExpiresAt != testNow.Unix()+1 {
		t.Fatalf("body %+v", body)
	}
}
