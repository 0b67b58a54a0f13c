package inspect

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/unleash"
)

// recogniseJWT: a Border0 organisation token (org_id or type "token" in its
// claims), or any other JWT.
func recogniseJWT(secret string, now time.Time) (Result, bool) {
	if strings.Count(secret, ".") != 2 || !strings.HasPrefix(secret, "eyJ") {
		return Result{}, false
	}
	claims, err := border0.DecodeClaims(secret)
	if err != nil {
		return Result{}, false
	}
	if claims.OrgID != "" || claims.Type == "token" {
		r := Result{Kind: KindBorder0, Title: "Border0 organisation access token (a JWT; decoded, not verified)"}
		r.add("org_id", "Organisation", claims.OrgID)
		r.add("token_id", "Token id", claims.TokenID)
		r.add("type", "Type", claims.Type)
		r.add("role", "Role", claims.Role)
		r.add("user_id", "User", claims.UserID)
		if !claims.IssuedAt.IsZero() {
			r.add("issued_at", "Issued", claims.IssuedAt.UTC().Format(time.RFC3339))
		}
		r.add("expires_at", "Expires", expiry(claims.ExpiresAt, now))
		r.add("algorithm", "Algorithm", claims.Algorithm)
		return r, true
	}
	r := Result{Kind: KindJWT, Title: "a JWT from an unknown issuer (decoded, not verified)"}
	r.add("algorithm", "Algorithm", claims.Algorithm)
	for _, c := range standardClaims(secret, now) {
		r.add(c.Key, c.Label, c.Value)
	}
	if !claims.ExpiresAt.IsZero() {
		r.add("expires_at", "Expires", expiry(claims.ExpiresAt, now))
	}
	return r, true
}

// standardClaims reads the registered claims (RFC 7519) a generic JWT
// carries, and the names of its other claims, whose values may be personal
// data and are not shown.
func standardClaims(jwt string, now time.Time) []Field {
	payload := strings.Split(jwt, ".")[1]
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(payload, "="))
	if err != nil {
		return nil
	}
	var claims map[string]any
	if json.Unmarshal(raw, &claims) != nil {
		return nil
	}
	labels := []struct{ key, label string }{{"iss", "Issuer"}, {"sub", "Subject"}, {"aud", "Audience"}, {"jti", "Token id"}}
	var out []Field
	for _, l := range labels {
		if v, ok := claims[l.key]; ok {
			out = append(out, Field{Key: l.key, Label: l.label, Value: claimText(v)})
		}
	}
	if iat, ok := claims["iat"].(float64); ok {
		out = append(out, Field{Key: "issued_at", Label: "Issued", Value: time.Unix(int64(iat), 0).UTC().Format(time.RFC3339)})
	}
	var others []string
	for k := range claims {
		switch k {
		case "iss", "sub", "aud", "jti", "iat", "exp", "nbf":
		default:
			others = append(others, k)
		}
	}
	sort.Strings(others)
	if len(others) > 0 {
		out = append(out, Field{Key: "other_claims", Label: "Other claims", Value: strings.Join(others, ", ")})
	}
	return out
}

func claimText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, 0, len(x))
		for _, p := range x {
			parts = append(parts, claimText(p))
		}
		return strings.Join(parts, ", ")
	case float64:
		return fmt.Sprintf("%v", x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// recogniseUnleash: "<projects>:<environment>.<hash>" (v2), or a bare run of
// hex digits (v1), which any hex secret also looks like.
func recogniseUnleash(secret string, _ time.Time) (Result, bool) {
	info, ok := unleash.ParseSecret(secret)
	if !ok {
		return Result{}, false
	}
	if info.Version == 1 {
		r := Result{Kind: KindUnleash, Title: "probably an Unleash API token in the v1 format (or another hex secret: the format is not distinctive)"}
		r.add("format", "Format", "v1: hex only; projects, environment and type are not in the secret")
		r.add("length", "Length", fmt.Sprintf("%d hex digits", len(secret)))
		return r, true
	}
	r := Result{Kind: KindUnleash, Title: "Unleash API token (v2 format)"}
	r.add("format", "Format", "v2: <projects>:<environment>.<hash>")
	r.add("projects", "Projects", info.Projects)
	env := info.Environment
	if env == "*" {
		env = "all environments"
	}
	r.add("environment", "Environment", env)
	if info.Admin {
		r.add("type", "Type", "admin (all projects and environments)")
	} else {
		r.add("type", "Type", "client, backend or frontend (not in the secret)")
	}
	return r, true
}

// goodAccessPrefix is the prefix of secrets tokentui's GoodAccess emulator
// issues. GoodAccess does not document its own format.
const goodAccessPrefix = "ga_"

func recogniseGoodAccess(secret string, _ time.Time) (Result, bool) {
	rest, ok := strings.CutPrefix(secret, goodAccessPrefix)
	if !ok || len(rest) != 40 || !isHex(rest) {
		return Result{}, false
	}
	r := Result{Kind: KindGoodAccess, Title: "GoodAccess token in the format of tokentui's emulator (ga_ + 40 hex)"}
	r.add("note", "Note", "the real GoodAccess API does not document its token format; scopes and expiry are not in the secret")
	return r, true
}

func unknown(secret string) Result {
	r := Result{Kind: KindUnknown, Title: "not a format tokentui recognises"}
	r.add("length", "Length", fmt.Sprintf("%d characters", len([]rune(secret))))
	r.add("charset", "Characters", charset(secret))
	return r
}

// charset names the smallest familiar alphabet the secret fits.
func charset(s string) string {
	var lower, upper, digit, urlSafe, b64, space, other, nonASCII bool
	for _, c := range s {
		switch {
		case c > unicode.MaxASCII:
			nonASCII = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
			digit = true
		case c == '-' || c == '_':
			urlSafe = true
		case c == '+' || c == '/' || c == '=':
			b64 = true
		case unicode.IsSpace(c):
			space = true
		default:
			other = true
		}
	}
	switch {
	case nonASCII:
		return "contains non-ASCII characters"
	case space:
		return "contains whitespace (more than one word? a token is one)"
	case isHex(s):
		return "hexadecimal"
	case other:
		return "printable ASCII with punctuation"
	case b64 && !urlSafe:
		return "base64"
	case urlSafe && !b64:
		return "base64url / letters, digits, - and _"
	case !urlSafe && !b64 && (lower || upper) && digit:
		return "letters and digits"
	case !urlSafe && !b64 && digit:
		return "digits only"
	case !urlSafe && !b64:
		return "letters only"
	}
	return "letters, digits and - _ + / ="
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
