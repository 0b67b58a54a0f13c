package client

import (
	"errors"
	"strings"
	"time"
)

// Descriptor is how a provider package describes itself, once, to the rest
// of tokentui: config parsing, flags, help texts, `inspect`, the demo and
// the dashboard read it from the registry (client/registry) instead of
// importing the provider. Its Kind is the only place a kind is spelled.
type Descriptor struct {
	// Kind is the stable identifier used in config files and flags
	// ("goodaccess"): lower case, no spaces. Provider.Kind returns it.
	Kind string
	// DisplayName is the system's name for people ("GoodAccess").
	DisplayName string
	// DefaultURL is the vendor's public API; empty for a self-hosted system,
	// whose profiles must name their instance (URLExample shows how).
	DefaultURL string
	URLExample string
	// TokenEnv is the variable the vendor's own tools read the admin token
	// from ("BORDER0_ADMIN_TOKEN"); tried after TOKENTUI_TOKEN.
	TokenEnv string
	// TokenHelp says where an admin gets an admin token, for messages.
	TokenHelp string
	// Can says what its tokens can hold and what its API can do.
	Can Capabilities
	// New connects to one instance. It sends nothing over the network.
	New func(Connection) (Provider, error)
	// Recognise reads what a secret of this system says about itself,
	// offline (client/inspect calls it); nil when its secrets say nothing.
	Recognise func(secret string, now time.Time) (SecretFacts, bool)
}

// Capabilities is what a provider's tokens can be given and what its API
// can do besides list, create and revoke.
type Capabilities struct {
	Scopes bool
	// Role is the word for the single-choice permission ("role", "type");
	// empty when tokens have none.
	Role        string
	Projects    bool
	Environment bool
	AllowedIPs  bool
	// Owner is the word for who a token can belong to ("service account");
	// empty when every token is the organisation's own.
	Owner string
	// EditExpiry: an existing token's expiry can be changed (ExpiryUpdater).
	EditExpiry bool
	// ListsSecrets: the list answer holds usable secrets (Token.Secret).
	ListsSecrets bool
	// Reports are the facts its API reports about every token
	// (FactLastUse, FactCreator); the provider stamps them on each
	// Token.Reported, and what is missing is shown as "not reported".
	Reports Facts
	// RevokeLag says, for people, how long a revoked token may keep
	// working because the server caches tokens ("until the server's token
	// cache refreshes, a few minutes"); empty: a revoked token is refused
	// from then on.
	RevokeLag string
}

// ReportsLastUse reports whether the list says when each token was last
// used, so a zero Token.LastUsedAt means never used. Without it a zero
// LastUsedAt means not reported, and must not be shown as "never".
func (c Capabilities) ReportsLastUse() bool { return c.Reports.Has(FactLastUse) }

// Summary is a few words on what the provider's tokens hold, for help
// texts: "scopes, expiry, allowed IPs".
func (c Capabilities) Summary() string {
	var parts []string
	if c.Scopes {
		parts = append(parts, "scopes")
	}
	parts = append(parts, c.grantWords()...)
	if c.Owner != "" {
		parts = append(parts, c.Owner)
	}
	parts = append(parts, "expiry")
	if c.AllowedIPs {
		parts = append(parts, "allowed IPs")
	}
	return strings.Join(parts, ", ")
}

// grantWords names what besides scopes decides a token's access: its
// role word, "projects", "environment" — those the provider has.
func (c Capabilities) grantWords() []string {
	var words []string
	if c.Role != "" {
		words = append(words, c.Role)
	}
	if c.Projects {
		words = append(words, "projects")
	}
	if c.Environment {
		words = append(words, "environment")
	}
	return words
}

// Check reports what is missing from a descriptor for it to be registered.
func (d Descriptor) Check() error {
	switch {
	case d.Kind == "" || d.Kind != strings.ToLower(strings.TrimSpace(d.Kind)) || strings.ContainsAny(d.Kind, " \t@"):
		return errors.New("a provider kind must be a lower-case word")
	case d.DisplayName == "":
		return errors.New("provider " + d.Kind + " has no display name")
	case d.New == nil:
		return errors.New("provider " + d.Kind + " has no constructor")
	case d.DefaultURL == "" && d.URLExample == "":
		return errors.New("self-hosted provider " + d.Kind + " needs a URL example")
	}
	return nil
}

// SecretFacts is what a secret says about itself, read without asking any
// server. Nothing in it repeats the secret.
type SecretFacts struct {
	// Title is one line for people: "Unleash API token (v2 format)".
	Title string
	// Format describes the secret's format in one line, for the dashboard's
	// detail pane ("v2 · projects: default · environment: production");
	// empty when there is nothing to say beyond the title.
	Format string
	// Fields are the facts, labelled.
	Fields []Fact
	// Claims marks Fields as the token's own claims about itself (a JWT's
	// organisation, id, role, expiry): worth showing when it is created.
	Claims bool
	// Probable marks a weak match: another system's secret could look the
	// same (any run of hex digits looks like an Unleash v1 secret).
	Probable bool
}

// Fact is one labelled fact about a secret. Values are sanitised and never
// hold the secret.
type Fact struct {
	Key   string // stable, for JSON: "projects", "expires_at"
	Label string // for people: "Projects"
	Value string
}

// Add appends a fact, sanitised and cut to a readable length; an empty
// value is left out.
func (s *SecretFacts) Add(key, label, value string) {
	if value == "" {
		return
	}
	value = Sanitize(value)
	if r := []rune(value); len(r) > maxFactLen {
		value = string(r[:maxFactLen]) + "…"
	}
	s.Fields = append(s.Fields, Fact{Key: key, Label: label, Value: value})
}

const maxFactLen = 120

// Constructor adapts a provider package's New to Descriptor.New: a failed
// construction must be a nil Provider, not a typed nil inside the
// interface, which would pass every `p != nil` check.
func Constructor[P Provider](newProvider func(Connection) (P, error)) func(Connection) (Provider, error) {
	return func(c Connection) (Provider, error) {
		p, err := newProvider(c)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
}
