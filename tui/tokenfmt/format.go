// Package tokenfmt is how a token's fields read on screen, shared by the
// table and the detail pane: short IDs, relative times, what a scope list
// amounts to, and the catalog lookups behind them. Every function here is
// pure and cheap: the table calls them for visible rows only, on every
// frame.
package tokenfmt

import (
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
)

// How dates read: a day in the table, a moment in the detail pane.
const (
	DateLayout     = "2006-01-02"
	DateTimeLayout = "2006-01-02 15:04 MST"
)

// ShortIDLen is how much of an ID the table shows.
const ShortIDLen = 8

const (
	day   = 24 * time.Hour
	month = 30 * day
	year  = 365 * day
)

// ShortID is the first 8 characters of an ID: enough to tell tokens apart
// on screen and to match against the full ID in the detail pane.
func ShortID(id string) string {
	if len(id) <= ShortIDLen {
		return id
	}
	return id[:ShortIDLen]
}

// Name is a token's name as shown: "(unnamed)" for none.
func Name(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	return name
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

// ExpiryTone says how an expiry is coloured.
type ExpiryTone int

const (
	ToneNormal  ExpiryTone = iota
	ToneNever              // no expiry at all: a standing risk, muted warning
	ToneSoon               // valid, but expires within SoonWindow
	ToneExpired            // past its expiry
)

// ThemeTone maps an expiry's meaning to a theme tone.
func (t ExpiryTone) ThemeTone() theme.Tone {
	switch t {
	case ToneExpired:
		return theme.ToneError
	case ToneSoon:
		return theme.ToneWarn
	case ToneNever:
		return theme.ToneMuted
	}
	return theme.TonePlain
}

// SoonWindow is when an expiry starts to deserve attention: the table marks
// it, and the filter calls it "expiring".
const SoonWindow = 7 * day

// SoonMark starts an expiry that is near: meaning never by colour alone.
const SoonMark = "⚠ "

// RelativeExpiry renders a token's expiry relative to now ("⚠ in 3d",
// "expired 2d ago", "never", "invalid date") and the tone to draw it in. An
// expiry the server sent but that is no valid date is unknown, and drawn
// like an expired one: never as "never".
func RelativeExpiry(t client.Token, now time.Time) (string, ExpiryTone) {
	switch {
	case t.ExpiryInvalid():
		return client.InvalidDate, ToneExpired
	case !t.Expires():
		return "never", ToneNever
	case t.ExpiredAt(now):
		ago := now.Sub(t.ExpiresAt)
		if ago < time.Second {
			return "expired just now", ToneExpired
		}
		return "expired " + span(ago) + " ago", ToneExpired
	case t.ExpiresWithin(now, SoonWindow):
		// The mark says "soon" where colours do not (NO_COLOR, TERM=screen).
		return SoonMark + "in " + span(t.ExpiresAt.Sub(now)), ToneSoon
	}
	return "in " + span(t.ExpiresAt.Sub(now)), ToneNormal
}

// RelativePast renders a moment in the past: "3h ago", "never" for zero.
func RelativePast(t, now time.Time) string {
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

// ScopeSummary is the scopes cell: the count, then what they amount to:
// "all" when the token holds every scope of the catalog, the group name when
// they all fall in one group ("5 · logs"), "read-only" when none writes,
// otherwise the first group and how many groups more.
func ScopeSummary(scopes []string, cat *Catalog) string {
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
	if ReadOnly(scopes) {
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

// ReadOnly reports whether every scope only reads: GoodAccess spells them
// ".read" and ".read-all".
func ReadOnly(scopes []string) bool {
	for _, s := range scopes {
		if !strings.HasSuffix(s, ".read") && !strings.HasSuffix(s, ".read-all") {
			return false
		}
	}
	return true
}

// GroupScopes groups scopes by their catalog group, in catalog order, with
// unknown scopes last under "Other". Scopes keep their order within a group.
func GroupScopes(scopes []string, cat *Catalog) []scopeGroupView {
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

// NotReported is how a value the API does not report reads: never as a
// default ("never used") that would invite revoking a token in use.
const NotReported = "not reported"

// LastUsed renders a token's last use: "3h ago", "never" when the API
// reports it was never used, NotReported when the API does not say.
// reported is false in the last case, for a muted style.
func LastUsed(t client.Token, now time.Time) (text string, reported bool) {
	if !t.LastUseReported() {
		return NotReported, false
	}
	return RelativePast(t.LastUsedAt, now), true
}

// CreatedBy renders a token's creator: NotReported when the API does not
// say, "not recorded" when it says there is none.
func CreatedBy(t client.Token) (text string, known bool) {
	switch {
	case !t.CreatorReported():
		return NotReported, false
	case t.CreatedBy == "":
		return "not recorded", false
	}
	return t.CreatedBy, true
}

// SelfTag marks the admin token tokentui itself uses, wherever a token is
// named on screen.
const SelfTag = "(you)"
