package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Formatting of token fields for the table and the detail pane. Every
// function here is pure and cheap: the table calls them for visible rows
// only, on every frame.

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02 15:04 MST"
	clockLayout    = "15:04:05"
	shortIDLen     = 8
	day            = 24 * time.Hour
	month          = 30 * day
	year           = 365 * day
)

// shortID is the first 8 characters of an ID: enough to tell tokens apart
// on screen and to match against the full ID in the detail pane.
func shortID(id string) string {
	if len(id) <= shortIDLen {
		return id
	}
	return id[:shortIDLen]
}

// span renders a positive duration in its largest whole unit: "45s", "12m",
// "5h", "3d", "5mo", "2y". Whole units (rounded down) because "in 3d" must
// never promise more time than is left.
func span(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < day:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d < month:
		return strconv.Itoa(int(d/day)) + "d"
	case d < year:
		return strconv.Itoa(int(d/month)) + "mo"
	}
	return strconv.Itoa(int(d/year)) + "y"
}

// expiryTone says how the expiry cell is coloured.
type expiryTone int

const (
	toneNormal  expiryTone = iota
	toneNever              // no expiry at all: a standing risk, muted warning
	toneSoon               // valid, but expires within soonWindow
	toneExpired            // past its expiry
)

// soonWindow is when an expiry starts to deserve attention.
const soonWindow = 7 * day

// relativeExpiry renders a token's expiry relative to now ("in 3d",
// "expired 2d ago", "never", "invalid date") and the tone to draw it in. An
// expiry the server sent but that is no valid date is unknown, and drawn
// like an expired one: never as "never".
func relativeExpiry(t client.Token, now time.Time) (string, expiryTone) {
	switch {
	case t.ExpiryInvalid():
		return client.InvalidDate, toneExpired
	case !t.Expires():
		return "never", toneNever
	case t.ExpiredAt(now):
		ago := now.Sub(t.ExpiresAt)
		if ago < time.Second {
			return "expired just now", toneExpired
		}
		return "expired " + span(ago) + " ago", toneExpired
	case t.ExpiresWithin(now, soonWindow):
		return "in " + span(t.ExpiresAt.Sub(now)), toneSoon
	}
	return "in " + span(t.ExpiresAt.Sub(now)), toneNormal
}

// relativePast renders a moment in the past: "3h ago", "never" for zero.
func relativePast(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	if d <= -time.Second {
		return "in " + span(-d) // clock skew between server and us
	}
	if d < time.Second {
		return "just now"
	}
	return span(d) + " ago"
}

// ipSummary is the allowed-IPs cell: "any" when unrestricted, else the
// first entry and how many more.
func ipSummary(ips []string) (string, bool) {
	switch len(ips) {
	case 0:
		return "any", true
	case 1:
		return ips[0], false
	}
	return ips[0] + " +" + strconv.Itoa(len(ips)-1), false
}

// scopeSummary is the scopes cell: the count, then what they amount to:
// "all" when the token holds every scope of the catalog, the group name when
// they all fall in one group ("5 · logs"), "read-only" when none writes,
// otherwise the first group and how many groups more.
func scopeSummary(scopes []string, cat *catalogInfo) string {
	n := len(scopes)
	if n == 0 {
		return "none"
	}
	count := strconv.Itoa(n)
	if cat == nil || len(cat.groupOf) == 0 {
		if n == 1 {
			return "1 · " + scopes[0]
		}
		return count + " scopes"
	}
	// Groups are few (about ten): a small bitmask instead of a map keeps
	// this allocation-free for every visible row of every frame.
	var seen uint64
	first, groups, known := -1, 0, 0
	for _, s := range scopes {
		g, ok := cat.groupOf[s]
		if ok {
			known++
		} else {
			g = len(cat.groups) // Other
		}
		bit := uint64(1) << uint(min(g, 63))
		if seen&bit == 0 {
			seen |= bit
			groups++
			if first < 0 {
				first = g
			}
		}
	}
	if known == n && n == len(cat.groupOf) && !hasDuplicates(scopes) {
		return count + " · all"
	}
	if groups == 1 {
		return count + " · " + cat.lowerName(first)
	}
	if readOnly(scopes) {
		return count + " · read-only"
	}
	return count + " · " + cat.lowerName(first) + " +" + strconv.Itoa(groups-1)
}

// otherGroup collects scopes the catalog does not know.
const otherGroup = "Other"

// hasDuplicates guards "all": a server listing a scope twice must not make
// a token look all-powerful. Scope lists are short; quadratic is fine.
func hasDuplicates(ss []string) bool {
	for i := range ss {
		for j := i + 1; j < len(ss); j++ {
			if ss[i] == ss[j] {
				return true
			}
		}
	}
	return false
}

// readOnly reports whether every scope only reads: GoodAccess spells them
// ".read" and ".read-all".
func readOnly(scopes []string) bool {
	for _, s := range scopes {
		if !strings.HasSuffix(s, ".read") && !strings.HasSuffix(s, ".read-all") {
			return false
		}
	}
	return true
}

// listSummary renders a list cell: "" for none, the only item, or the first
// and how many more. "*" (Unleash: every project) reads "all".
func listSummary(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		if items[0] == "*" {
			return "all"
		}
		return items[0]
	}
	return items[0] + " +" + strconv.Itoa(len(items)-1)
}

// groupScopes groups scopes by their catalog group, in catalog order, with
// unknown scopes last under "Other". Scopes keep their order within a group.
func groupScopes(scopes []string, cat *catalogInfo) []scopeGroupView {
	if len(scopes) == 0 {
		return nil
	}
	ngroups := 0
	if cat != nil {
		ngroups = len(cat.groups)
	}
	byGroup := make([][]string, ngroups+1) // the last one is Other
	for _, s := range scopes {
		g := ngroups
		if cat != nil {
			if i, ok := cat.groupOf[s]; ok {
				g = i
			}
		}
		byGroup[g] = append(byGroup[g], s)
	}
	var out []scopeGroupView
	for i := 0; i < ngroups; i++ {
		if len(byGroup[i]) > 0 {
			out = append(out, scopeGroupView{Name: cat.groups[i].Name, Scopes: byGroup[i], Total: len(cat.groups[i].Scopes)})
		}
	}
	if ss := byGroup[ngroups]; len(ss) > 0 {
		out = append(out, scopeGroupView{Name: otherGroup, Scopes: ss})
	}
	return out
}

// scopeGroupView is one group of a token's scopes; Total is how many scopes
// the group has in the catalog (0 for Other), so "5/5" can say "all of it".
type scopeGroupView struct {
	Name   string
	Scopes []string
	Total  int
}
