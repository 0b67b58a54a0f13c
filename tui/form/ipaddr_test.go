package form

import (
	"strings"
	"testing"
)

func TestParseIP(t *testing.T) {
	cases := []struct{ in, value, note, err string }{
		{in: "192.0.2.1", value: "192.0.2.1"},
		{in: " 192.0.2.1 ", value: "192.0.2.1"},
		{in: "10.1.2.3/24", value: "10.1.2.0/24", note: "10.1.2.3/24 → 10.1.2.0/24 (host bits cleared)"},
		{in: "10.0.0.0/8", value: "10.0.0.0/8"},
		{in: "192.0.2.1/32", value: "192.0.2.1/32"},
		{in: "2001:DB8::1", value: "2001:db8::1", note: "2001:DB8::1 → 2001:db8::1"},
		{in: "2001:db8::1/32", value: "2001:db8::/32", note: "host bits cleared"},
		{in: "::ffff:192.0.2.1", value: "192.0.2.1"},
		{in: "0.0.0.0/0", value: "0.0.0.0/0", note: "allows every IPv4 address"},
		{in: "::/0", value: "::/0", note: "allows every IPv6 address"},
		{in: "", err: "type an address"},
		{in: "10.0.0", err: "not an IP address"},
		{in: "10.0.0.0/33", err: "not a CIDR range"},
		{in: "::ffff:10.0.0.0/104", err: "write it as IPv4"},
		{in: "fe80::1%eth0", err: "zone"},
	}
	for _, c := range cases {
		p, err := parseIP(c.in)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("parseIP(%q) error = %v, want %q", c.in, err, c.err)
			}
			if err != nil && strings.Contains(err.Error(), "ParseAddr(") {
				t.Errorf("parseIP(%q) error keeps netip's prefix: %v", c.in, err)
			}
		case err != nil:
			t.Errorf("parseIP(%q) = %v", c.in, err)
		case p.value != c.value || !strings.Contains(p.note, c.note):
			t.Errorf("parseIP(%q) = %q (note %q), want %q (note %q)", c.in, p.value, p.note, c.value, c.note)
		}
	}
}
