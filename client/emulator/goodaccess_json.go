package emulator

import (
	"time"

	"github.com/tokentui/tokentui/client/jsonappend"
)

// The token list is encoded by hand: with Extra: 100000 the list is ~30 MB,
// and appending into one buffer is several times faster than reflection and
// allocates once, so scale tests measure the client, not the emulator.

// gaEncodeList returns the bare JSON array the list endpoint serves.
func gaEncodeList(tokens []*gaToken) []byte {
	buf := make([]byte, 0, 64+len(tokens)*400) // ~370 bytes a token
	buf = append(buf, '[')
	for i, t := range tokens {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = gaAppendToken(buf, t)
	}
	return append(buf, ']', '\n')
}

// gaAppendToken appends one token object:
// {"id","name","scopes","allowed_ips","created_at","expires_at","last_used_at"}.
func gaAppendToken(buf []byte, t *gaToken) []byte {
	buf = append(buf, `{"id":`...)
	buf = jsonappend.String(buf, t.id)
	buf = append(buf, `,"name":`...)
	buf = jsonappend.String(buf, t.name)
	buf = append(buf, `,"scopes":`...)
	buf = jsonappend.Strings(buf, t.scopes)
	buf = append(buf, `,"allowed_ips":`...)
	buf = jsonappend.Strings(buf, t.allowedIPs)
	buf = append(buf, `,"created_at":`...)
	buf = gaAppendDate(buf, t.createdAt)
	buf = append(buf, `,"expires_at":`...)
	buf = gaAppendDate(buf, t.expiresAt)
	buf = append(buf, `,"last_used_at":`...)
	buf = gaAppendDate(buf, t.lastUsedAt)
	return append(buf, '}')
}

// gaAppendDate writes "Y-m-d H:i:s" in UTC, or null for the zero time.
func gaAppendDate(buf []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(buf, "null"...)
	}
	buf = append(buf, '"')
	buf = t.UTC().AppendFormat(buf, gaDateLayout)
	return append(buf, '"')
}
