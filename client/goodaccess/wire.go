package goodaccess

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// dateLayout is how the API writes dates ("2024-05-07 10:48:44"), in UTC.
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

// toToken converts and sanitises a token object.
func (a apiToken) toToken() (client.Token, error) {
	return a.convert(client.SanitizeAll(a.Scopes))
}

// convert converts and sanitises a token object whose scopes were
// sanitised by the caller (a list shares them between tokens).
func (a *apiToken) convert(scopes []string) (client.Token, error) {
	t := client.Token{
		ID:         client.Sanitize(a.ID),
		Name:       client.Sanitize(a.Name),
		Scopes:     scopes,
		AllowedIPs: client.SanitizeAll(a.AllowedIPs),
		Reported:   Descriptor.Can.Reports,
	}
	var err error
	if t.CreatedAt, err = parseDate("created_at", a.CreatedAt); err != nil {
		return client.Token{}, err
	}
	if t.ExpiresAt, err = parseDate("expires_at", a.ExpiresAt); err != nil {
		return client.Token{}, err
	}
	if t.LastUsedAt, err = parseDate("last_used_at", a.LastUsedAt); err != nil {
		return client.Token{}, err
	}
	return t, nil
}

// parseDate reads the API's "Y-m-d H:i:s" (UTC) and, in case the service
// changes to it, RFC 3339. "" means no date (never expires, never used).
func parseDate(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(dateLayout, s, time.UTC); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, &client.ServerError{
		Status:  200,
		Message: fmt.Sprintf("the token's %s %q is not a date tokentui can read", field, client.Sanitize(truncate(s, 40))),
	}
}

// formatDate writes a time the way the API expects it.
func formatDate(t time.Time) string { return t.UTC().Format(dateLayout) }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

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
