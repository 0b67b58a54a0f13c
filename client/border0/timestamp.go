package border0

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// flexTime decodes a timestamp the way Border0 sends them, which differs
// between endpoints: an RFC 3339 string, unix seconds as a number, or unix
// seconds as a numeric string. 0, "", null and an absent field are no time,
// which for an expiry means "never". A number of 10^12 or more is taken as
// milliseconds: as seconds it would be the year 33658. It never fails: a
// value that cannot be read (a word, an object, a negative number) is a
// client.WireDate that is not Readable, which the token shows as an invalid
// date, and one out of range is refused when it is stored (SetDate).
type flexTime struct{ client.WireDate }

func (f *flexTime) UnmarshalJSON(data []byte) error {
	f.WireDate = client.WireDate{}
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || string(data) == "null":
		return nil
	case data[0] == '"':
		s, err := unquote(data)
		if err != nil {
			return err
		}
		f.WireDate = parseTimestamp(s)
	case data[0] == '-' || (data[0] >= '0' && data[0] <= '9'):
		f.WireDate = unixTime(string(data))
	default:
		f.Present = true // an object, an array, a boolean: not a time
	}
	return nil
}

// valid is the time when it is one, and whether it is.
func (f flexTime) valid() (time.Time, bool) {
	if !f.Present {
		return time.Time{}, true
	}
	if !f.Readable || !client.ValidTime(f.Time) {
		return time.Time{}, false
	}
	return f.Time.UTC(), true
}

// parseTimestamp reads an RFC 3339 time or a unix-seconds string.
func parseTimestamp(s string) client.WireDate {
	s = strings.TrimSpace(s)
	if s == "" {
		return client.WireDate{}
	}
	if looksNumeric(s) {
		return unixTime(s)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return client.WireDate{Time: t, Present: true, Readable: err == nil}
}

// unixTime reads unix seconds (or milliseconds, see flexTime), possibly
// fractional. Zero means "no time"; a negative value is not a time.
func unixTime(s string) client.WireDate {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		switch {
		case n == 0:
			return client.WireDate{}
		case n < 0:
			return client.WireDate{Present: true}
		case n >= 1e12:
			return client.WireDate{Time: time.UnixMilli(n).UTC(), Present: true, Readable: true}
		}
		return client.WireDate{Time: time.Unix(n, 0).UTC(), Present: true, Readable: true}
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err == nil && v == 0:
		return client.WireDate{}
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e15:
		return client.WireDate{Present: true}
	}
	if v >= 1e12 {
		v /= 1000
	}
	sec, frac := math.Modf(v)
	return client.WireDate{Time: time.Unix(int64(sec), int64(frac*1e9)).UTC(), Present: true, Readable: true}
}

// flexString decodes an id that may arrive as a string or a number.
type flexString string

func (f *flexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || string(data) == "null":
		*f = ""
	case data[0] == '"':
		s, err := unquote(data)
		if err != nil {
			return err
		}
		*f = flexString(s)
	case data[0] == '-' || (data[0] >= '0' && data[0] <= '9'):
		*f = flexString(data)
	default:
		return &json.UnmarshalTypeError{Value: rest.JSONKind(data[0]), Type: reflect.TypeFor[string]()}
	}
	return nil
}

// unquote decodes a JSON string. Most are plain, and slicing them is much
// cheaper than a nested json.Unmarshal: it matters for 100 000-token lists.
func unquote(data []byte) (string, error) {
	if len(data) >= 2 && data[len(data)-1] == '"' && bytes.IndexByte(data[1:len(data)-1], '\\') < 0 {
		return string(data[1 : len(data)-1]), nil
	}
	var s string
	err := json.Unmarshal(data, &s)
	return s, err
}

// looksNumeric is true for "1700000000", "1.7e9", "-1": never for an RFC
// 3339 time, which always has a 'T' or ':'.
func looksNumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return true
}

// clip shortens s to at most n bytes, on a character boundary, for an error
// message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
