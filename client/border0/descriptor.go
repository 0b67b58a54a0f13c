package border0

import (
	"time"

	"github.com/tokentui/tokentui/client"
)

// Descriptor describes Border0 to the registry (client/registry).
var Descriptor = client.Descriptor{
	Kind:        "border0",
	DisplayName: "Border0",
	DefaultURL:  DefaultBaseURL,
	TokenEnv:    TokenEnv,
	TokenHelp:   "create an organisation access token with the admin role in the Border0 portal",
	// The list reports who created a token but not when it was last used.
	Can:       client.Capabilities{Role: "role", Reports: client.FactCreator},
	New:       client.Constructor(New),
	Recognise: recognise,
}

// Kind is Descriptor.Kind.
func (p *Provider) Kind() string { return Descriptor.Kind }

// DisplayName is Descriptor.DisplayName.
func (p *Provider) DisplayName() string { return Descriptor.DisplayName }

// recognise claims a JWT whose claims name an organisation or say it is an
// organisation token; other JWTs are left to the generic reader.
func recognise(secret string, now time.Time) (client.SecretFacts, bool) {
	claims, err := DecodeClaims(secret)
	if err != nil || (claims.OrgID == "" && claims.Type != "token") {
		return client.SecretFacts{}, false
	}
	f := client.SecretFacts{Title: "Border0 organisation access token (a JWT; decoded, not verified)", Claims: true}
	f.Add("org_id", "Organisation", claims.OrgID)
	f.Add("token_id", "Token ID", claims.TokenID)
	f.Add("type", "Type", claims.Type)
	f.Add("role", "Role", claims.Role)
	f.Add("user_id", "User", claims.UserID)
	if !claims.IssuedAt.IsZero() {
		f.Add("issued_at", "Issued", claims.IssuedAt.UTC().Format(time.RFC3339))
	}
	f.Add("expires_at", "Expires", client.DescribeExpiry(claims.ExpiresAt, now))
	f.Add("algorithm", "Algorithm", claims.Algorithm)
	return f, true
}
