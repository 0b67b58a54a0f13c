package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var unleashTestNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func newUnleashTest(t *testing.T, opts UnleashOptions) *Unleash {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return unleashTestNow }
	}
	u, err := NewUnleash(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(u.Close)
	return u
}

type unleashReply struct {
	status int
	ctype  string
	body   []byte
}

func (r unleashReply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// unleashCall sends a request; a body string is sent as JSON.
func unleashCall(t *testing.T, u *Unleash, method, path, auth, body string) unleashReply {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return unleashReply{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), body: b}
}

func unleashListed(t *testing.T, u *Unleash) []map[string]any {
	t.Helper()
	r := unleashCall(t, u, "GET", "/api/admin/api-tokens", u.AdminToken, "")
	if r.status != 200 {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	var list struct{ Tokens []map[string]any }
	if err := json.Unmarshal(r.body, &list); err != nil {
		t.Fatal(err)
	}
	return list.Tokens
}

func unleashDetails(t *testing.T, r unleashReply) []string {
	t.Helper()
	var e struct{ Details []struct{ Message string } }
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body: %v: %s", err, r.body)
	}
	var out []string
	for _, d := range e.Details {
		out = append(out, d.Message)
	}
	return out
}

func TestUnleashSeedListsEveryKeyAndSecret(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{})
	if !strings.HasPrefix(u.AdminToken, "*:*.") {
		t.Fatalf("admin token %q is not of the *:*. form", u.AdminToken)
	}
	tokens := unleashListed(t, u)
	if len(tokens) != len(unleashSeeds)+1 || u.Len() != len(tokens) {
		t.Fatalf("listed %d, Len %d, want %d", len(tokens), u.Len(), len(unleashSeeds)+1)
	}
	v2 := regexp.MustCompile(`^(\*|\[\]|[a-z]+):[a-z*]+\.[0-9a-f]{56}$`)
	keys := []string{"secret", "tokenName", "type", "project", "projects", "environment", "expiresAt", "createdAt", "alias", "seenAt", "secure"}
	var sawNeverExpires, sawNeverSeen, sawMulti bool
	for _, tok := range tokens {
		for _, k := range keys {
			if _, ok := tok[k]; !ok {
				t.Errorf("token %v lacks key %q (the list always has it, null when unset)", tok["tokenName"], k)
			}
		}
		if tok["type"] == "backend" {
			t.Errorf("list reports backend for %v; the real server reports client", tok["tokenName"])
		}
		if s := tok["secret"].(string); tok["type"] != "admin" && !v2.MatchString(s) {
			t.Errorf("secret %q is not a v2 secret", s)
		}
		sawNeverExpires = sawNeverExpires || tok["expiresAt"] == nil
		sawNeverSeen = sawNeverSeen || tok["seenAt"] == nil
		if strings.HasPrefix(tok["secret"].(string), "[]:") {
			sawMulti = true
			if len(tok["projects"].([]any)) < 2 || !strings.Contains(tok["project"].(string), ",") {
				t.Errorf("multi-project token: projects %v, project %v", tok["projects"], tok["project"])
			}
		}
	}
	if !sawNeverExpires || !sawNeverSeen || !sawMulti {
		t.Errorf("seed lacks variety: never-expiring %v, never-seen %v, multi-project %v", sawNeverExpires, sawNeverSeen, sawMulti)
	}
}

func TestUnleashSeedIsDeterministicForAClock(t *testing.T) {
	a := newUnleashTest(t, UnleashOptions{})
	b := newUnleashTest(t, UnleashOptions{})
	ra := unleashCall(t, a, "GET", "/api/admin/api-tokens", a.AdminToken, "")
	rb := unleashCall(t, b, "GET", "/api/admin/api-tokens", b.AdminToken, "")
	if a.AdminToken != b.AdminToken || string(ra.body) != string(rb.body) {
		t.Fatal("two instances with the same clock differ")
	}
	c := newUnleashTest(t, UnleashOptions{Clock: func() time.Time { return unleashTestNow.Add(time.Second) }})
	if c.AdminToken == a.AdminToken {
		t.Fatal("instances with different clocks share an admin secret")
	}
}

