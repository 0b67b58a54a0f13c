package goodaccess

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// validate checks a create request before anything is sent and returns the
// body to send. Catching mistakes here gives per-field messages without a
// round trip and keeps a refused request from ever reaching the server.
func validate(req client.NewToken, now time.Time, zone *time.Location) (createBody, error) {
	v := &client.ValidationError{}
	body := createBody{Name: strings.TrimSpace(req.Name), Scopes: []string{}, AllowedIPs: []string{}}

	// The API would accept an unnamed token, but a list of unnamed tokens
	// cannot be told apart, audited or safely revoked: we require a name.
	client.CheckName(v, body.Name, NameMaxLen, "GoodAccess allows unnamed tokens, but they cannot be told apart later")

	seenScope := map[string]bool{}
	for _, s := range req.Scopes {
		s = strings.TrimSpace(s)
		switch {
		case !knownScopes[s]:
			v.Add(client.FieldScopes, fmt.Sprintf("unknown scope %q", client.Sanitize(s)))
		case !seenScope[s]: // a scope picked twice is still one grant
			seenScope[s] = true
			body.Scopes = append(body.Scopes, s)
		}
	}
	if len(req.Scopes) == 0 {
		v.Add(client.FieldScopes, "choose at least one scope")
	}

	seenIP := map[string]bool{}
	for _, raw := range req.AllowedIPs {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue // a blank line in the form is not an entry
		}
		ip, err := normaliseIP(raw)
		switch {
		case err != nil:
			v.Add(client.FieldAllowedIPs, err.Error())
		case seenIP[ip]:
			v.Add(client.FieldAllowedIPs, fmt.Sprintf("%s is listed twice", ip))
		default:
			seenIP[ip] = true
			body.AllowedIPs = append(body.AllowedIPs, ip)
		}
	}

	if !req.ExpiresAt.IsZero() {
		// The API keeps whole seconds; judge what will actually be sent.
		exp := req.ExpiresAt.UTC().Truncate(time.Second)
		if !exp.After(now) {
			v.Add(client.FieldExpiresAt, "the expiry must be in the future")
		}
		body.ExpiresAt = formatDate(exp, zone)
	}

	// GoodAccess tokens have scopes, not roles, projects or environments;
	// refusing them beats silently creating something else than was asked.
	client.RefuseUnsupported(v, req, Descriptor)

	if len(v.Fields) > 0 {
		return createBody{}, v
	}
	return body, nil
}

// normaliseIP accepts an address ("203.0.113.7", "2001:db8::1") or a CIDR
// range ("198.51.100.0/24") and returns its canonical form. A range with
// host bits set ("10.1.2.3/16") is reduced to its network ("10.1.0.0/16"),
// which is what it means; a plain address stays a plain address.
func normaliseIP(s string) (string, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return "", fmt.Errorf("%q is not a CIDR range (e.g. 198.51.100.0/24 or 2001:db8::/48)", client.Sanitize(s))
		}
		return p.Masked().String(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return "", fmt.Errorf("%q is not an IP address or CIDR range (e.g. 203.0.113.7 or 198.51.100.0/24)", client.Sanitize(s))
	}
	return a.String(), nil
}
