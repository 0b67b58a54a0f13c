// Package dates is the one rule for an expiry date a person types: the
// create form, the edit-expiry dialog and `create --expires` read it alike,
// and say alike what they read.
//
// A date alone (2027-06-15) means the token is valid through that whole
// day, local time: it expires at the next local midnight (2027-06-16 00:00).
// A date with a time (2027-06-15 14:30) is that minute, local time.
package dates

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Layouts are the accepted ways to type a date, in the person's zone.
var layouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"}

// dateOnly is the layout of a date without a time.
const dateOnly = "2006-01-02"

// Hint says how to type a date and what a date alone means, in one line.
const Hint = "YYYY-MM-DD or YYYY-MM-DD HH:MM, local time; a date alone is valid through that day"

// Expiry is a typed date, read.
type Expiry struct {
	At time.Time // when the token stops working, in the zone it was typed in
	// Through is the day the token is valid through, when a date alone was
	// typed; zero for a date with a time.
	Through time.Time
}

// Parse reads s in loc and refuses an expiry that is not after now. Its
// errors say what to type instead.
func Parse(s string, now time.Time, loc *time.Location) (Expiry, error) {
	if loc == nil {
		loc = time.Local
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Expiry{}, errors.New("type a date: YYYY-MM-DD or YYYY-MM-DD HH:MM")
	}
	var t time.Time
	var err error
	layout := ""
	for _, layout = range layouts {
		if t, err = time.ParseInLocation(layout, s, loc); err == nil {
			break
		}
	}
	if err != nil {
		var perr *time.ParseError
		if errors.As(err, &perr) && perr.Message != "" {
			return Expiry{}, fmt.Errorf("no such date%s", perr.Message)
		}
		return Expiry{}, errors.New("not a date: type YYYY-MM-DD or YYYY-MM-DD HH:MM")
	}
	e := Expiry{At: t}
	if layout == dateOnly {
		e.Through, e.At = t, t.AddDate(0, 0, 1) // the next local midnight, DST or not
	}
	if !e.At.After(now) {
		if !e.Through.IsZero() {
			return Expiry{}, fmt.Errorf("%s is in the past (a date alone is valid through that day)", e.Through.Format("Mon 2006-01-02"))
		}
		return Expiry{}, fmt.Errorf("%s is in the past", Format(e.At))
	}
	return e, nil
}

// Format is how a moment reads to people: "Wed 2027-06-16 00:00 CEST".
func Format(t time.Time) string { return t.Format("Mon 2006-01-02 15:04 MST") }

// Describe says what was read: "valid through Tue 2027-06-15: expires Wed
// 2027-06-16 00:00 CEST", or for a date with a time "expires Tue 2027-06-15
// 14:30 CEST".
func (e Expiry) Describe() string {
	if e.Through.IsZero() {
		return "expires " + Format(e.At)
	}
	return "valid through " + e.Through.Format("Mon 2006-01-02") + ": expires " + Format(e.At)
}

// Preset is a lifetime offered before a typed date.
type Preset struct {
	Label string
	Days  int
}

// Presets are the lifetimes the create form and the edit-expiry dialog
// offer, shortest first.
var Presets = []Preset{{"7 days", 7}, {"30 days", 30}, {"90 days", 90}, {"1 year", 365}}

// After is a preset's expiry: days calendar days after now in loc (so "1
// year" is the same date next year, across DST changes), to the second.
func After(now time.Time, days int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.Local
	}
	now = now.In(loc)
	if days == 365 {
		return now.AddDate(1, 0, 0).Truncate(time.Second)
	}
	return now.AddDate(0, 0, days).Truncate(time.Second)
}
