package client

import "time"

// Token is one API token as every provider reports it. Fields a provider does
// not have stay empty; the TUI shows only what is set.
type Token struct {
	// ID is the display-safe handle of the token (a UUID for GoodAccess and
	// Border0). Unleash addresses tokens by their secret, so its provider sets
	// ID to a fingerprint of the secret and keeps the secret in Secret.
	ID   string
	Name string

	// Scopes are GoodAccess permission strings, exactly as the API spells them.
	Scopes []string
	// Role is the Border0 role (admin, member, connector) or the Unleash type
	// (client, frontend, admin).
	Role string
	// Projects and Environment are Unleash's: ["*"] means every project.
	Projects    []string
	Environment string

	// AllowedIPs are addresses or CIDR ranges; empty means any IP may use it.
	AllowedIPs []string

	CreatedAt time.Time
	ExpiresAt time.Time // zero: never expires, unless InvalidDates says otherwise
	// LastUsedAt is zero for a token never used, or when the API does not
	// report last use at all (Reported tells the two apart), or when the
	// date it sent is invalid (InvalidDates).
	LastUsedAt time.Time
	// CreatedBy is "" when none is recorded, or when the API does not
	// report a creator: Reported tells the two apart.
	CreatedBy string
	// InvalidDates are the dates the server sent that tokentui cannot
	// trust (unreadable, or out of range: see ValidTime). Their fields are
	// zero; views show InvalidDate for them, never "never". Set by SetDate.
	InvalidDates DateFields

	// Self marks the admin token tokentui itself is calling the API with:
	// revoking it ends tokentui's access. It is set only where the provider
	// can tell (Reported has FactSelf); elsewhere it is false and says
	// nothing.
	Self bool
	// Reported is what the API reports about this token beyond the basics,
	// so that a missing value is shown as "not reported" rather than as a
	// reassuring default such as "never used".
	Reported Facts

	// Owner is who the token belongs to and acts as, for people: a Border0
	// service account ("ci-bot"). Empty for a token of the organisation
	// itself. OwnerID is the same owner as the catalog's Owners spell it,
	// so a rotate can pick it again.
	Owner   string
	OwnerID string

	// Profile is the name of the tokentui profile the token was listed on.
	// Providers leave it empty; whoever puts the tokens of several
	// profiles side by side (the all-profiles table, list --all-profiles)
	// sets it, so every action on a token goes to its own profile.
	Profile string

	// Secret is set only by providers whose list endpoint returns secrets
	// (Unleash). It must be masked on screen (MaskSecret) unless asked for.
	Secret string
	// SecretNote says why a token of such a provider has no Secret: the
	// server keeps only a hash of it (Unleash's secure token storage), so it
	// was shown once, at creation, and can never be copied from the list.
	SecretNote string
}

// LastUseReported reports whether LastUsedAt means something: zero is then
// "never used" rather than "not reported".
func (t Token) LastUseReported() bool { return t.Reported.Has(FactLastUse) }

// CreatorReported reports whether CreatedBy means something: "" is then
// "none recorded" rather than "not reported".
func (t Token) CreatorReported() bool { return t.Reported.Has(FactCreator) }

// SelfKnown reports whether the provider could tell if this token is the
// admin token in use; Self then says whether it is.
func (t Token) SelfKnown() bool { return t.Reported.Has(FactSelf) }

// Expires reports whether the token has a known expiry. A token without
// one either never expires (NeverExpires) or has an invalid one
// (ExpiryInvalid).
func (t Token) Expires() bool { return !t.ExpiresAt.IsZero() }

// NeverExpires reports whether the server said the token has no expiry.
func (t Token) NeverExpires() bool { return t.ExpiresAt.IsZero() && !t.ExpiryInvalid() }

// ExpiryInvalid reports whether the server sent an expiry that is not a
// valid date: when the token expires is unknown.
func (t Token) ExpiryInvalid() bool { return t.InvalidDates.Has(DateExpires) }

// ExpiredAt reports whether the token is past its expiry at now.
func (t Token) ExpiredAt(now time.Time) bool {
	return t.Expires() && !t.ExpiresAt.After(now)
}

// ExpiresWithin reports whether the token is still valid at now but expires
// within d.
func (t Token) ExpiresWithin(now time.Time, d time.Duration) bool {
	return t.Expires() && t.ExpiresAt.After(now) && !t.ExpiresAt.After(now.Add(d))
}

// NewToken is a create request. The provider's Catalog says which fields it
// uses; a provider that cannot honour a set field returns a ValidationError
// for it rather than silently dropping it.
type NewToken struct {
	Name        string
	Scopes      []string
	Role        string
	Projects    []string
	Environment string
	ExpiresAt   time.Time // zero: never expires
	AllowedIPs  []string
	// Owner is the ID of one of the catalog's Owners (a Border0 service
	// account) the token is created for; empty: the organisation's own.
	Owner string
}

// Created is the result of a successful create: the token and its secret,
// which the server sends this one time only.
type Created struct {
	Token  Token
	Secret string
	// Warning is set when the token was created (the secret is valid and
	// must be shown) but something after that failed, such as reading the new
	// token back. It never carries the secret.
	Warning string
	// Retrievable is true when the token list holds this secret too (an
	// API that lists secrets, and a token stored so that it can), so it can
	// be copied again later: closing the reveal loses nothing.
	Retrievable bool
	// GrantDiffs are the ways the token the server reports differs from
	// what was asked for ("requested 3 scopes, the server granted none"),
	// one sentence each; see CompareGrants.
	GrantDiffs []string
	// GrantsUnconfirmed, when set, says why the grants could not be read
	// back: Token then holds what was asked for, which is not proof that the
	// server granted it.
	GrantsUnconfirmed string
}

// Field names shared by NewToken, Catalog and ValidationError, so a server's
// complaint about a field lands on the right form field whatever the API
// called it.
const (
	FieldName        = "name"
	FieldScopes      = "scopes"
	FieldRole        = "role"
	FieldProjects    = "projects"
	FieldEnvironment = "environment"
	FieldExpiresAt   = "expires_at"
	FieldAllowedIPs  = "allowed_ips"
	FieldOwner       = "owner"
)
