package border0

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
)

// Service-account and connector tokens against the emulator, in both list
// shapes the sources describe (the SDK's "id", OpenAPI's "token_id").

func TestBorder0ListsEveryOwnersTokens(t *testing.T) {
	for _, summary := range []bool{false, true} {
		e := newEmulator(t, emulator.Border0Options{SummaryLists: summary, SummaryOrgList: summary})
		tokens, err := newProvider(t, e.URL, e.AdminToken).List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(tokens) != e.Len() {
			t.Fatalf("summary=%v: listed %d, emulator holds %d", summary, len(tokens), e.Len())
		}
		ids := map[string]bool{}
		for _, tok := range tokens {
			if tok.ID == "" || ids[tok.ID] {
				t.Errorf("summary=%v: id %q empty or repeated (%s)", summary, tok.ID, tok.Name)
			}
			ids[tok.ID] = true
		}
		gha := byName(t, tokens, "gha-production")
		if gha.Owner != "ci-deployer" || gha.OwnerID != "ci-deployer" || gha.Role != "admin" || !gha.Expires() {
			t.Errorf("summary=%v: %+v", summary, gha)
		}
		if summary != gha.CreatedAt.IsZero() {
			t.Errorf("summary=%v: created_at %v", summary, gha.CreatedAt)
		}
		if ro := byName(t, tokens, "prometheus-eu"); ro.Role != "read only" || ro.Owner != "metrics-exporter" {
			t.Errorf("read-only account token %+v", ro)
		}
		edge := byName(t, tokens, "edge-eu-west-1")
		if edge.Owner != "connector edge-eu-west" || !strings.HasPrefix(edge.OwnerID, connectorOwner) || edge.Role != "connector" {
			t.Errorf("connector token %+v", edge)
		}
		if org := byName(t, tokens, "terraform-prod"); org.Owner != "" || org.OwnerID != "" {
			t.Errorf("organisation token %+v", org)
		}
	}
}

func TestBorder0ServiceAccountTokenCreateAndRevoke(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{NoSeed: true, SummaryLists: true})
	e.AddServiceAccount("ci-bot", "admin", "CI", true)
	p := newProvider(t, e.URL, e.AdminToken)
	ctx := context.Background()
	exp := testNow.Add(30 * 24 * time.Hour)
	created, err := p.Create(ctx, client.NewToken{Name: "deploy", Owner: "ci-bot", ExpiresAt: exp})
	if err != nil {
		t.Fatal(err)
	}
	tok := created.Token
	if created.Warning != "" || created.GrantsUnconfirmed != "" || len(created.GrantDiffs) != 0 {
		t.Fatalf("created %+v", created)
	}
	if tok.ID == "" || tok.Owner != "ci-bot" || tok.OwnerID != "ci-bot" || tok.Role != "admin" || !tok.ExpiresAt.Equal(exp) {
		t.Fatalf("token %+v", tok)
	}
	// The secret acts as the account: an admin one may list.
	if _, err := newProvider(t, e.URL, created.Secret).List(ctx); err != nil {
		t.Fatalf("the new secret: %v", err)
	}
	if err := p.Revoke(ctx, tok); err != nil {
		t.Fatal(err)
	}
	var nf *client.NotFoundError
	if err := p.Revoke(ctx, tok); !errors.As(err, &nf) || !strings.Contains(err.Error(), "of ci-bot") {
		t.Errorf("revoking again: %v", err)
	}
	// An account that does not exist is refused on the owner field, and
	// nothing is created.
	before := e.Len()
	_, err = p.Create(ctx, client.NewToken{Name: "x", Owner: "nobody"})
	var v *client.ValidationError
	if !errors.As(err, &v) || len(v.Fields[client.FieldOwner]) == 0 || e.Len() != before {
		t.Errorf("unknown account: %v (%d → %d tokens)", err, before, e.Len())
	}
}