func TestUnleashNoSeedKeepsOnlyTheAdminToken(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	tokens := unleashListed(t, u)
	if len(tokens) != 1 || tokens[0]["type"] != "admin" || tokens[0]["secret"] != u.AdminToken || tokens[0]["expiresAt"] != nil {
		t.Fatalf("fresh instance lists %v", tokens)
	}
}

func TestUnleashCreateAnswersLikeTheServer(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken,
		`{"tokenName":"ci-backend","type":"BACKEND","environment":"production","projects":["default"]}`)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	got := r.json(t)
	if got["type"] != "backend" || got["project"] != "default" || got["environment"] != "production" || got["secure"] != false {
		t.Errorf("create answer %v", got)
	}
	if _, ok := got["expiresAt"]; ok {
		t.Error("create answer has expiresAt for a token without expiry; the server leaves the key out")
	}
	if _, ok := got["seenAt"]; ok {
		t.Error("create answer has seenAt; the server leaves it out")
	}
	secret := got["secret"].(string)
	if !regexp.MustCompile(`^default:production\.[0-9a-f]{56}$`).MatchString(secret) {
		t.Errorf("secret %q", secret)
	}
	for _, tok := range unleashListed(t, u) {
		if tok["secret"] == secret && tok["type"] != "client" {
			t.Errorf("backend token listed as %v, want client", tok["type"])
		}
	}

	// Defaults: environment development, every project; expiry echoed in
	// the server's format.
	r = unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"def","type":"frontend","expiresAt":"2030-01-01T01:00:00+01:00"}`)
	got = r.json(t)
	if r.status != 201 || got["environment"] != "development" || got["project"] != "*" || got["expiresAt"] != "2030-01-01T00:00:00.000Z" {
		t.Errorf("defaults: %d %v", r.status, got)
	}
	if !strings.HasPrefix(got["secret"].(string), "*:development.") {
		t.Errorf("secret %v", got["secret"])
	}

	// Several projects: "[]" in the secret; "*" among others means all.
	r = unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"multi","type":"client","environment":"production","projects":["default","checkout"]}`)
	if got = r.json(t); !strings.HasPrefix(got["secret"].(string), "[]:production.") || got["project"] != "default,checkout" {
		t.Errorf("multi-project create %v", got)
	}
	r = unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"mix","type":"client","projects":["*","default"]}`)
	if got = r.json(t); fmt.Sprint(got["projects"]) != "[*]" {
		t.Errorf("projects with * = %v, want [*]", got["projects"])
	}
	// The singular "project" is ignored, as on the real server.
	r = unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"p","type":"client","project":"default"}`)
	if got = r.json(t); got["project"] != "*" {
		t.Errorf(`"project" honoured: %v`, got)
	}
}

