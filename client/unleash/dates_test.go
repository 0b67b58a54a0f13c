package unleash

import (
	"net/http"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// Dates that are no dates are named invalid, never read as "never", and
// one odd date does not cost the whole list.
func TestUnleashOddDatesAreInvalid(t *testing.T) {
	for _, value := range []string{`"0001-01-01T00:00:00.000Z"`, `"0000-01-01T00:00:00Z"`, `"1970-01-01T00:00:00.000Z"`, `"0001-01-01"`,
		`"yesterday"`, `1767225600000`, `{}`, `true`, `"+275760-09-13T00:00:00.000Z"`} {
		body := `{"tokens":[{"secret":"s","tokenName":"n","expiresAt":` + value + `,"createdAt":` + value + `,"seenAt":` + value + `}]}`
		tokens, err := decodeTokenList(rest.Response{Status: http.StatusOK, Body: []byte(body)})
		if err != nil || len(tokens) != 1 {
			t.Errorf("%s: %d tokens, %v", value, len(tokens), err)
			continue
		}
		tok := tokens[0]
		if tok.InvalidDates != client.DateCreated|client.DateExpires|client.DateLastUsed || tok.NeverExpires() {
			t.Errorf("%s: invalid %v", value, tok.InvalidDates.Names())
		}
	}
	tokens, err := decodeTokenList(rest.Response{Status: http.StatusOK, Body: []byte(`{"tokens":[{"secret":"s","expiresAt":null},{"secret":"t"}]}`)})
	if err != nil || !tokens[0].NeverExpires() || !tokens[1].NeverExpires() || tokens[0].InvalidDates != 0 {
		t.Fatalf("%+v, %v", tokens, err)
	}
}

// FuzzUnleashDate: a date field never fails the decode or panics, and
// yields a valid time, nothing, or invalid.
func FuzzUnleashDate(f *testing.F) {
	for _, s := range []string{`"2026-01-31T10:00:00.000Z"`, `"0001-01-01T00:00:00Z"`, `"0000-01-01T00:00:00Z"`, `null`, `""`, `12`, `"9999-12-31T23:59:59.999Z"`, `"x"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		var d jsonDate
		if err := d.UnmarshalJSON([]byte(value)); err != nil {
			t.Fatalf("%s: %v", value, err)
		}
		var tok client.Token
		tok.SetDate(client.DateExpires, d.WireDate)
		if !tok.ExpiresAt.IsZero() && !client.ValidTime(tok.ExpiresAt) {
			t.Fatalf("%s: kept %v", value, tok.ExpiresAt)
		}
		if d.Present && tok.NeverExpires() {
			t.Fatalf("%s: a date that was sent reads never", value)
		}
	})
}
