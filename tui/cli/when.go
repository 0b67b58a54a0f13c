package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/dates"
)

const maxWindow = 100 * 365 * 24 * time.Hour

// parseWindow reads a duration as people write it: 30m, 12h, 7d, 2w.
func parseWindow(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if len(s) < 2 {
		return 0, fmt.Errorf("%q is not a duration such as 12h, 7d or 2w", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a duration such as 12h, 7d or 2w", s)
	}
	unit := map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[len(s)-1]]
	if unit == 0 {
		return 0, fmt.Errorf("%q has an unknown unit: use m, h, d or w (12h, 7d, 2w)", s)
	}
	if int64(n) > int64(maxWindow/unit) {
		return 0, fmt.Errorf("%q is more than 100 years", s)
	}
	return time.Duration(n) * unit, nil
}

// parseExpiry reads --expires: a duration from now (30d), "never" (zero
// time), a date as the dashboard reads one (package dates: a date alone is
// valid through that whole day, local time, so it expires at the following
// local midnight; a date with a time is that minute) or an RFC 3339
// instant. said is what was read, for stderr.
func parseExpiry(s string, now time.Time) (at time.Time, said string, err error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "never") {
		return time.Time{}, "", nil
	}
	if t, rfcErr := time.Parse(time.RFC3339, s); rfcErr == nil {
		at = t
	} else if looksLikeDate(s) {
		e, err := dates.Parse(s, now, now.Location())
		if err != nil {
			return time.Time{}, "", fmt.Errorf("--expires %q: %s", s, err)
		}
		return e.At, e.Describe(), nil
	} else {
		d, werr := parseWindow(s)
		if werr != nil {
			return time.Time{}, "", fmt.Errorf("--expires %q: use a duration (30d, 12h, 2w), a date (2027-01-31, or 2027-01-31 14:30), an RFC 3339 time or never", s)
		}
		at = now.Add(d)
	}
	if !at.After(now) {
		return time.Time{}, "", fmt.Errorf("--expires %q is in the past", s)
	}
	return at, "expires " + dates.Format(at.In(now.Location())), nil
}

// looksLikeDate: a date starts with a four-digit year and a dash; a
// duration never does.
func looksLikeDate(s string) bool {
	return len(s) >= 5 && s[4] == '-' && strings.IndexFunc(s[:4], func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// relative says how far t is from now, coarsely: "in 5d", "3h ago".
func relative(t, now time.Time) string { return string(appendRelative(nil, t, now)) }

// appendRelative appends relative(t, now) to b: a table of 100 000 rows
// says it twice a row, into the row's text, not into strings of its own.
func appendRelative(b []byte, t, now time.Time) []byte {
	d := t.Sub(now)
	past := d < 0
	if past {
		d = -d
	} else {
		b = append(b, "in "...)
	}
	n, unit := int64(0), byte('m')
	switch {
	case d < time.Minute:
		b = append(b, '<')
		n = 1
	case d < time.Hour:
		n = int64(d / time.Minute)
	case d < 48*time.Hour:
		n, unit = int64(d/time.Hour), 'h'
	case d < 730*24*time.Hour:
		n, unit = int64(d/(24*time.Hour)), 'd'
	default:
		n, unit = int64(d/(365*24*time.Hour)), 'y'
	}
	b = append(strconv.AppendInt(b, n, 10), unit)
	if past {
		b = append(b, " ago"...)
	}
	return b
}

// ParseClearAfter reads --clear-after (and $TOKENTUI_CLEAR_AFTER): "45s",
// "2m" or a number of seconds; "0" means never (returned as -1, the
// dialog's "never"), "" the default (0). A secret is not left on a
// clipboard for longer than clipboard.MaxClearDelay.
func ParseClearAfter(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		n, nerr := strconv.Atoi(s)
		if nerr != nil {
			return 0, fmt.Errorf("--clear-after %q: use a duration such as 45s or 2m, or 0 for never", s)
		}
		d = time.Duration(n) * time.Second
	}
	switch {
	case d < 0:
		return 0, fmt.Errorf("--clear-after %q: must not be negative (0 means never)", s)
	case d == 0:
		return -1, nil
	case d > clipboard.MaxClearDelay:
		return 0, fmt.Errorf("--clear-after %q: at most %s (0 means never)", s, clipboard.MaxClearDelay)
	}
	return d, nil
}