func TestUnleashCreateValidationMatchesTheTranscript(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	typeMsg := func(sent string) string {
		return "The `/body/type` property must match pattern \"" + unleashTypePattern + "\". You sent \"" + sent + "\"."
	}
	cases := []struct {
		name, body string
		withID     bool
		details    []string
	}{
		{"admin type", `{"tokenName":"ci-admin","type":"admin","environment":"*","projects":["*"]}`, true, []string{typeMsg("admin"), unleashOneOfRemark}},
		{"unknown type", `{"tokenName":"bad-type","type":"superuser","environment":"development"}`, true, []string{typeMsg("superuser"), unleashOneOfRemark}},
		{"unknown environment", `{"tokenName":"bad-env","type":"backend","environment":"staging"}`, false, []string{"Environment=staging does not exist"}},
		{"environment case", `{"tokenName":"x","type":"client","environment":"Production"}`, false, []string{"Environment=Production does not exist"}},
		{"no name", `{"type":"backend","environment":"development"}`, true, []string{"The `/body/tokenName` property is required. It was not present on the data you sent.", unleashOneOfRemark}},
		{"no type", `{"tokenName":"no-type"}`, true, []string{"The `/body/type` property is required. It was not present on the data you sent.", unleashOneOfRemark}},
		{"empty fields", `{"tokenName":"","type":"client","environment":"","projects":[]}`, false, []string{`"tokenName" is not allowed to be empty.`, `"projects" must contain at least 1 items. You provided [].`, `"environment" is not allowed to be empty.`}},
		{"bad expiry", `{"tokenName":"bad-exp","type":"backend","environment":"development","expiresAt":"not-a-date"}`, true, []string{"The `/body/expiresAt` property must match format \"date-time\". You sent \"not-a-date\".", unleashOneOfRemark}},
		{"date only", `{"tokenName":"d","type":"backend","expiresAt":"2031-06-01"}`, true, []string{"The `/body/expiresAt` property must match format \"date-time\". You sent \"2031-06-01\".", unleashOneOfRemark}},
		{"all environments client", `{"tokenName":"all-env","type":"backend","environment":"*"}`, false, []string{"Client token cannot be scoped to all environments"}},
		{"all environments frontend", `{"tokenName":"fe","type":"frontend","environment":"*"}`, false, []string{"Frontend token cannot be scoped to all environments"}},
		{"unknown project", `{"tokenName":"bad-proj","type":"backend","environment":"development","projects":["nope"]}`, false, []string{"Project=nope does not exist"}},
		{"first unknown project", `{"tokenName":"x","type":"client","environment":"production","projects":["default","zzz","nope"]}`, false, []string{"Project=zzz does not exist"}},
		{"environment before project", `{"tokenName":"x","type":"client","environment":"nope","projects":["nope"]}`, false, []string{"Environment=nope does not exist"}},
		{"projects not a list", `{"tokenName":"x","type":"client","projects":"default"}`, true, []string{"The `/body/projects` property must be array. You sent \"default\".", unleashOneOfRemark}},
		{"name not a string", `{"tokenName":{},"type":"client"}`, true, []string{"The `/body/tokenName` property must be string. You sent {}.", unleashOneOfRemark}},
		{"not an object", `[]`, true, []string{"The `/body` property must be object. You sent []."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, c.body)
			if r.status != 400 {
				t.Fatalf("status %d, want 400: %s", r.status, r.body)
			}
			m := r.json(t)
			if m["name"] != "BadDataError" {
				t.Errorf("name %v", m["name"])
			}
			if _, has := m["id"]; has != c.withID {
				t.Errorf("id present %v, want %v", has, c.withID)
			}
			if got := unleashDetails(t, r); strings.Join(got, "|") != strings.Join(c.details, "|") {
				t.Errorf("details\n got %q\nwant %q", got, c.details)
			}
			if len(c.details) == 1 && !c.withID && !strings.HasPrefix(c.details[0], `"`) {
				if want := unleashBadDataPrefix + ": " + c.details[0]; m["message"] != want {
					t.Errorf("message %q, want %q", m["message"], want)
				}
			}
		})
	}
	if u.Len() != 1 {
		t.Errorf("refused creates stored tokens: Len %d", u.Len())
	}
}

func TestUnleashCoercesScalarsLikeTheSchemaValidator(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":5,"type":"client"}`)
	if r.status != 201 || r.json(t)["tokenName"] != "5" {
		t.Errorf("numeric name: %d %s", r.status, r.body)
	}
	r = unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":null,"type":"client"}`)
	if d := unleashDetails(t, r); r.status != 400 || len(d) != 1 || d[0] != `"tokenName" is not allowed to be empty.` {
		t.Errorf("null name: %d %s", r.status, r.body)
	}
}

