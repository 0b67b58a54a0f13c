package inspect

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/unleash"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// seedBorder0JWT is the sample admin token of Border0's documentation
// (shared/seeds/000_*.txt): {"org_id": "my-awesome-org-id", "type": "token",
// "user_id": "this-is-my-user-id"}, no exp.
const seedBorder0JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJteS1hd2Vzb21lLW9yZy1pZCIsInR5cGUiOiJ0b2tlbiIsInVzZXJfaWQiOiJ0aGlzLWlzLW15LXVzZXItaWQifQ.m6sk5616to2_y_Y4hA2BbjCD_a_h64A7Rs6hWbUWS4k"

func jwt(header, payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc([]byte(payload)) + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk"
}

// noLeak fails when any line of the result holds the whole secret, or its
// longest part.
func noLeak(t *testing.T, r Result, secret string) {
	t.Helper()
	parts := strings.FieldsFunc(secret, func(c rune) bool { return c == '.' || c == ':' })
	longest := secret
	for _, p := range parts {
		if len(p) > 16 && len(p) >= len(longest)/3 {
			longest = p
		}
	}
	for _, line := range append(r.Summary, r.Masked, r.Title) {
		if strings.Contains(line, secret) || strings.Contains(line, longest) {
			t.Errorf("line leaks the secret: %q", line)
		}
	}
}

func TestBorder0SeedJWT(t *testing.T) {
	r := RecogniseAt("Bearer "+seedBorder0JWT+"\n", now)
	if r.Kind != Kind(border0.Descriptor.Kind) {
		t.Fatalf("kind %q: %v", r.Kind, r.Summary)
	}
	if r.Value("org_id") != "my-awesome-org-id" || r.Value("type") != "token" || r.Value("user_id") != "this-is-my-user-id" {
		t.Errorf("fields: %+v", r.Fields)
	}
	if r.Value("expires_at") != "never" || r.Value("algorithm") != "HS256" {
		t.Errorf("expiry %q alg %q", r.Value("expires_at"), r.Value("algorithm"))
	}
	noLeak(t, r, seedBorder0JWT)
}

func TestBorder0ExpiredJWT(t *testing.T) {
	exp := now.Add(-time.Hour).Unix()
	secret := jwt(`{"alg":"HS256","typ":"JWT"}`, `{"org_id":"o1","type":"token","token_id":"3f2a","exp":`+strconv.FormatInt(exp, 10)+`}`)
	r := RecogniseAt(secret, now)
	if r.Kind != Kind(border0.Descriptor.Kind) || !strings.Contains(r.Value("expires_at"), "expired") || r.Value("token_id") != "3f2a" {
		t.Fatalf("%+v", r)
	}
}

func TestGenericJWT(t *testing.T) {
	secret := jwt(`{"alg":"RS256","typ":"JWT"}`, `{"iss":"https://idp.example","sub":"ada","aud":["api"],"iat":1767225600,"exp":1893456000,"email":"ada@example.com"}`)
	r := RecogniseAt(secret, now)
	if r.Kind != KindJWT {
		t.Fatalf("kind %q", r.Kind)
	}
	if r.Value("algorithm") != "RS256" || r.Value("iss") != "https://idp.example" || r.Value("aud") != "api" {
		t.Errorf("fields: %+v", r.Fields)
	}
	if r.Value("other_claims") != "email" {
		t.Errorf("other claims %q", r.Value("other_claims"))
	}
	if strings.Contains(strings.Join(r.Summary, "\n"), "ada@example.com") {
		t.Error("the value of a non-standard claim is shown")
	}
	if !strings.Contains(r.Value("expires_at"), "2030-01-01") {
		t.Errorf("expires %q", r.Value("expires_at"))
	}
	noLeak(t, r, secret)
}

func TestUnleashV1(t *testing.T) {
	secret := "default:production.25ee8d7b2a1c4f0e9d3b6a5c8e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b"
	r := RecogniseAt(secret, now)
	if r.Kind != Kind(unleash.Descriptor.Kind) || !strings.Contains(r.Title, "v1") || r.Value("length") != "" {
		t.Fatalf("%+v", r)
	}
	if r.Value("projects") != "default" || r.Value("environment") != "production" {
		t.Errorf("fields: %+v", r.Fields)
	}
	if r.Masked != "default:production.25ee…4b" {
		t.Errorf("masked %q", r.Masked)
	}
	noLeak(t, r, secret)

	admin := RecogniseAt("*:*.unleash-insecure-admin-api-token", now)
	if admin.Kind != Kind(unleash.Descriptor.Kind) || !strings.Contains(admin.Value("type"), "admin") || admin.Value("projects") != "all projects" || admin.Value("environment") != "all environments" {
		t.Errorf("admin: %+v", admin)
	}
	several := RecogniseAt("[]:development.25ee8d7b2a1c4f0e9d3b6a5c8e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b", now)
	if !strings.Contains(several.Value("projects"), "several") {
		t.Errorf("[] projects: %+v", several.Fields)
	}
}

