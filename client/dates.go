package client

import (
	"strings"
	"time"
)

// A date a server sends is trusted only inside a sane range. Go's zero time
// (0001-01-01, what a Go server writes for "unset"), year 0, 1970-01-01 (a
// JavaScript new Date(0)) and a unix epoch of milliseconds read as seconds
// (the year 292 million) are not dates a token has: they are shown as
// "invalid date", never as "never", and --json holds only RFC 3339 times
// with a four-digit year.
var (
	earliestDate = time.Unix(0, 0).UTC()
	latestDate   = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// InvalidDate is what a view shows for a date the server sent that is not
// valid.
const InvalidDate = "invalid date"

// ValidTime reports whether t is a date a server may sensibly send: after
// the unix epoch and within year 9999.
func ValidTime(t time.Time) bool {
	return t.After(earliestDate) && !t.After(latestDate)
}

// DateFields names a token's dates, as a set.
type DateFields uint8

const (
	DateCreated DateFields = 1 << iota
	DateExpires
	DateLastUsed
)

// Has reports whether every field of f is in d.
func (d DateFields) Has(f DateFields) bool { return d&f == f }

// dateNames are the date fields in a fixed order, as JSON and people name
// them.
var dateNames = []struct {
	field      DateFields
	json, word string
}{{DateCreated, "created_at", "creation"}, {DateExpires, "expires_at", "expiry"}, {DateLastUsed, "last_used_at", "last use"}}

// Names are the JSON names of the fields in d, in a fixed order; never nil.
func (d DateFields) Names() []string {
	out := []string{}
	for _, f := range dateNames {
		if d.Has(f.field) {
			out = append(out, f.json)
		}
	}
	return out
}

// Words are the fields in d for people: "expiry", "creation, last use".
func (d DateFields) Words() string {
	var words []string
	for _, f := range dateNames {
		if d.Has(f.field) {
			words = append(words, f.word)
		}
	}
	return strings.Join(words, ", ")
}

// WireDate is one date as a provider read it. Present says the server sent
// a value at all (null, "" and an absent field are not: the date is unset,
// which for an expiry means never); Readable that it parsed.
type WireDate struct {
	Time     time.Time
	Present  bool
	Readable bool
}

// SetDate stores one of the token's dates. A value that did not parse or is
// out of range (ValidTime, which refuses Go's zero time too) leaves the
// field zero and marks it in InvalidDates, so no view can take it for
// "never".
func (t *Token) SetDate(field DateFields, d WireDate) {
	var dst *time.Time
	switch field {
	case DateCreated:
		dst = &t.CreatedAt
	case DateExpires:
		dst = &t.ExpiresAt
	case DateLastUsed:
		dst = &t.LastUsedAt
	default:
		return
	}
	*dst = time.Time{}
	t.InvalidDates &^= field
	switch {
	case !d.Present:
	case !d.Readable || !ValidTime(d.Time):
		t.InvalidDates |= field
	default:
		*dst = d.Time.UTC()
	}
}