func TestUnleashDuplicateProjectIsAServerError(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"dup","type":"client","projects":["default","default"]}`)
	if r.status != 500 || r.json(t)["name"] != "UnknownError" {
		t.Errorf("duplicate project: %d %s", r.status, r.body)
	}
}

func TestUnleashMalformedJSONIsAnHTML400BeforeAuth(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	for _, auth := range []string{u.AdminToken, ""} {
		r := unleashCall(t, u, "POST", "/api/admin/api-tokens", auth, "not json")
		if r.status != 400 || !strings.HasPrefix(r.ctype, "text/html") || !strings.HasPrefix(string(r.body), "<html>") {
			t.Errorf("auth %q: %d %s %.40s", auth, r.status, r.ctype, r.body)
		}
	}
	r := unleashCall(t, u, "PUT", "/api/admin/api-tokens/x", u.AdminToken, "{")
	if r.status != 400 || !strings.HasPrefix(r.ctype, "text/html") {
		t.Errorf("PUT: %d %s", r.status, r.ctype)
	}
}

func TestUnleashRefusesOtherContentTypes(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	req, _ := http.NewRequest("POST", u.URL+"/api/admin/api-tokens", strings.NewReader(`{"tokenName":"x","type":"client"}`))
	req.Header.Set("Authorization", u.AdminToken)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 415 || !strings.Contains(string(b), "(text/plain)") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
	r := unleashCall(t, u, "PUT", "/api/admin/api-tokens/x", u.AdminToken, "")
	if r.status != 415 || !strings.Contains(string(r.body), "you didn't provide one") {
		t.Errorf("PUT without body: %d %s", r.status, r.body)
	}
}

func TestUnleashAuthentication(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	r := unleashCall(t, u, "GET", "/api/admin/api-tokens", "", "")
	if m := r.json(t); r.status != 401 || m["name"] != "AuthenticationRequired" || m["path"] != "/auth/simple/login" {
		t.Errorf("no token: %d %s", r.status, r.body)
	}
	r = unleashCall(t, u, "GET", "/api/admin/api-tokens", "*:*.wrong-secret", "")
	if m := r.json(t); r.status != 401 || m["name"] != "UnauthorizedError" || m["message"] != "You must log in to use Unleash." {
		t.Errorf("wrong token: %d %s", r.status, r.body)
	}
	if r = unleashCall(t, u, "GET", "/api/admin/api-tokens", "Bearer "+u.AdminToken, ""); r.status != 200 {
		t.Errorf("Bearer prefix: %d", r.status)
	}

	client := u.IssueToken("sdk", "client", []string{"default"}, "production", time.Time{})
	frontend := u.IssueToken("web", "frontend", []string{"default"}, "development", time.Time{})
	for _, tok := range []string{client, frontend} {
		for _, call := range [][2]string{{"GET", "/api/admin/api-tokens"}, {"GET", "/api/admin/projects"}, {"GET", "/api/admin/nosuch"}, {"DELETE", "/api/admin/api-tokens/" + client}} {
			r := unleashCall(t, u, call[0], call[1], tok, "")
			if r.status != 403 || string(r.body) != `{"message":"invalid token: expected a different token type for this endpoint"}` {
				t.Errorf("%s %s with a non-admin token: %d %s", call[0], call[1], r.status, r.body)
			}
		}
	}
	if u.Len() != 3 {
		t.Errorf("a frontend token deleted a token: Len %d", u.Len())
	}

	// The SDK endpoints take their own types and word a missing token
	// differently.
	sdk := []struct {
		path, token string
		status      int
	}{
		{"/api/client/features", client, 200}, {"/api/client/features", frontend, 403}, {"/api/client/features", u.AdminToken, 403},
		{"/api/frontend", frontend, 200}, {"/api/frontend", client, 403}, {"/api/client/features", "", 401}, {"/api/frontend", "nonsense", 401},
	}
	for _, c := range sdk {
		if r := unleashCall(t, u, "GET", c.path, c.token, ""); r.status != c.status {
			t.Errorf("%s with %.12s: %d, want %d (%s)", c.path, c.token, r.status, c.status, r.body)
		}
	}
}

func TestUnleashPastExpiryIsAcceptedButTheTokenIsRefused(t *testing.T) {
	now := unleashTestNow
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	u := newUnleashTest(t, UnleashOptions{NoSeed: true, Clock: clock})
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"past-exp","type":"backend","environment":"development","expiresAt":"2001-01-01T00:00:00Z"}`)
	if r.status != 201 {
		t.Fatalf("past expiry: %d %s", r.status, r.body)
	}
	past := r.json(t)["secret"].(string)
	if r := unleashCall(t, u, "GET", "/api/client/features", past, ""); r.status != 401 {
		t.Errorf("expired token on the client API: %d", r.status)
	}
	if r := unleashCall(t, u, "GET", "/api/admin/api-tokens", past, ""); r.status != 401 || r.json(t)["name"] != "UnauthorizedError" {
		t.Errorf("expired token on the admin API: %d %s", r.status, r.body)
	}

	// An admin token stops working when its expiry passes on the clock.
	admin := u.IssueToken("second-admin", "admin", []string{"*"}, "*", now.Add(time.Hour))
	if r := unleashCall(t, u, "GET", "/api/admin/api-tokens", admin, ""); r.status != 200 {
		t.Fatalf("fresh admin token: %d", r.status)
	}
	mu.Lock()
	now = now.Add(2 * time.Hour)
	mu.Unlock()
	if r := unleashCall(t, u, "GET", "/api/admin/api-tokens", admin, ""); r.status != 401 {
		t.Errorf("expired admin token: %d", r.status)
	}
}

