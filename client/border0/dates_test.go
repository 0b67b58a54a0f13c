package border0

import (
	"context"
	"encoding/base64"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Dates that are no dates are named invalid, never read as "never" (a
// zero or absent one) and never passed on out of range, and one odd date
// does not cost the whole list.
func TestBorder0OddDatesAreInvalid(t *testing.T) {
	cases := map[string]string{
		"Go's zero time":      `"0001-01-01T00:00:00Z"`,
		"year 0":              `"0000-01-01T00:00:00Z"`,
		"the unix epoch":      `"1970-01-01T00:00:00Z"`,
		"past year 9999":      `"10000-01-01T00:00:00Z"`,
		"huge epoch ms":       `9223372036854775807`,
		"huge epoch float":    `1e300`,
		"negative":            `-5`,
		"a word":              `"next tuesday"`,
		"an object":           `{"at":1}`,
		"a bool":              `true`,
		"huge numeric string": `"9223372036854775807"`,
	}
	for name, value := range cases {
		body := `{"list":[{"id":"a","name":"n","created_at":` + value + `,"expires_at":` + value + `}]}`
		s := newStub(t, map[string]stubAnswer{"GET " + listPath: {200, body}})
		tokens, err := stubProvider(t, s).List(context.Background())
		if err != nil || len(tokens) != 1 {
			t.Errorf("%s: %d tokens, %v", name, len(tokens), err)
			continue
		}
		tok := tokens[0]
		if !tok.ExpiryInvalid() || tok.NeverExpires() || !tok.InvalidDates.Has(client.DateCreated) {
			t.Errorf("%s: invalid %v, never %v", name, tok.InvalidDates.Names(), tok.NeverExpires())
		}
		if !tok.ExpiresAt.IsZero() || !tok.CreatedAt.IsZero() {
			t.Errorf("%s: kept %v / %v", name, tok.CreatedAt, tok.ExpiresAt)
		}
	}
	// Border0's own "never": 0, "0", null, "" and absent.
	body := `{"list":[{"id":"a","expires_at":0},{"id":"b","expires_at":"0"},{"id":"c","expires_at":null},{"id":"d","expires_at":""},{"id":"e"}]}`
	s := newStub(t, map[string]stubAnswer{"GET " + listPath: {200, body}})
	tokens, err := stubProvider(t, s).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range tokens {
		if !tok.NeverExpires() || tok.InvalidDates != 0 {
			t.Errorf("%s: never %v, invalid %v", tok.ID, tok.NeverExpires(), tok.InvalidDates.Names())
		}
	}
}

func TestBorder0ClaimsWithOddTimes(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	jwt := func(payload string) string {
		return enc([]byte(`{"alg":"HS256"}`)) + "." + enc([]byte(payload)) + ".sig"
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, payload := range []string{`{"org_id":"o","exp":"soon"}`, `{"org_id":"o","exp":1e300}`, `{"org_id":"o","exp":-1}`, `{"org_id":"o","exp":9223372036854775807}`} {
		c, err := DecodeClaims(jwt(payload))
		if err != nil || !c.ExpiryInvalid || !c.ExpiresAt.IsZero() {
			t.Errorf("%s: %+v, %v", payload, c, err)
		}
		facts, _ := recognise(jwt(payload), now)
		for _, f := range facts.Fields {
			if f.Key == "expires_at" && f.Value == "never" {
				t.Errorf("%s: an invalid exp reads never", payload)
			}
		}
	}
}

// FuzzBorder0Timestamp: a date field never fails the decode, never panics,
// and what it yields is a valid time, nothing, or invalid.
func FuzzBorder0Timestamp(f *testing.F) {
	for _, s := range []string{`"2025-01-02T03:04:05Z"`, `1735787045`, `1735787045000`, `"0001-01-01T00:00:00Z"`, `"0000-01-01T00:00:00Z"`,
		`9223372036854775807`, `1e300`, `-1`, `"next tuesday"`, `{}`, `null`, `""`, `"1.5e9"`, `0.5`, `"\u0032025-01-02T03:04:05Z"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		var ft flexTime
		if err := ft.UnmarshalJSON([]byte(value)); err != nil {
			return // not JSON: the decoder reports it before the field is read
		}
		var tok client.Token
		tok.SetDate(client.DateExpires, ft.WireDate)
		if !tok.ExpiresAt.IsZero() && !client.ValidTime(tok.ExpiresAt) {
			t.Fatalf("%s: kept %v", value, tok.ExpiresAt)
		}
		if ft.Present && tok.NeverExpires() && ft.Time.IsZero() && ft.Readable {
			t.Fatalf("%s: a present zero time reads never", value)
		}
	})
}
