package client

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// CompareGrants lists, one sentence each, how the token a server reports
// after a create (got) differs from what was asked for (req): scopes,
// allowed IPs, expiry, role, projects and environment. Some APIs take a
// create body and quietly ignore part of it, so what a new token may do is
// what the server says, not what was sent. A field the request left empty
// is compared only where the server's answer would change what the token
// may do (an expiry added, scopes granted unasked). Expiries a second apart
// or less are the same: APIs keep whole seconds.
func CompareGrants(req NewToken, got Token) []string {
	var out []string
	out = append(out, scopeWords.diffs(req.Scopes, got.Scopes)...)
	out = append(out, ipWords.diffs(canonicalIPs(req.AllowedIPs), canonicalIPs(got.AllowedIPs))...)
	if d := expiryDiff(req.ExpiresAt, got.ExpiresAt); d != "" {
		out = append(out, d)
	}
	if req.Role != "" && got.Role != "" && !strings.EqualFold(req.Role, got.Role) {
		out = append(out, fmt.Sprintf("requested %s, the server reports %s", quoteRole(req.Role), quoteRole(got.Role)))
	}
	if len(req.Projects) > 0 && !(slices.Contains(req.Projects, "*") && slices.Equal(got.Projects, []string{"*"})) {
		out = append(out, projectWords.diffs(req.Projects, got.Projects)...)
	}
	if req.Environment != "" && got.Environment != "" && !strings.EqualFold(req.Environment, got.Environment) {
		out = append(out, fmt.Sprintf("requested environment %s, the server reports %s", Sanitize(req.Environment), Sanitize(got.Environment)))
	}
	return out
}

// listWords words the differences of one list field.
type listWords struct {
	noun  string // "scope"
	kept  string // what the server did with requested values: "granted"
	added string // what it did with unrequested ones: "granted"
	none  string // the end of "requested 3 scopes, the server …"
}

var (
	scopeWords   = listWords{"scope", "granted", "granted", "granted none"}
	ipWords      = listWords{"allowed IP", "kept", "added", "keeps none: any address may use the token"}
	projectWords = listWords{"project", "gave the token", "gave the token", "reports none"}
)

func (w listWords) diffs(want, got []string) []string {
	if len(want) > 0 && len(got) == 0 {
		return []string{fmt.Sprintf("requested %s, the server %s", count(len(want), w.noun), w.none)}
	}
	var out []string
	if missing := without(want, got); len(missing) > 0 {
		out = append(out, fmt.Sprintf("the server %s only %d of the %s requested; missing: %s",
			w.kept, len(want)-len(missing), count(len(want), w.noun), strings.Join(SanitizeAll(missing), ", ")))
	}
	if extra := without(got, want); len(extra) > 0 {
		verb := "were"
		if len(extra) == 1 {
			verb = "was"
		}
		out = append(out, fmt.Sprintf("the server %s %s that %s not requested: %s",
			w.added, count(len(extra), w.noun), verb, strings.Join(SanitizeAll(extra), ", ")))
	}
	return out
}

// without is the values of a that b lacks, in a's order, each once.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// count is "1 scope", "3 scopes".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// canonicalIPs writes every entry as a prefix ("203.0.113.7/32"), so an
// address and its one-address range compare equal, whichever a server
// answers with. Entries that are neither stay as they are.
func canonicalIPs(ips []string) []string {
	out := make([]string, 0, len(ips))
	for _, s := range ips {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			s = p.Masked().String()
		} else if a, err := netip.ParseAddr(s); err == nil {
			s = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()).String()
		}
		out = append(out, s)
	}
	return out
}

// expiryDiff words a difference between the requested and the reported
// expiry, or "" when there is none.
func expiryDiff(want, got time.Time) string {
	const layout = "2006-01-02 15:04:05 UTC"
	switch {
	case want.IsZero() && got.IsZero():
		return ""
	case want.IsZero():
		return "requested no expiry, the server set one: " + got.UTC().Format(layout)
	case got.IsZero():
		return "requested an expiry of " + want.UTC().Format(layout) + ", the server reports none: the token never expires"
	}
	off := got.Sub(want)
	if off.Abs() <= time.Second {
		return ""
	}
	later := "earlier"
	if off > 0 {
		later = "later"
	}
	msg := fmt.Sprintf("requested an expiry of %s, the server reports %s (%s %s)", want.UTC().Format(layout), got.UTC().Format(layout),
		off.Abs().Round(time.Second), later)
	if off.Abs() <= 14*time.Hour && off%(30*time.Minute) == 0 {
		msg += ": a whole number of half-hours, so the server probably reads the time in another time zone (set the profile's timezone)"
	}
	return msg
}

// quoteRole is a role or type for a sentence: `role "admin"`.
func quoteRole(s string) string { return "role " + fmt.Sprintf("%q", Sanitize(s)) }