func TestUnleashUpdateAndDeleteAnswer200EvenForUnknownSecrets(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	secret := u.IssueToken("ci-backend", "backend", []string{"*"}, "development", time.Time{})
	path := "/api/admin/api-tokens/" + url.PathEscape(secret)

	r := unleashCall(t, u, "PUT", path, u.AdminToken, `{"expiresAt":"2031-01-01T00:00:00.000Z"}`)
	if r.status != 200 || len(r.body) != 0 {
		t.Fatalf("PUT: %d %q", r.status, r.body)
	}
	// The encoded form addresses the same token.
	r = unleashCall(t, u, "PUT", "/api/admin/api-tokens/"+strings.ReplaceAll(secret, ":", "%3A"), u.AdminToken, `{"expiresAt":"2032-02-02T00:00:00Z"}`)
	if r.status != 200 {
		t.Fatalf("PUT encoded: %d", r.status)
	}
	r = unleashCall(t, u, "GET", "/api/admin/api-tokens/ci-backend", u.AdminToken, "")
	var byName struct{ Tokens []map[string]any }
	_ = json.Unmarshal(r.body, &byName)
	if len(byName.Tokens) != 1 || byName.Tokens[0]["expiresAt"] != "2032-02-02T00:00:00.000Z" || byName.Tokens[0]["type"] != "client" {
		t.Fatalf("by name after update: %s", r.body)
	}

	for _, c := range []struct{ body, detail string }{
		{`{}`, "The `/body/expiresAt` property is required. It was not present on the data you sent."},
		{`{"expiresAt":"garbage"}`, "The `/body/expiresAt` property must match format \"date-time\". You sent \"garbage\"."},
		{`{"expiresAt":null}`, "The `/body/expiresAt` property must match format \"date-time\". You sent \"\"."},
	} {
		r := unleashCall(t, u, "PUT", path, u.AdminToken, c.body)
		if d := unleashDetails(t, r); r.status != 400 || len(d) != 1 || d[0] != c.detail {
			t.Errorf("PUT %s: %d %s", c.body, r.status, r.body)
		}
	}
	if r := unleashCall(t, u, "PUT", "/api/admin/api-tokens/does-not-exist", u.AdminToken, `{"expiresAt":"2031-01-01T00:00:00Z"}`); r.status != 200 {
		t.Errorf("PUT unknown: %d", r.status)
	}

	if r := unleashCall(t, u, "DELETE", path, u.AdminToken, ""); r.status != 200 || len(r.body) != 0 {
		t.Errorf("DELETE: %d %q", r.status, r.body)
	}
	if r := unleashCall(t, u, "DELETE", "/api/admin/api-tokens/does-not-exist", u.AdminToken, ""); r.status != 200 {
		t.Errorf("DELETE unknown: %d", r.status)
	}
	if u.Len() != 1 {
		t.Errorf("Len %d after delete, want 1", u.Len())
	}
	r = unleashCall(t, u, "GET", "/api/admin/api-tokens/ci-backend", u.AdminToken, "")
	if string(r.body) != `{"tokens":[]}` {
		t.Errorf("by name after delete: %s", r.body)
	}
}

func TestUnleashTokenLimit(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true, MaxTokens: 3})
	for i := 0; i < 2; i++ {
		if r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"t","type":"client"}`); r.status != 201 {
			t.Fatalf("create %d: %d", i, r.status)
		}
	}
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"t","type":"client"}`)
	m := r.json(t)
	if r.status != 400 || m["name"] != "ExceedsLimitError" || m["message"] != "Failed to create api token. You can't create more than the established limit of 3." {
		t.Errorf("over the limit: %d %s", r.status, r.body)
	}
	if d := newUnleashTest(t, UnleashOptions{}); d.maxTokens != 2000 {
		t.Errorf("default limit %d", d.maxTokens)
	}
}

