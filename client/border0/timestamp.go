package border0

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// flexTime decodes a timestamp the way Border0 sends them, which differs
// between endpoints: an RFC 3339 string, unix seconds as a number, or unix
// seconds as a numeric string. 0, "", null and an absent field are the zero
// time, which for an expiry means "never". A number of 10^12 or more is
// taken as milliseconds: as seconds it would be the year 33658.
type flexTime struct{ time.Time }

func (f *flexTime) UnmarshalJSON(data []byte) error {
	f.Time = time.Time{}
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || string(data) == "null":
		return nil
	case data[0] == '"':
		s, err := unquote(data)
		if err != nil {
			return err
		}
		t, err := parseTimestamp(s)
		if err != nil {
			return timeTypeError(fmt.Sprintf("string %q", clip(s, 40)))
		}
		f.Time = t
		return nil
	case data[0] == '-' || (data[0] >= '0' && data[0] <= '9'):
		t, err := unixTime(string(data))
		if err != nil {
			return timeTypeError("number " + clip(string(data), 40))
		}
		f.Time = t
		return nil
	}
	return timeTypeError(jsonKind(data))
}

// parseTimestamp reads an RFC 3339 time or a unix-seconds string.
func parseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if looksNumeric(s) {
		return unixTime(s)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// unixTime reads unix seconds (or milliseconds, see flexTime), possibly
// fractional. Zero and negative values mean "no time".
func unixTime(s string) (time.Time, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		switch {
		case n <= 0:
			return time.Time{}, nil
		case n >= 1e12:
			return time.UnixMilli(n).UTC(), nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v > 1e15 {
		return time.Time{}, fmt.Errorf("not a unix time")
	}
	if v <= 0 {
		return time.Time{}, nil
	}
	if v >= 1e12 {
		v /= 1000
	}
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// timeTypeError is a json.UnmarshalTypeError, so the decoder adds the field
// path and rest.Decode reports "created_at is string "soon", expected
// time.Time".
func timeTypeError(value string) error {
	return &json.UnmarshalTypeError{Value: value, Type: reflect.TypeFor[time.Time]()}
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
		return &json.UnmarshalTypeError{Value: jsonKind(data), Type: reflect.TypeFor[string]()}
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

func jsonKind(data []byte) string {
	switch data[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "value"
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
