package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The shapes below are those of the real unleash-server 8.2.0 with
// UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true (shared/specs/unleash-secure-tokens.md,
// section 6a); client/unleash's parity test compares them with a live one.

var unleashV2Secret = regexp.MustCompile(`^default:production\.v2_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$`)

func keysOf(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ",")
}

func TestUnleashSecureCreateAndListShapes(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true, SecureTokens: true})
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"sec","type":"backend","environment":"production","projects":["default"]}`)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	created := r.json(t)
	secret, _ := created["secret"].(string)
	if !unleashV2Secret.MatchString(secret) || created["secure"] != true || created["type"] != "backend" {
		t.Fatalf("created %v", created)
	}
	// No alias, no seenAt, no expiresAt (none was sent), no selector field.
	if got := keysOf(created); got != "createdAt,environment,project,projects,secret,secure,tokenName,type" {
		t.Errorf("create answer keys %s", got)
	}
	selector := secret[len("default:production.v2_") : len("default:production.v2_")+22]

	listed := unleashListed(t, u)
	if len(listed) != 2 || listed[0]["secure"] != false || listed[1]["secret"] != selector {
		t.Fatalf("list %v", listed)
	}
	if got := keysOf(listed[1]); got != "createdAt,environment,project,projects,secret,secure,tokenName,type" {
		t.Errorf("listed keys %s", got)
	}
	if listed[1]["type"] != "backend" {
		t.Errorf("a v2 backend token lists as %v", listed[1]["type"])
	}

	// Used once, with an expiry: both keys appear.
	if c := unleashCall(t, u, "GET", "/api/client/features", secret, ""); c.status != http.StatusOK {
		t.Fatalf("the secret on the client API: %d", c.status)
	}
	if c := unleashCall(t, u, "PUT", "/api/admin/api-tokens/"+selector, u.AdminToken, `{"expiresAt":"2031-01-01T00:00:00.000Z"}`); c.status != http.StatusOK {
		t.Fatalf("PUT by selector: %d", c.status)
	}
	entry := unleashListed(t, u)[1]
	if entry["expiresAt"] != "2031-01-01T00:00:00.000Z" || entry["seenAt"] == nil {
		t.Errorf("after use and PUT: %v", entry)
	}
}

func TestUnleashSecureCredentialsAndAddressing(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true, SecureTokens: true})
	mk := func(name string) string {
		r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"`+name+`","type":"client","environment":"production","projects":["default"]}`)
		return r.json(t)["secret"].(string)
	}
	a, b := mk("a"), mk("b")
	forged := a[:len(a)-43] + strings.Repeat("A", 43)
	selector := a[len("default:production.v2_") : len("default:production.v2_")+22]
	for _, c := range []struct {
		cred string
		want int
	}{
		{a, 200}, {"Bearer " + a, 200}, {forged, 401}, {selector, 401},
	} {
		if r := unleashCall(t, u, "GET", "/api/client/features", c.cred, ""); r.status != c.want {
			t.Errorf("credential %.30s…: %d, want %d", c.cred, r.status, c.want)
		}
	}
	// Admin routes look at the selector only: a forged full secret still
	// addresses the token.
	if r := unleashCall(t, u, "PUT", "/api/admin/api-tokens/"+forged, u.AdminToken, `{"expiresAt":"2033-03-03T00:00:00.000Z"}`); r.status != 200 {
		t.Fatalf("PUT by forged secret: %d", r.status)
	}
	if got := unleashListed(t, u)[1]["expiresAt"]; got != "2033-03-03T00:00:00.000Z" {
		t.Errorf("expiry after PUT by forged secret: %v", got)
	}
	unleashCall(t, u, "DELETE", "/api/admin/api-tokens/"+selector, u.AdminToken, "")
	if r := unleashCall(t, u, "GET", "/api/client/features", a, ""); r.status != 401 {
		t.Errorf("a deleted v2 secret: %d", r.status)
	}
	unleashCall(t, u, "DELETE", "/api/admin/api-tokens/"+strings.ReplaceAll(b, "*", "%2A"), u.AdminToken, "")
	if n := len(unleashListed(t, u)); n != 1 {
		t.Errorf("%d tokens left after deleting both", n)
	}
}

// With secure storage the server does not check that a project exists; the
// database refuses the insert (500) and nothing is created.
func TestUnleashSecureUnknownProjectIsADatabaseError(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{NoSeed: true, SecureTokens: true})
	r := unleashCall(t, u, "POST", "/api/admin/api-tokens", u.AdminToken, `{"tokenName":"x","type":"client","environment":"production","projects":["nope"]}`)
	if r.status != 500 || !strings.Contains(string(r.body), `api_tokens_v2_project_project_fkey`) || !strings.Contains(string(r.body), `\n                         VALUES`) {
		t.Errorf("unknown project: %d %s", r.status, r.body)
	}
	if n := len(unleashListed(t, u)); n != 1 {
		t.Errorf("%d tokens after a refused create", n)
	}
}

func TestUnleashSecureSeedMixesBothKinds(t *testing.T) {
	u := newUnleashTest(t, UnleashOptions{SecureTokens: true})
	var plain, secure int
	for _, e := range unleashListed(t, u) {
		if e["secure"] == true {
			secure++
			if s, _ := e["secret"].(string); len(s) != 22 {
				t.Errorf("v2 entry %v", e)
			}
			continue
		}
		plain++
		if secure > 0 {
			t.Errorf("v1 entry %v after a v2 one: the server lists its v1 store first", e["tokenName"])
		}
	}
	if secure != len(unleashSecureSeeds) || plain != len(unleashSeeds)+1 {
		t.Errorf("%d v1 and %d v2 tokens", plain, secure)
	}
	if n := len(unleashListed(t, newUnleashTest(t, UnleashOptions{}))); n != len(unleashSeeds)+1 {
		t.Errorf("without the flag the seed has %d tokens", n)
	}
}
