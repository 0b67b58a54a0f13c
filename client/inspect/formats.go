package inspect

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/tokentui/tokentui/client"
)

// recogniseJWT reads a JWT that no provider claimed: its registered claims
// (RFC 7519) and the names of the others.
func recogniseJWT(secret string, now time.Time) (Result, bool) {
	if strings.Count(secret, ".") != 2 || !strings.HasPrefix(secret, "eyJ") {
		return Result{}, false
	}
	alg, exp, hasExp, ok := jwtHeaderAndExpiry(secret)
	if !ok {
		return Result{}, false
	}
	r := Result{Kind: KindJWT, Title: "a JWT from an unknown issuer (decoded, not verified)"}
	r.add("algorithm", "Algorithm", alg)
	for _, c := range standardClaims(secret, now) {
		r.add(c.Key, c.Label, c.Value)
	}
	switch {
	case hasExp && !client.ValidTime(exp):
		r.add("expires_at", "Expires", client.InvalidDate+": when it expires is unknown")
	case hasExp:
		r.add("expires_at", "Expires", client.DescribeExpiry(exp, now))
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
	if iat, ok := claims["iat"]; ok {
		issued := client.InvalidDate
		if t, ok := unixClaim(iat); ok {
			issued = t.Format(time.RFC3339)
		}
		out = append(out, Field{Key: "issued_at", Label: "Issued", Value: issued})
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
	case client.IsHex(s):
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

// jwtHeaderAndExpiry decodes a JWT's header algorithm and its exp claim
// (hasExp: the claim is there; exp is zero when it is no valid time); ok is
// false when the first two parts are not base64url JSON objects.
func jwtHeaderAndExpiry(jwt string) (alg string, exp time.Time, hasExp, ok bool) {
	parts := strings.Split(jwt, ".")
	var header struct {
		Alg any `json:"alg"`
	}
	var payload struct {
		Exp any `json:"exp"`
	}
	if !decodeSegment(parts[0], &header) || !decodeSegment(parts[1], &payload) {
		return "", time.Time{}, false, false
	}
	alg, _ = header.Alg.(string)
	exp, _ = unixClaim(payload.Exp)
	return alg, exp, payload.Exp != nil, true
}

// unixClaim reads a NumericDate claim (RFC 7519: seconds since the epoch);
// ok is false for anything else or a time out of range (client.ValidTime).
func unixClaim(v any) (time.Time, bool) {
	secs, isNum := v.(float64)
	if !isNum || secs <= 0 || secs >= 1e11 {
		return time.Time{}, false
	}
	t := time.Unix(int64(secs), 0).UTC()
	return t, client.ValidTime(t)
}

// decodeSegment base64url-decodes one JWT part (padding tolerated) into v,
// which must be a JSON object.
func decodeSegment(seg string, v any) bool {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	return err == nil && len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, v) == nil
}
