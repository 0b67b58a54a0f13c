package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/tui/dates"
)

// --expires reads a date as the dashboard does (package dates), and says
// what it read.
func TestExpiresDateMeansWhatTheDashboardMeans(t *testing.T) {
	zone := time.FixedZone("CEST", 2*3600)
	now := time.Date(2027, 6, 1, 9, 0, 0, 0, zone)
	for _, in := range []string{"2027-06-15", "2027-06-15 14:30", "2027-06-01"} {
		at, said, err := parseExpiry(in, now)
		want, werr := dates.Parse(in, now, zone)
		if err != nil || werr != nil || !at.Equal(want.At) || said != want.Describe() {
			t.Errorf("%s: --expires %v %q %v; the dashboard %v %q %v", in, at, said, err, want.At, want.Describe(), werr)
		}
	}
	at, said, _ := parseExpiry("2027-06-15", now)
	if !at.Equal(time.Date(2027, 6, 16, 0, 0, 0, 0, zone)) || said != "valid through Tue 2027-06-15: expires Wed 2027-06-16 00:00 CEST" {
		t.Errorf("a date alone: %v, %q", at, said)
	}
	if _, _, err := parseExpiry("2027-05-31", now); err == nil || !strings.Contains(err.Error(), "in the past") {
		t.Errorf("yesterday: %v", err)
	}
	if _, said, _ := parseExpiry("30d", now); said != "expires Thu 2027-07-01 09:00 CEST" {
		t.Errorf("30d said %q", said)
	}
}

func TestRelative(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "in <1m"}, {-time.Second, "<1m ago"}, {59 * time.Minute, "in 59m"}, {-90 * time.Minute, "1h ago"},
		{47 * time.Hour, "in 47h"}, {48 * time.Hour, "in 2d"}, {-729 * 24 * time.Hour, "729d ago"},
		{730 * 24 * time.Hour, "in 2y"}, {-5000 * 24 * time.Hour, "13y ago"},
	} {
		if got := relative(now.Add(c.d), now); got != c.want {
			t.Errorf("relative(now%+v) = %q, want %q", c.d, got, c.want)
		}
	}
	if got := dayAndRelative("expired ", now.Add(-72*time.Hour), now); got != "expired 2025-12-30 (3d ago)" {
		t.Errorf("dayAndRelative = %q", got)
	}
}
