package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Border0 secrets are HS256 JWTs. The emulator signs them with a random key
// of its own, so a token from one emulator (or a forged one) is refused by
// another, as a real server refuses a token it did not sign.

// border0JWTHeader is the encoded header of every token the emulator issues.
var border0JWTHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

// The "type" claims of the emulator's service-account and connector tokens
// (Border0 does not publish their format).
const (
	border0TypeServiceAccount = "service_account_token"
	border0TypeConnector      = "connector_token"
)

// border0Claims are the claims of an issued token. org_id, type and user_id
// are what Border0's own sample token carries; token_id and role are the
// emulator's, so a pasted secret can be traced to its list entry.
type border0Claims struct {
	OrgID          string `json:"org_id"`
	Type           string `json:"type"`
	UserID         string `json:"user_id"`
	TokenID        string `json:"token_id"`
	Role           string `json:"role,omitempty"`
	ServiceAccount string `json:"service_account,omitempty"`
	ConnectorID    string `json:"connector_id,omitempty"`
	IssuedAt       int64  `json:"iat"`
	ExpiresAt      int64  `json:"exp,omitempty"` // absent: never expires
}

// sign returns the compact JWT for c.
func (b *Border0) sign(c border0Claims) string {
	payload, err := json.Marshal(c)
	if err != nil {
		panic("marshalling border0 claims: " + err.Error()) // plain strings and ints cannot fail
	}
	signingInput := border0JWTHeader + "." + base64.RawURLEncoding.EncodeToString(payload)
	return signingInput + "." + b.mac(signingInput)
}

// verify checks the signature and header of a compact JWT and returns its
// claims. Expiry is the caller's business: it depends on the emulator clock.
func (b *Border0) verify(token string) (border0Claims, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] != border0JWTHeader {
		return border0Claims{}, false
	}
	want := b.mac(parts[0] + "." + parts[1])
	if !hmac.Equal([]byte(want), []byte(parts[2])) {
		return border0Claims{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return border0Claims{}, false
	}
	var c border0Claims
	if err := json.Unmarshal(payload, &c); err != nil || (c.Type != "token" && c.Type != border0TypeServiceAccount && c.Type != border0TypeConnector) {
		return border0Claims{}, false
	}
	return c, true
}

func (b *Border0) mac(signingInput string) string {
	h := hmac.New(sha256.New, b.key)
	h.Write([]byte(signingInput))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
