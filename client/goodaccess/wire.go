package goodaccess

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// dateLayout is how the API writes dates ("2024-05-07 10:48:44"). Their
// zone is not documented: UTC unless the profile names one (timezone:).
const dateLayout = "2006-01-02 15:04:05"

// apiToken is a token object as the API sends it. Dates stay text here
// and are parsed in toToken, so an unreadable date is reported as such
// rather than as broken JSON. null and absent both decode to "".
type apiToken struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Scopes     []string `json:"scopes"`
	AllowedIPs []string `json:"allowed_ips"`
	CreatedAt  dateText `json:"created_at"`
	ExpiresAt  dateText `json:"expires_at"`
	LastUsedAt dateText `json:"last_used_at"`
}

// dateText is a date's JSON string, read as a string field is (anything
// but a string or null is the same error), held without an allocation of
// its own when it is short and plain, as the API's dates are: a list has
// three a token, each read once and dropped.
type dateText struct {
	short [24]byte
	n     int8   // bytes of short in use; -1: the text is long
	long  string // a text longer than short, or with escapes
}

func (d *dateText) UnmarshalJSON(raw []byte) error {
	switch {
	case string(raw) == "null":
		return nil // a string field is left as it was
	case raw[0] != '"':
		return &json.UnmarshalTypeError{Value: rest.JSONKind(raw[0]), Type: reflect.TypeFor[string]()}
	}
	if text := raw[1 : len(raw)-1]; len(text) <= len(d.short) && bytes.IndexByte(text, '\\') < 0 {
		d.n = int8(copy(d.short[:], text))
		d.long = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return err
	}
	d.n, d.long = -1, s
	return nil
}

// text is the date's text; short ones are a view of d, valid while d is.
func (d *dateText) text() string {
	if d.n < 0 {
		return d.long
	}
	return unsafe.String(&d.short[0], d.n)
}

// listToken is a token object in a list, whose scopes are decoded once
// for all the tokens that have them (scopeList). A single token (a create
// answer, a read-back) is an apiToken: a scope list of the wrong type
// there must not stop the secret after it from being read.
type listToken struct {
	apiToken
	Scopes scopeList `json:"scopes"` // sanitised as decoded
}

// toToken converts, sanitises and scrubs a token object, its times read
// in zone.
func (a apiToken) toToken(zone *time.Location) (client.Token, error) {
	var t client.Token
	a.convert(&t, client.SanitizeAll(a.Scopes), zone)
	client.ScrubToken(&t)
	return t, nil
}

// toToken converts, sanitises and scrubs a token object of a list into t
// (zero on entry, its place in the list): its scopes, shared, were
// sanitised and are scrubbed once for every token that has them
// (scopeList), the rest as any token's.
func (l *listToken) toToken(t *client.Token, zone *time.Location) {
	l.convert(t, nil, zone)
	client.ScrubToken(t)
	t.Scopes = l.Scopes.scrubbed()
}

// convert converts and sanitises a token object whose scopes were
// sanitised already into t (zero on entry); nothing is scrubbed yet. A
// date that cannot be read, or is out of range ("0000-00-00 00:00:00",
// MySQL's zero date), is marked invalid on the token rather than failing
// the list.
func (a *apiToken) convert(t *client.Token, scopes []string, zone *time.Location) {
	t.ID, t.Name = client.Sanitize(a.ID), client.Sanitize(a.Name)
	t.Scopes, t.AllowedIPs = scopes, client.SanitizeAll(a.AllowedIPs)
	t.Reported = Descriptor.Can.Reports
	t.SetDate(client.DateCreated, parseDate(a.CreatedAt.text(), zone))
	t.SetDate(client.DateExpires, parseDate(a.ExpiresAt.text(), zone))
	t.SetDate(client.DateLastUsed, parseDate(a.LastUsedAt.text(), zone))
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
//
// The text is checked eight bytes at a time: each byte XOR the layout's
// byte at its place ("0000-00-00 00:00:00") is a digit's value, 0 to 9,
// where a digit belongs, and 0 where a separator does.
func parseLayoutFast(s string, zone *time.Location) (time.Time, bool) {
	if len(s) != len(dateLayout) {
		return time.Time{}, false
	}
	a := le64(s[0:8]) ^ le64("0000-00-")
	b := le64(s[8:16]) ^ le64("00 00:00")
	c := le64(s[11:19])>>40 ^ le64(":00\x00\x00\x00\x00\x00") // ":SS"
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	above9 := (a&lows + ones*0x76) | a | (b&lows + ones*0x76) | b | (c&lows + ones*0x76) | c
	if above9&highs != 0 || a&0xff0000ff00000000 != 0 || b&0x0000ff0000ff0000 != 0 || c&0xff != 0 {
		return time.Time{}, false
	}
	year := lane(a, 0)*1000 + lane(a, 1)*100 + lane(a, 2)*10 + lane(a, 3)
	month, day := lane(a, 5)*10+lane(a, 6), lane(b, 0)*10+lane(b, 1)
	hour, minute, sec := lane(b, 3)*10+lane(b, 4), lane(b, 6)*10+lane(b, 7), lane(c, 1)*10+lane(c, 2)
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	if zone == time.UTC { // the default: no zone rules to apply
		secs := daysSinceEpoch(year, month, day)*86400 + int64(hour*3600+minute*60+sec)
		return time.Unix(secs, 0).UTC(), true
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, zone), true
}

// le64 is the first eight bytes of s, the first the lowest.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lane is byte i of x, the lowest first.
func lane(x uint64, i int) int { return int(x >> (8 * i) & 0xff) }

// daysIn is the number of days of month (1-12) in year.
func daysIn(month, year int) int {
	if month == 2 {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + (month+month/8)%2 // 31 in January, March, May, July, August, October, December
}

// daysSinceEpoch is the days from 1970-01-01 to a date of the proleptic
// Gregorian calendar, year 0 to 9999 (Howard Hinnant's days_from_civil).
func daysSinceEpoch(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := (year+400)/400 - 1 // floor(year / 400) for year >= -1
	yearOfEra := year - era*400
	dayOfYear := (153*((month+9)%12)+2)/5 + day - 1 // from March 1
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return int64(era*146097+dayOfEra) - 719468
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
