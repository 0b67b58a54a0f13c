package border0

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
)

// seedSample is the admin token shown in Border0's documentation (the seed).
const seedSample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJteS1hd2Vzb21lLW9yZy1pZCIsInR5cGUiOiJ0b2tlbiIsInVzZXJfaWQiOiJ0aGlzLWlzLW15LXVzZXItaWQifQ.m6sk5616to2_y_Y4hA2BbjCD_a_h64A7Rs6hWbUWS4k"

func TestBorder0DecodeClaimsOfDocumentedSample(t *testing.T) {
	for _, in := range []string{seedSample, "  Bearer " + seedSample + "\n"} {
		c, err := DecodeClaims(in)
		if err != nil {
			t.Fatal(err)
		}
		want := Claims{Algorithm: "HS256", OrgID: "my-awesome-org-id", UserID: "this-is-my-user-id", Type: "token"}
		if c != want {
			t.Fatalf("claims %+v, want %+v", c, want)
		}
		if c.Expires() {
			t.Fatal("the sample has no exp")
		}
	}
}

func TestBorder0DecodeClaimsOfEmulatorToken(t *testing.T) {
	e, err := emulator.NewBorder0(emulator.Border0Options{NoSeed: true, Clock: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	exp := testNow.Add(365 * 24 * time.Hour)
	id, secret := e.IssueToken("connector-x", "connector", exp)
	c, err := DecodeClaims(secret)
	if err != nil {
		t.Fatal(err)
	}
	if c.TokenID != id || c.Role != "connector" || c.Type != "token" || c.OrgID == "" || c.UserID == "" ||
		!c.ExpiresAt.Equal(exp) || !c.IssuedAt.Equal(testNow) || c.Algorithm != "HS256" {
		t.Fatalf("claims %+v (id %s)", c, id)
	}
	admin, err := DecodeClaims(e.AdminToken)
	if err != nil || admin.Role != "admin" || admin.Expires() || admin.OrgID != c.OrgID {
		t.Fatalf("admin claims %+v, %v", admin, err)
	}
}

func TestBorder0DecodeClaimsVariants(t *testing.T) {
	c, err := DecodeClaims(fakeJWT(`{"jti":"j-1","org_id":12345,"exp":"1773480413","iat":1773480413.0,"user_id":"u\u001b]52;c;eA==\u0007x"}`) + "==")
	if err != nil {
		t.Fatal(err)
	}
	if c.TokenID != "j-1" || c.OrgID != "12345" || c.UserID != "ux" || !c.ExpiresAt.Equal(testNow) || !c.IssuedAt.Equal(testNow) {
		t.Fatalf("claims %+v", c)
	}
	c, _ = DecodeClaims(fakeJWT(`{"token_id":"t","jti":"j"}`))
	if c.TokenID != "t" {
		t.Fatalf("token_id should win over jti: %q", c.TokenID)
	}
}

func TestBorder0DecodeClaimsRefusesGarbage(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	header := enc([]byte(`{"alg":"HS256"}`))
	cases := map[string]string{
		"":                                "empty",
		"ga_0123456789abcdef":             "three dot-separated parts, this has 1",
		"a.b":                             "this has 2",
		"a.b.c.d.e":                       "this has 5",
		"!!!." + enc([]byte(`{}`)) + ".s": "header is not base64url",
		enc([]byte(`[1]`)) + "." + enc([]byte(`{}`)) + ".s": "header is not a JSON object",
		header + ".%%%.s": "payload is not base64url",
		header + "." + enc([]byte(`{"org_id":`)) + ".s": "payload is not valid JSON",
		header + "." + enc([]byte(`"str"`)) + ".s":      "payload is not a JSON object",
		strings.Repeat("a.", 20000):                     "far longer than a token",
	}
	for in, want := range cases {
		_, err := DecodeClaims(in)
		if !errors.Is(err, ErrNotJWT) || !strings.Contains(err.Error(), want) {
			t.Errorf("%.30q: %v, want %q", in, err, want)
		}
	}
	// The error never repeats the input: it may be a secret.
	secretish := "supersecretvalue.morestuff"
	if _, err := DecodeClaims(secretish); err == nil || strings.Contains(err.Error(), "supersecret") {
		t.Fatalf("%v", err)
	}
}
