package goodaccess

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// dateLayout is how the API writes dates ("2024-05-07 10:48:44"). Their
// zone is not documented: UTC unless the profile names one (timezone:).
const dateLayout = "2006-01-02 15:04:05"

// apiToken is a token object as the API sends it. Dates stay strings here
// and are parsed in toToken, so an unreadable date is reported as such
// rather than as broken JSON. null and absent both decode to "".
type apiToken struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Scopes     []string `json:"scopes"`
	AllowedIPs []string `json:"allowed_ips"`
	CreatedAt  string   `json:"created_at"`
	ExpiresAt  string   `json:"expires_at"`
	LastUsedAt string   `json:"last_used_at"`
}

// toToken converts and sanitises a token object, its times read in zone.
func (a apiToken) toToken(zone *time.Location) (client.Token, error) {
	return a.convert(client.SanitizeAll(a.Scopes), zone)
}

// convert converts and sanitises a token object whose scopes were
// sanitised by the caller (a list shares them between tokens). A date that
// cannot be read, or is out of range ("0000-00-00 00:00:00", MySQL's zero
// date), is marked invalid on the token rather than failing the list.
func (a *apiToken) convert(scopes []string, zone *time.Location) (client.Token, error) {
	t := client.Token{
		ID:         client.Sanitize(a.ID),
		Name:       client.Sanitize(a.Name),
		Scopes:     scopes,
		AllowedIPs: client.SanitizeAll(a.AllowedIPs),
		Reported:   Descriptor.Can.Reports,
	}
	t.SetDate(client.DateCreated, parseDate(a.CreatedAt, zone))
	t.SetDate(client.DateExpires, parseDate(a.ExpiresAt, zone))
	t.SetDate(client.DateLastUsed, parseDate(a.LastUsedAt, zone))
	client.ScrubToken(&t)
	return t, nil
}

// parseDate reads the API's "Y-m-d H:i:s" (in zone) and, in case the
// service changes to it, RFC 3339. "" is no date (never expires, never
// used).
func parseDate(s string, zone *time.Location) client.WireDate {
	s = strings.TrimSpace(s)
	if s == "" {
		return client.WireDate{}
	}
	if t, err := time.ParseInLocation(dateLayout, s, zone); err == nil {
		return client.WireDate{Time: t, Present: true, Readable: true}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return client.WireDate{Time: t, Present: true, Readable: true}
	}
	return client.WireDate{Present: true}
}

// formatDate writes a time the way the API expects it, in zone.
func formatDate(t time.Time, zone *time.Location) string { return t.In(zone).Format(dateLayout) }

// createBody is what POST /api/v1/token is sent. allowed_ips is always an
// array: the API reads an empty one as "every address", and sending it
// explicitly leaves no doubt about what was asked for.
type createBody struct {
	Name       string   `json:"name"`
	Scopes     []string `json:"scopes"`
	ExpiresAt  string   `json:"expires_at,omitempty"`
	AllowedIPs []string `json:"allowed_ips"`
}

// createResponse covers the shapes a create may be answered with: the
// API's house style {"created_id","message","token"}, "secret" instead of
// "token", or the whole new token object carrying its secret.
type createResponse struct {
	apiToken
	CreatedID string          `json:"created_id"`
	Message   string          `json:"message"`
	Token     json.RawMessage `json:"token"`
	Secret    string          `json:"secret"`
}

// secretAndID returns the one-time secret and the new token's id from
// whichever shape the server used.
func (r createResponse) secretAndID() (secret, id string) {
	secret, id = r.Secret, r.CreatedID
	if id == "" {
		id = r.ID
	}
	tok := strings.TrimSpace(string(r.Token))
	switch {
	case strings.HasPrefix(tok, `"`):
		var s string
		if json.Unmarshal(r.Token, &s) == nil && s != "" {
			secret = s
		}
	case strings.HasPrefix(tok, "{"):
		// "token" is itself the new token object.
		var inner struct {
			ID     string `json:"id"`
			Token  string `json:"token"`
			Secret string `json:"secret"`
		}
		if json.Unmarshal(r.Token, &inner) == nil {
			if inner.Token != "" {
				secret = inner.Token
			} else if inner.Secret != "" {
				secret = inner.Secret
			}
			if id == "" {
				id = inner.ID
			}
		}
	}
	return client.Sanitize(strings.TrimSpace(secret)), client.Sanitize(id)
}
