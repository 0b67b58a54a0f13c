package form

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode"
)

// parsedIP is one allowed-IP entry as the form will send it.
type parsedIP struct {
	value  string       // normalised text
	prefix netip.Prefix // the range it covers (a /32 or /128 for an address)
	note   string       // what normalising changed, or a caution
	short  string       // the same in a few words, for the as-you-type line
}

// parseIP reads an address or CIDR range. A range is masked (10.1.2.3/24 →
// 10.1.2.0/24, with a note saying so); an address stays an address, since
// GoodAccess takes both. Errors explain what is wrong in words.
func parseIP(s string) (parsedIP, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return parsedIP{}, fmt.Errorf("type an address or a range")
	}
	if strings.Contains(s, "%") {
		return parsedIP{}, fmt.Errorf("%s has a zone (%%…); zones mean nothing to a remote server", s)
	}
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return parsedIP{}, fmt.Errorf("not a CIDR range: %s", explainPrefix(s))
		}
		if p.Addr().Is4In6() {
			return parsedIP{}, fmt.Errorf("%s is an IPv4-mapped IPv6 range; write it as IPv4", s)
		}
		masked := p.Masked()
		out := parsedIP{value: masked.String(), prefix: masked}
		if masked != p {
			out.note = fmt.Sprintf("%s → %s (host bits cleared)", p, masked)
			out.short = "host bits cleared"
		}
		if masked.Bits() == 0 {
			out.note = masked.String() + " allows every " + family(masked.Addr()) + " address"
			out.short = "allows every " + family(masked.Addr()) + " address"
		}
		return out, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return parsedIP{}, fmt.Errorf("not an IP address: %s", explainAddr(s, err))
	}
	if a.Is4In6() {
		a = a.Unmap()
	}
	out := parsedIP{value: a.String(), prefix: netip.PrefixFrom(a, a.BitLen())}
	if out.value != s {
		out.note = fmt.Sprintf("%s → %s", s, out.value)
		out.short = "normalised"
	}
	return out, nil
}

func family(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

// splitIPs splits what was typed or pasted into entries: commas,
// semicolons and any space separate them ("203.0.113.7, 10.0.0.0/8").
func splitIPs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
}

// explainAddr says in words why s is not an address; netip's own messages
// ("ParseAddr(\"…\"): IPv4 field has value >255") are for programmers.
func explainAddr(s string, err error) string {
	if !strings.Contains(s, ":") {
		return explainIPv4(s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789abcdefABCDEF:.", r) }); i >= 0 {
		return fmt.Sprintf("it has a character an address cannot have (%q; hex digits, colons and dots only)", []rune(s[i:])[0])
	}
	msg := err.Error()
	for _, c := range []struct{ netip, words string }{
		{"4 or less digits", "a group has more than 4 hex digits (at most ffff)"},
		{">=2^16", "a group is more than ffff"},
		{"multiple ::", ":: may stand in for zeros only once"},
		{"must expand", ":: stands for nothing here: the address has all 8 groups"},
		{"at least one digit", "an empty group; write :: once for a run of zeros"},
		{"embedded IPv4", "an IPv4 part may only end an IPv6 address"},
		{"too many hex fields", "too many groups before the IPv4 part"},
		{"too short", "too few groups: an IPv6 address has 8, or :: for the zeros"},
	} {
		if strings.Contains(msg, c.netip) {
			return c.words
		}
	}
	return "not a valid IPv6 address"
}

// explainIPv4 says what is wrong with an IPv4 address: four numbers of 0
// to 255, separated by dots.
func explainIPv4(s string) string {
	parts := strings.Split(s, ".")
	for _, p := range parts {
		switch {
		case p == "" && len(parts) > 1:
			return "two dots with no number between them, or a dot at an end"
		case strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }) >= 0:
			return fmt.Sprintf("%q is not a number (an IPv4 address is four numbers, like 203.0.113.7)", p)
		case len(p) > 1 && p[0] == '0':
			return fmt.Sprintf("%s starts with 0: write %s", p, strings.TrimLeft(p, "0"))
		case len(p) > 3 || len(p) == 3 && p > "255":
			return fmt.Sprintf("%s is more than 255: each of the four numbers is 0 to 255", p)
		}
	}
	return fmt.Sprintf("an IPv4 address has four numbers (this has %d), like 203.0.113.7", len(parts))
}

// explainPrefix says what is wrong with a CIDR range.
func explainPrefix(s string) string {
	addr, bits, _ := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return explainAddr(addr, err)
	}
	limit := 32
	if a.Is6() {
		limit = 128
	}
	return fmt.Sprintf("the length after / must be a number from 0 to %d (got %q)", limit, bits)
}

// sameRange reports whether two entries cover exactly the same addresses
// (1.2.3.4 and 1.2.3.4/32 do).
func sameRange(a, b netip.Prefix) bool { return a == b }
