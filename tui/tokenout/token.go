// Package tokenout writes tokens for scripts and files: the token object of
// tui/cli/JSON.md, as `list --json` prints it and the dashboard exports it,
// and the same fields as CSV. It links no Bubble Tea, so the command line
// and the dashboard share it.
package tokenout

import (
	"time"

	"github.com/tokentui/tokentui/client"
)

// Time is a timestamp in JSON: RFC 3339 in UTC with a four-digit year, or
// null when unset or not a valid date (see invalid_dates in JSON.md).
type Time struct{ t time.Time }

// At is t as a Time.
func At(t time.Time) Time { return Time{t} }

// MarshalJSON writes the time as JSON.md promises.
func (j Time) MarshalJSON() ([]byte, error) {
	return appendTime(nil, j.t), nil
}

// Token is one token as scripts read it; see JSON.md. Every field is
// always present: empty lists are [], unknown strings "", unset times null.
type Token struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Scopes       []string `json:"scopes"`
	Role         string   `json:"role"`
	Projects     []string `json:"projects"`
	Environment  string   `json:"environment"`
	AllowedIPs   []string `json:"allowed_ips"`
	CreatedAt    Time     `json:"created_at"`
	ExpiresAt    Time     `json:"expires_at"`
	LastUsedAt   Time     `json:"last_used_at"`
	CreatedBy    string   `json:"created_by"`
	SecretMasked string   `json:"secret_masked"`
	Expired      bool     `json:"expired"`
	Owner        string   `json:"owner"`
	SecretNote   string   `json:"secret_note"`
	InvalidDates []string `json:"invalid_dates"`
	// Self is whether this is the admin token the command ran with; nil
	// (null) where the provider cannot tell.
	Self *bool `json:"self"`
	// NotReported names the fields the provider's API does not report,
	// so a null or "" there means "unknown", not "never" or "nobody".
	NotReported []string `json:"not_reported"`
	// Profile and Provider say where the token was listed: the profile's
	// name and its provider's kind.
	Profile  string `json:"profile"`
	Provider string `json:"provider"`
}

// Shared values of Token.Self and NotReported: a list of 100 000 tokens
// holds a handful of them. Read-only once built.
var (
	yes, no     = true, false
	notReported = [4][]string{
		{"last_used_at", "created_by"}, // neither reported
		{"created_by"},                 // FactLastUse
		{"last_used_at"},               // FactCreator
		{},                             // both
	}
)

// notReportedOf is the fields of a token the API does not report.
func notReportedOf(t *client.Token) []string {
	i := 0
	if t.LastUseReported() {
		i |= 1
	}
	if t.CreatorReported() {
		i |= 2
	}
	return notReported[i]
}

func selfOf(t *client.Token) *bool {
	switch {
	case !t.SelfKnown():
		return nil
	case t.Self:
		return &yes
	}
	return &no
}

// From is t as scripts read it, listed on a profile of provider kind
// (t.Profile names the profile); now decides whether it has expired.
func From(t *client.Token, kind string, now time.Time) Token {
	var out Token
	out.set(t, kind, now)
	return out
}

// set makes tok From(t, kind, now) in place, field by field: a list
// writer makes 100 000 of them into one Token, and a Token returned and
// assigned is a 200-byte copy each time.
func (tok *Token) set(t *client.Token, kind string, now time.Time) {
	tok.ID, tok.Name = t.ID, t.Name
	tok.Scopes, tok.Role = OrEmpty(t.Scopes), t.Role
	tok.Projects, tok.Environment = OrEmpty(t.Projects), t.Environment
	tok.AllowedIPs = OrEmpty(t.AllowedIPs)
	tok.CreatedAt, tok.ExpiresAt, tok.LastUsedAt = Time{t.CreatedAt}, Time{t.ExpiresAt}, Time{t.LastUsedAt}
	tok.CreatedBy = t.CreatedBy
	tok.SecretMasked = client.MaskSecret(t.Secret)
	tok.Expired = t.ExpiredAt(now)
	tok.Owner, tok.SecretNote = t.Owner, t.SecretNote
	tok.InvalidDates = t.InvalidDates.Names()
	tok.Self = selfOf(t)
	tok.NotReported = notReportedOf(t)
	tok.Profile, tok.Provider = t.Profile, kind
}

// OrEmpty is s, or an empty list for nil: JSON.md promises [] not null.
func OrEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
