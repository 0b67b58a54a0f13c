package form

import (
	"fmt"
	"net/netip"
	"strings"
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
			return parsedIP{}, fmt.Errorf("not a CIDR range: %s", explainNetip(err))
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
		return parsedIP{}, fmt.Errorf("not an IP address: %s", explainNetip(err))
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

// explainNetip drops the `ParseAddr("…"): ` prefix netip puts on its errors:
// the input is on screen already.
func explainNetip(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "): "); i >= 0 {
		msg = msg[i+3:]
	}
	return msg
}

// sameRange reports whether two entries cover exactly the same addresses
// (1.2.3.4 and 1.2.3.4/32 do).
func sameRange(a, b netip.Prefix) bool { return a == b }