func TestBorder0ConnectorTokenCreateAndRevoke(t *testing.T) {
	e := newEmulator(t, emulator.Border0Options{})
	p := newProvider(t, e.URL, e.AdminToken)
	ctx := context.Background()
	cat, err := p.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	owner := cat.Owners[len(cat.Owners)-1]
	created, err := p.Create(ctx, client.NewToken{Name: "edge-2", Owner: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	if created.Warning != "" || created.Token.OwnerID != owner.ID || created.Token.Owner != "connector edge-eu-west" || created.Token.Expires() {
		t.Fatalf("created %+v", created)
	}
	if err := p.Revoke(ctx, created.Token); err != nil {
		t.Fatal(err)
	}
	tokens, _ := p.List(ctx)
	for _, tok := range tokens {
		if tok.ID == created.Token.ID {
			t.Fatal("revoked connector token still listed")
		}
	}
}

// Border0 replicates between regions: a new token is missing from reads
// for a moment, and deleting it that soon answers 404. Create reads back
// once more and revoke asks again, each after the delay /serverinfo names.
func TestBorder0ReadAfterWriteLag(t *testing.T) {
	const lag = 200 * time.Millisecond
	e := newEmulator(t, emulator.Border0Options{NoSeed: true, Lag: lag})
	e.AddServiceAccount("ci-bot", "member", "", true)
	p := newProvider(t, e.URL, e.AdminToken)
	ctx := context.Background()
	for _, req := range []client.NewToken{{Name: "org", Role: "member"}, {Name: "sa", Owner: "ci-bot"}} {
		created, err := p.Create(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if created.Warning != "" || created.Token.ID == "" || created.GrantsUnconfirmed != "" {
			t.Errorf("%s: %+v", req.Name, created)
		}
	}
	// A token made a moment ago elsewhere, revoked at once.
	id := postAccountToken(t, e, "fresh")
	start := time.Now()
	if err := p.Revoke(ctx, client.Token{ID: id, Name: "fresh", OwnerID: "ci-bot"}); err != nil {
		t.Fatalf("revoke during the lag: %v", err)
	}
	if waited := time.Since(start); waited < lag/2 {
		t.Errorf("revoke did not wait for replication (%s)", waited)
	}
}

func postAccountToken(t *testing.T, e *emulator.Border0, name string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/organizations/iam/service_accounts/ci-bot/tokens", strings.NewReader(`{"name":"`+name+`"}`))
	req.Header.Set("Authorization", "Bearer "+e.AdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	i := strings.Index(string(body), `"id":"`)
	if i < 0 {
		t.Fatalf("create: %s", body)
	}
	return string(body[i+6 : i+6+36])
}

// The organisation list may carry every kind of token (its published
// schema has service_account and connector fields): an account's token is
// kept once, from its account's list, and revoked at its path.
func TestBorder0OrgListThatHoldsAccountTokens(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{
		"GET " + listPath: {200, `{"items":3,"list":[
			{"token_id":"o1","name":"org","role":"admin","expires_at":""},
			{"token_id":"s1","name":"dup","role":"admin","service_account":"bot"},
			{"token_id":"s2","name":"only-here","role":"admin","service_account":"bot"},
			{"token_id":"c1","name":"conn","role":"connector","connector":"edge"}]}`},
		"GET /api/v1/organizations/iam/service_accounts":                  {200, `{"items":1,"list":[{"name":"bot","role":"member"}]}`},
		"GET /api/v1/organizations/iam/service_accounts/bot/tokens":       {200, `{"list":[{"id":"s1","name":"dup","expires_at":"","created_at":1773480413}]}`},
		"DELETE /api/v1/organizations/iam/service_accounts/bot/tokens/s2": {204, ""},
	})
	p := stubProvider(t, s)
	tokens, err := p.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tok := range tokens {
		got = append(got, tok.ID+":"+tok.Owner+":"+tok.OwnerID+":"+tok.Role)
	}
	if strings.Join(got, ",") != "o1:::admin,s2:bot:bot:admin,c1:connector edge::connector,s1:bot:bot:member" {
		t.Errorf("merged %v", got)
	}
	if err := p.Revoke(context.Background(), tokens[1]); err != nil {
		t.Errorf("revoke at the account's path: %v", err)
	}
}

// When the server reports a token unlike the request, Created says so.
func TestBorder0CreateReportsWhatTheServerGranted(t *testing.T) {
	sample := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJvIiwidHlwZSI6InRva2VuIiwidG9rZW5faWQiOiJuZXcifQ.c2ln"
	s := newStub(t, map[string]stubAnswer{
		"POST " + listPath: {200, `{"name":"ci","token":"` + sample + `"}`},
		"GET " + listPath:  {200, `{"list":[{"id":"new","name":"ci","role":"member","expires_at":0}]}`},
	})
	created, err := stubProvider(t, s).Create(context.Background(), client.NewToken{Name: "ci", Role: "member", ExpiresAt: testNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(created.GrantDiffs) != 1 || !strings.Contains(created.GrantDiffs[0], "the server reports none: the token never expires") {
		t.Errorf("differences %q", created.GrantDiffs)
	}
}

// Whatever an owner's list holds, a secret never leaves it (a connector
// token's "token" is the secret, sent only by a create), and every string
// is sanitised; a broken owner list fails the whole list rather than
// silently leaving tokens out.
func TestBorder0OwnerListsAreReadWarily(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{
		"GET " + listPath:                 {200, `{"list":[]}`},
		"GET /api/v1/connectors":          {200, `{"list":[{"connector_id":"c1","name":"edge\u001b[2J"}]}`},
		"GET /api/v1/connector/c1/tokens": {200, `{"list":[{"id":"t1","name":"n\u001b]52;c;aGk=\u0007","token":"LEAKED-SECRET","created_at":1773480413}],"connector":{"name":"edge"}}`},
	})
	tokens, err := stubProvider(t, s).List(context.Background())
	if err != nil || len(tokens) != 1 {
		t.Fatalf("%v %v", tokens, err)
	}
	tok := tokens[0]
	if tok.Secret != "" || strings.Contains(tok.Name+tok.Owner, "\x1b") || tok.Owner != "connector edge" {
		t.Errorf("token %+v", tok)
	}
	bad := newStub(t, map[string]stubAnswer{
		"GET " + listPath: {200, `{"list":[]}`},
		"GET /api/v1/organizations/iam/service_accounts": {200, `<html>login</html>`},
	})
	if _, err := stubProvider(t, bad).List(context.Background()); err == nil || !strings.Contains(err.Error(), "HTML") {
		t.Errorf("an HTML account list: %v", err)
	}
}

// An owner's name comes from another answer than its tokens: a hostile
// server that names an account or connector after the admin token must not
// get it onto the screen.
func TestBorder0OwnerNamesAreScrubbed(t *testing.T) {
	s := newStub(t, map[string]stubAnswer{
		"GET " + listPath: {200, `{"list":[]}`},
		"GET /api/v1/organizations/iam/service_accounts":                       {200, `{"list":[{"name":"ci-admin-jwt-x","role":"member"}]}`},
		"GET /api/v1/organizations/iam/service_accounts/ci-admin-jwt-x/tokens": {200, `{"list":[{"id":"t1","name":"deploy"}]}`},
		"GET /api/v1/connectors":                                               {200, `{"list":[{"connector_id":"c1","name":"admin-jwt"}]}`},
		"GET /api/v1/connector/c1/tokens":                                      {200, `{"list":[{"id":"t2","name":"edge"}]}`},
	})
	tokens, err := stubProvider(t, s).List(context.Background())
	if err != nil || len(tokens) != 2 {
		t.Fatalf("%v %v", tokens, err)
	}
	for _, tok := range tokens {
		if strings.Contains(tok.Owner, "admin-jwt") {
			t.Errorf("owner %q shows the admin token", tok.Owner)
		}
	}
}