// A 64-digit hash, as older documentation describes it, is recognised and
// its length pointed out: servers since 4.3 make 56.
func TestUnleashV1WithTheDocumentedLength(t *testing.T) {
	secret := "default:production." + strings.Repeat("a1b2c3d4", 8)
	r := RecogniseAt(secret, now)
	if r.Kind != Kind(unleash.Descriptor.Kind) || !strings.Contains(r.Title, "v1") || !strings.Contains(r.Value("length"), "64 hex digits") {
		t.Fatalf("%+v", r)
	}
	noLeak(t, r, secret)
}

func TestUnleashLegacy(t *testing.T) {
	secret := strings.Repeat("a1b2c3d4", 7)
	r := RecogniseAt(secret, now)
	if r.Kind != Kind(unleash.Descriptor.Kind) || !strings.Contains(r.Title, "legacy") || r.Value("length") != "56 hex digits" {
		t.Fatalf("%+v", r)
	}
	noLeak(t, r, secret)
}

// A v2 secret as the real 8.2.0 server made it with secure token storage
// on: recognised, its selector shown (an id), its secret part never.
func TestUnleashV2(t *testing.T) {
	secret := "default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI"
	r := RecogniseAt(secret, now)
	if r.Kind != Kind(unleash.Descriptor.Kind) || !strings.Contains(r.Title, "v2") || !strings.Contains(r.Title, "secure") {
		t.Fatalf("%+v", r)
	}
	if r.Value("projects") != "default" || r.Value("environment") != "production" || r.Value("selector") != "oCMDWlZC_Z82MEpzo1zNLQ" {
		t.Errorf("fields: %+v", r.Fields)
	}
	if r.Masked != "default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_…" || !strings.Contains(r.Format, "selector: oCMDWlZC_Z82MEpzo1zNLQ") {
		t.Errorf("masked %q, format %q", r.Masked, r.Format)
	}
	noLeak(t, r, secret)
	if tail := secret[len(secret)-43:]; strings.Contains(strings.Join(r.Summary, "\n"), tail[:6]) {
		t.Errorf("the secret part shows: %q", r.Summary)
	}
}

func TestGoodAccessEmulatorFormat(t *testing.T) {
	secret := "ga_" + strings.Repeat("0123456789", 4)
	r := RecogniseAt(secret, now)
	if r.Kind != Kind(goodaccess.Descriptor.Kind) {
		t.Fatalf("%+v", r)
	}
	noLeak(t, r, secret)
}

func TestUnknown(t *testing.T) {
	cases := map[string]string{
		"hunter2hunter2hunter2":            "letters and digits",
		"abc-DEF_123abc-DEF_123":           "base64url / letters, digits, - and _",
		"abc+DEF/123=":                     "base64",
		"pa ss word":                       "contains whitespace (more than one word? a token is one)",
		"tökén-with-ümlauts":               "contains non-ASCII characters",
		"eyJub3QiOiJqd3QifQ.broken.parts!": "printable ASCII with punctuation",
	}
	for secret, want := range cases {
		r := RecogniseAt(secret, now)
		if r.Kind != KindUnknown || r.Value("charset") != want {
			t.Errorf("%q: kind %q charset %q, want %q", secret, r.Kind, r.Value("charset"), want)
		}
		if r.Value("length") == "" {
			t.Errorf("%q: no length", secret)
		}
		noLeak(t, r, secret)
	}
}

func TestEmpty(t *testing.T) {
	if r := RecogniseAt("  \n", now); r.Kind != KindEmpty || r.Masked != "" {
		t.Fatalf("%+v", r)
	}
}

func TestHostileClaimsAreSanitised(t *testing.T) {
	secret := jwt(`{"alg":"HS256"}`, `{"org_id":"evil\u001b]52;c;aGk=\u0007org","type":"token"}`)
	r := RecogniseAt(secret, now)
	for _, line := range r.Summary {
		if strings.ContainsAny(line, "\x1b\x07") {
			t.Errorf("escape survived: %q", line)
		}
	}
}
