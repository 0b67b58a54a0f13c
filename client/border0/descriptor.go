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
	Can:       client.Capabilities{Role: "role", Owner: "service account or connector", Reports: client.FactCreator},
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
	title := "Border0 organisation access token (a JWT; decoded, not verified)"
	switch {
	case claims.ServiceAccount != "":
		title = "Border0 service-account token (a JWT; decoded, not verified)"
	case claims.ConnectorID != "":
		title = "Border0 connector token (a JWT; decoded, not verified)"
	}
	f := client.SecretFacts{Title: title, Claims: true}
	f.Add("org_id", "Organisation", claims.OrgID)
	f.Add("service_account", "Service account", claims.ServiceAccount)
	f.Add("connector_id", "Connector", claims.ConnectorID)
	f.Add("token_id", "Token ID", claims.TokenID)
	f.Add("type", "Type", claims.Type)
	f.Add("role", "Role", claims.Role)
	f.Add("user_id", "User", claims.UserID)
	switch {
	case claims.IssuedInvalid:
		f.Add("issued_at", "Issued", client.InvalidDate)
	case !claims.IssuedAt.IsZero():
		f.Add("issued_at", "Issued", claims.IssuedAt.UTC().Format(time.RFC3339))
	}
	if claims.ExpiryInvalid {
		f.Add("expires_at", "Expires", client.InvalidDate+": when it expires is unknown")
	} else {
		f.Add("expires_at", "Expires", client.DescribeExpiry(claims.ExpiresAt, now))
	}
	f.Add("algorithm", "Algorithm", claims.Algorithm)
	return f, true
}
