package emulator

import (
	"time"

	"github.com/tokentui/tokentui/client/jsonappend"
)

// The token list is encoded by hand: with Extra: 100000 the list is ~30 MB,
// and appending into one buffer is several times faster than reflection and
// allocates once, so scale tests measure the client, not the emulator.

// gaEncodeList returns the bare JSON array the list endpoint serves.
func gaEncodeList(tokens []*gaToken, zone *time.Location) []byte {
	buf := make([]byte, 0, 64+len(tokens)*400) // ~370 bytes a token
	buf = append(buf, '[')
	for i, t := range tokens {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = gaAppendToken(buf, t, zone)
	}
	return append(buf, ']', '\n')
}

// gaAppendToken appends one token object:
// {"id","name","scopes","allowed_ips","created_at","expires_at","last_used_at"}.
func gaAppendToken(buf []byte, t *gaToken, zone *time.Location) []byte {
	buf = append(buf, `{"id":`...)
	buf = jsonappend.String(buf, t.id)
	buf = append(buf, `,"name":`...)
	buf = jsonappend.String(buf, t.name)
	buf = append(buf, `,"scopes":`...)
	buf = jsonappend.Strings(buf, t.scopes)
	buf = append(buf, `,"allowed_ips":`...)
	buf = jsonappend.Strings(buf, t.allowedIPs)
	buf = append(buf, `,"created_at":`...)
	buf = gaAppendDate(buf, t.createdAt, zone)
	buf = append(buf, `,"expires_at":`...)
	buf = gaAppendDate(buf, t.expiresAt, zone)
	buf = append(buf, `,"last_used_at":`...)
	buf = gaAppendDate(buf, t.lastUsedAt, zone)
	return append(buf, '}')
}

// gaAppendDate writes "Y-m-d H:i:s" in zone, or null for the zero time.
func gaAppendDate(buf []byte, t time.Time, zone *time.Location) []byte {
	if t.IsZero() {
		return append(buf, "null"...)
	}
	buf = append(buf, '"')
	buf = t.In(zone).AppendFormat(buf, gaDateLayout)
	return append(buf, '"')
}
