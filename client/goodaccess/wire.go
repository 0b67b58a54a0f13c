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

// listToken is a token object in a list, whose scopes are decoded once
// for all the tokens that have them (scopeList). A single token (a create
// answer, a read-back) is an apiToken: a scope list of the wrong type
// there must not stop the secret after it from being read.
type listToken struct {
	apiToken
	Scopes scopeList `json:"scopes"` // sanitised as decoded
}

// toToken converts and sanitises a token object, its times read in zone.
func (a apiToken) toToken(zone *time.Location) (client.Token, error) {
	return a.convert(client.SanitizeAll(a.Scopes), zone)
}

// convert converts and sanitises a token object whose scopes were
// sanitised already. A date that cannot be read, or is out of range
// ("0000-00-00 00:00:00", MySQL's zero date), is marked invalid on the
// token rather than failing the list.
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
	if t, ok := parseLayoutFast(s, zone); ok {
		return client.WireDate{Time: t, Present: true, Readable: true}
	}
	if t, err := time.ParseInLocation(dateLayout, s, zone); err == nil {
		return client.WireDate{Time: t, Present: true, Readable: true}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return client.WireDate{Time: t, Present: true, Readable: true}
	}
	return client.WireDate{Present: true}
}

// parseLayoutFast reads "2006-01-02 15:04:05" in zone as
// time.ParseInLocation does, several times faster: a list has three dates
// a token, and the general parser was a tenth of a list's cost. It answers
// only when every field is in range; anything else, ok false, is left to
// time.ParseInLocation, which words nothing differently since only its
// success counts here.
func parseLayoutFast(s string, zone *time.Location) (time.Time, bool) {
	if len(s) != len(dateLayout) || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	var f [6]int
	for i, at := range [6]int{0, 5, 8, 11, 14, 17} {
		width := 2
		if i == 0 {
			width = 4
		}
		for _, c := range []byte(s[at : at+width]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			f[i] = f[i]*10 + int(c-'0')
		}
	}
	year, month, day, hour, minute, sec := f[0], time.Month(f[1]), f[2], f[3], f[4], f[5]
	if month < time.January || month > time.December || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, month, day, hour, minute, sec, 0, zone), true
}

// daysIn is the number of days of month in year.
func daysIn(month time.Month, year int) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
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