func TestUnleashProjectsAndEnvironments(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{})
	r := unleashCall(t, u, "GET", "/api/admin/projects", u.AdminToken, "")
	var projects struct {
		Version  int
		Projects []struct{ ID, Name string }
	}
	if err := json.Unmarshal(r.body, &projects); err != nil || projects.Version != 1 || len(projects.Projects) < 4 || projects.Projects[0].ID != "default" {
		t.Errorf("projects: %v %s", err, r.body)
	}
	r = unleashCall(t, u, "GET", "/api/admin/environments", u.AdminToken, "")
	var envs struct {
		Environments []struct {
			Name    string
			Enabled bool
		}
	}
	_ = json.Unmarshal(r.body, &envs)
	got := fmt.Sprint(envs.Environments)
	if got != "[{development true} {production true} {qa false}]" {
		t.Errorf("environments %s", got)
	}
	// A disabled environment still exists for the token service.
	if r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"q","type":"frontend","environment":"qa"}`); r.status != 201 {
		t.Errorf("create in disabled env: %d %s", r.status, r.body)
	}
}

func TestUnleashUnknownPathsAndMethods(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true})
	for _, c := range [][2]string{{"GET", "/api/admin/nosuch"}, {"PATCH", "/api/admin/api-tokens/x"}, {"DELETE", "/api/admin/api-tokens"}, {"POST", "/api/admin/projects"}} {
		r := unleashCall(t, u, c[0], c[1], u.AdminToken, "")
		if m := r.json(t); r.status != 404 || m["name"] != "NotFoundError" || !strings.Contains(m["message"].(string), c[1]) {
			t.Errorf("%s %s: %d %s", c[0], c[1], r.status, r.body)
		}
	}
	if r := unleashCall(t, u, "GET", "/api/admin/api-tokens/", u.AdminToken, ""); r.status != 200 || !strings.HasPrefix(string(r.body), `{"tokens":[`) {
		t.Errorf("trailing slash: %d", r.status)
	}
	if r := unleashCall(t, u, "GET", "/health", "", ""); r.status != 200 {
		t.Errorf("health: %d", r.status)
	}
}

func TestUnleashConcurrentUse(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, fmt.Sprintf(`{"tokenName":"c%d-%d","type":"client"}`, i, j))
				if r.status != 201 {
					t.Errorf("create: %d", r.status)
					return
				}
				secret := r.json(t)["secret"].(string)
				unleashCall(t, u, "GET", "/api/admin/api-tokens", u.AdminToken, "")
				if j%2 == 0 {
					unleashCall(t, u, "DELETE", "/api/admin/api-tokens/"+url.PathEscape(secret), u.AdminToken, "")
				}
				u.IssueToken("issued", "frontend", nil, "development", time.Time{})
			}
		}(i)
	}
	wg.Wait()
	if want := len(unleashSeeds) + 1 + 8*5 + 8*10; u.Len() != want || len(unleashListed(t, u)) != want {
		t.Errorf("Len %d, want %d", u.Len(), want)
	}
}

func TestUnleashExtra100k(t *testing.T) {
	start := time.Now()
	u := newUnleashTest(t, UnleashOptions{Extra: 100000})
	built := time.Since(start)
	// Counted, not decoded: decoding 30 MB under -race takes seconds.
	r := unleashCall(t, u, "GET", "/api/admin/api-tokens", u.AdminToken, "")
	if n := strings.Count(string(r.body), `{"secret":`); r.status != 200 || n != 100000+len(unleashSeeds)+1 {
		t.Fatalf("listed %d (status %d)", n, r.status)
	}
	if built > 5*time.Second {
		t.Errorf("building 100 000 tokens took %s", built)
	}
	// Extra may exceed the limit, and then creating is refused.
	r = unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"one-more","type":"client"}`)
	if r.status != 400 || r.json(t)["name"] != "ExceedsLimitError" {
		t.Errorf("create over the limit: %d", r.status)
	}
}

func BenchmarkUnleashList100k(b *testing.B) {
	u, err := NewUnleash(UnleashOptions{Extra: 100000})
	if err != nil {
		b.Fatal(err)
	}
	defer u.Close()
	req, _ := http.NewRequest("GET", u.URL+"/api/admin/api-tokens", nil)
	req.Header.Set("Authorization", u.AdminToken)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		b.SetBytes(n)
	}
}
