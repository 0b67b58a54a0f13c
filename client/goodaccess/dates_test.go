package goodaccess

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// Dates that are no dates are named invalid, never read as "never", and
// one odd date does not cost the whole list.
func TestOddDatesAreInvalid(t *testing.T) {
	for _, value := range []string{`"0000-00-00 00:00:00"`, `"0001-01-01 00:00:00"`, `"0000-01-01T00:00:00Z"`, `"1970-01-01 00:00:00"`,
		`"yesterday"`, `"0001-01-01T00:00:00Z"`} {
		tok := strings.NewReplacer(`"created_at":"2025-01-02 03:04:05"`, `"created_at":`+value, `"expires_at":null`, `"expires_at":`+value).Replace(validToken)
		tokens, err := decodeList(rest.Response{Status: http.StatusOK, Body: []byte("[" + tok + "]")})
		if err != nil || len(tokens) != 1 {
			t.Errorf("%s: %d tokens, %v", value, len(tokens), err)
			continue
		}
		if got := tokens[0]; !got.InvalidDates.Has(client.DateCreated|client.DateExpires) || got.NeverExpires() {
			t.Errorf("%s: invalid %v", value, got.InvalidDates.Names())
		}
	}
}

// FuzzParseDate: a date never panics and yields a valid time, nothing, or
// invalid.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-05-07 10:48:44", "0000-00-00 00:00:00", "0001-01-01T00:00:00Z", "", " ", "9999-12-31 23:59:59", "yesterday",
		"2024-02-29 00:00:00", "2023-02-29 00:00:00", "2024-04-31 12:00:00", "2024-12-31 24:00:00", "2024-03-31 02:30:00", "+024-01-01 00:00:00",
		"0000-01-01 00:00:00", "0000-02-29 12:00:00", "0000-03-01 00:00:00", "1900-02-29 00:00:00", "2000-02-29 00:00:00", "1969-12-31 23:59:59",
		"2024-01-31 00:00:00", "2024-06-31 00:00:00", "2024-07-31 00:00:00", "2024-08-31 00:00:00", "2024-09-31 00:00:00", "2024-11-31 00:00:00"} {
		f.Add(s)
	}
	prague, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// The fast path reads exactly what time.ParseInLocation reads.
		for _, zone := range []*time.Location{time.UTC, prague} {
			fast, ok := parseLayoutFast(s, zone)
			slow, err := time.ParseInLocation(dateLayout, s, zone)
			if ok && (err != nil || fast != slow) { // the very same value, location and all
				t.Fatalf("%q in %v: fast %v, time.ParseInLocation %v %v", s, zone, fast, slow, err)
			}
		}
		d := parseDate(s, time.UTC)
		var tok client.Token
		tok.SetDate(client.DateExpires, d)
		if !tok.ExpiresAt.IsZero() && !client.ValidTime(tok.ExpiresAt) {
			t.Fatalf("%q: kept %v", s, tok.ExpiresAt)
		}
		if strings.TrimSpace(s) != "" && tok.NeverExpires() {
			t.Fatalf("%q: a date that was sent reads never", s)
		}
	})
}

// The fast reading of a date is time.ParseInLocation's on every day of the
// years where the calendar's rules turn (leap centuries, year 0, the
// epoch, the last years of four digits), at the day's ends.
func TestParseLayoutFastEveryDay(t *testing.T) {
	for _, years := range [][2]int{{0, 4}, {1899, 1901}, {1969, 1971}, {1999, 2001}, {2099, 2101}, {9998, 9999}} {
		for day := time.Date(years[0], 1, 1, 0, 0, 0, 0, time.UTC); day.Year() <= years[1]; day = day.AddDate(0, 0, 1) {
			for _, at := range []time.Duration{0, 24*time.Hour - time.Second} {
				s := day.Add(at).Format(dateLayout)
				fast, ok := parseLayoutFast(s, time.UTC)
				slow, err := time.ParseInLocation(dateLayout, s, time.UTC)
				if !ok || err != nil || fast != slow {
					t.Fatalf("%s: fast %v %v, time.ParseInLocation %v %v", s, fast, ok, slow, err)
				}
			}
		}
	}
}

// The fast reading takes no byte for a digit or a separator that
// time.ParseInLocation would not, and reads the same date from what it
// takes: every byte value at every place. (What it leaves, the general
// parser reads.)
func TestParseLayoutFastEveryByte(t *testing.T) {
	for _, date := range []string{"2024-02-29 23:59:59", "1999-12-31 00:00:00"} {
		for at := range len(date) {
			for c := range 256 {
				s := date[:at] + string([]byte{byte(c)}) + date[at+1:]
				fast, ok := parseLayoutFast(s, time.UTC)
				slow, err := time.ParseInLocation(dateLayout, s, time.UTC)
				if ok && (err != nil || fast != slow) {
					t.Fatalf("%q: fast %v %v, time.ParseInLocation %v %v", s, fast, ok, slow, err)
				}
			}
		}
	}
}
