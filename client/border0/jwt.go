package border0

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Claims is what a Border0 token says about itself. Decoding needs no key
// and proves nothing: it tells which organisation and token a pasted secret
// claims to be, not that Border0 would accept it.
type Claims struct {
	Algorithm string // header "alg", e.g. "HS256"
	OrgID     string // org_id
	UserID    string // user_id
	Type      string // type: "token" for organisation access tokens
	// TokenID is the token's id in the list: the token_id claim (tokentui's
	// emulator), else jti; empty when the token carries neither.
	TokenID string
	Role    string // role, when present
	// ServiceAccount and ConnectorID name the owner of a token of a
	// service account or a connector, when its claims say so (tokentui's
	// emulator; Border0 does not publish that format).
	ServiceAccount string
	ConnectorID    string
	IssuedAt       time.Time // iat; zero when absent or not a valid time
	ExpiresAt      time.Time // exp; zero: the token never expires (unless ExpiryInvalid)
	// IssuedInvalid and ExpiryInvalid: the claim is there but not a valid
	// time (a word, a negative number, the year 292 million).
	IssuedInvalid, ExpiryInvalid bool
}

// Expires reports whether the token has a known expiry.
func (c Claims) Expires() bool { return !c.ExpiresAt.IsZero() }

// ErrNotJWT is wrapped by every DecodeClaims error about the input's form.
var ErrNotJWT = errors.New("not a Border0 token")

// maxTokenLen bounds what DecodeClaims reads; Border0 tokens are a few
// hundred bytes.
const maxTokenLen = 16 << 10

// DecodeClaims decodes, without verifying, the payload of a Border0 token
// (a JWT). A leading "Bearer " and surrounding spaces are ignored. Every
// string claim is sanitised. Errors describe what is wrong and never repeat
// the input, which may be a secret.
func DecodeClaims(jwt string) (Claims, error) {
	jwt = strings.TrimSpace(jwt)
	if len(jwt) > 7 && strings.EqualFold(jwt[:7], "bearer ") {
		jwt = strings.TrimSpace(jwt[7:])
	}
	switch {
	case jwt == "":
		return Claims{}, fmt.Errorf("%w: it is empty", ErrNotJWT)
	case len(jwt) > maxTokenLen:
		return Claims{}, fmt.Errorf("%w: it is %d bytes, far longer than a token", ErrNotJWT, len(jwt))
	}
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return Claims{}, fmt.Errorf("%w: a token is a JWT of three dot-separated parts, this has %d", ErrNotJWT, len(parts))
	}

	var header struct {
		Alg any `json:"alg"`
	}
	if err := decodeSegment(parts[0], &header); err != nil {
		return Claims{}, fmt.Errorf("%w: its header %v", ErrNotJWT, err)
	}
	var payload struct {
		OrgID   any      `json:"org_id"`
		UserID  any      `json:"user_id"`
		Type    any      `json:"type"`
		TokenID any      `json:"token_id"`
		JTI     any      `json:"jti"`
		Role    any      `json:"role"`
		Account any      `json:"service_account"`
		Conn    any      `json:"connector_id"`
		IAT     flexTime `json:"iat"`
		Exp     flexTime `json:"exp"`
	}
	if err := decodeSegment(parts[1], &payload); err != nil {
		return Claims{}, fmt.Errorf("%w: its payload %v", ErrNotJWT, err)
	}
	iat, iatOK := payload.IAT.valid()
	exp, expOK := payload.Exp.valid()
	c := Claims{
		Algorithm:     claimString(header.Alg),
		OrgID:         claimString(payload.OrgID),
		UserID:        claimString(payload.UserID),
		Type:          claimString(payload.Type),
		TokenID:       claimString(payload.TokenID),
		Role:          claimString(payload.Role),
		IssuedAt:      iat,
		ExpiresAt:     exp,
		IssuedInvalid: !iatOK,
		ExpiryInvalid: !expOK,

		ServiceAccount: claimString(payload.Account),
		ConnectorID:    claimString(payload.Conn),
	}
	if c.TokenID == "" {
		c.TokenID = claimString(payload.JTI)
	}
	return c, nil
}

// decodeSegment base64url-decodes one JWT segment (padding tolerated) and
// unmarshals its JSON object into v.
func decodeSegment(seg string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return errors.New("is not base64url")
	}
	if len(raw) == 0 || raw[0] != '{' {
		return errors.New("is not a JSON object")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return err
		}
		return errors.New("is not valid JSON")
	}
	return nil
}

// claimString renders a string (sanitised) or numeric claim; other JSON
// types (objects, arrays, booleans) are not ids and become "".
func claimString(v any) string {
	switch x := v.(type) {
	case string:
		return client.Sanitize(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}
