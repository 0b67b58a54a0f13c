package tokenout

import (
	"bufio"
	"strconv"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/jsonappend"
)

// list --json is what scripts pipe into jq for every token of an
// organisation, so it is written by hand rather than through encoding/json
// (which builds the whole document in memory first, by reflection). The
// output is byte-for-byte what json.Marshal gives for []Token, compact;
// TestFastJSONMatchesEncodingJSON holds it to that.

// WriteJSON streams count tokens as a compact JSON array and a newline;
// token(i) is the i-th, made as it is written, so a list is never held
// twice. Invisible characters become \u escapes
// (jsonappend.EscapeInvisible).
func WriteJSON(w *bufio.Writer, count int, token func(i int) Token) error {
	buf := make([]byte, 0, 1024)
	var escaped []byte
	w.WriteByte('[')
	for i := range count {
		if i > 0 {
			w.WriteByte(',')
		}
		t := token(i)
		buf = appendToken(buf[:0], &t)
		escaped = jsonappend.EscapeInvisible(escaped[:0], buf)
		if _, err := w.Write(escaped); err != nil {
			return err
		}
	}
	w.WriteString("]\n")
	return w.Flush()
}

// Of is token(i) of a slice, for WriteJSON and WriteCSV.
func Of(tokens []Token) (int, func(int) Token) {
	return len(tokens), func(i int) Token { return tokens[i] }
}

func appendToken(b []byte, t *Token) []byte {
	b = append(b, `{"id":`...)
	b = jsonappend.String(b, t.ID)
	b = append(b, `,"name":`...)
	b = jsonappend.String(b, t.Name)
	b = append(b, `,"scopes":`...)
	b = jsonappend.NullableStrings(b, t.Scopes)
	b = append(b, `,"role":`...)
	b = jsonappend.String(b, t.Role)
	b = append(b, `,"projects":`...)
	b = jsonappend.NullableStrings(b, t.Projects)
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, t.Environment)
	b = append(b, `,"allowed_ips":`...)
	b = jsonappend.NullableStrings(b, t.AllowedIPs)
	b = append(b, `,"created_at":`...)
	b = appendTime(b, t.CreatedAt.t)
	b = append(b, `,"expires_at":`...)
	b = appendTime(b, t.ExpiresAt.t)
	b = append(b, `,"last_used_at":`...)
	b = appendTime(b, t.LastUsedAt.t)
	b = append(b, `,"created_by":`...)
	b = jsonappend.String(b, t.CreatedBy)
	b = append(b, `,"secret_masked":`...)
	b = jsonappend.String(b, t.SecretMasked)
	b = append(b, `,"expired":`...)
	b = strconv.AppendBool(b, t.Expired)
	b = append(b, `,"owner":`...)
	b = jsonappend.String(b, t.Owner)
	b = append(b, `,"secret_note":`...)
	b = jsonappend.String(b, t.SecretNote)
	b = append(b, `,"invalid_dates":`...)
	b = jsonappend.NullableStrings(b, t.InvalidDates)
	b = append(b, `,"self":`...)
	if t.Self == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendBool(b, *t.Self)
	}
	b = append(b, `,"not_reported":`...)
	b = jsonappend.NullableStrings(b, t.NotReported)
	b = append(b, `,"profile":`...)
	b = jsonappend.String(b, t.Profile)
	b = append(b, `,"provider":`...)
	b = jsonappend.String(b, t.Provider)
	return append(b, '}')
}

// appendTime writes a time as JSON.md promises: RFC 3339 with a four-digit
// year, or null for no time and for one out of range (client.ValidTime).
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() || !client.ValidTime(t) {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}
