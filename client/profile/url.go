package profile

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// checkURL accepts an http(s) base URL. Plain http sends the admin token in
// clear text, so it is allowed only to loopback (emulators, a local Unleash)
// unless the profile says insecure.
func checkURL(raw string, insecure bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("url %q is not an http(s) URL such as https://unleash.example.com", client.Sanitize(raw))
	}
	if u.User != nil {
		return errors.New("url must not contain a user name or password; give the token with token_env or token_command")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("url must be a base URL without ?query or #fragment")
	}
	if u.Scheme == "http" && !insecure && !isLoopback(u.Hostname()) {
		return fmt.Errorf("url %s is plain http to %s: the admin token would cross the network unencrypted; use https, or set insecure: true (--insecure) if you accept that", client.Sanitize(raw), client.Sanitize(u.Hostname()))
	}
	return nil
}

// isLoopback is literally loopback: an address in 127.0.0.0/8, ::1, or the
// name localhost itself. Not "*.localhost": resolvers differ on it, a DNS
// server may answer for it, and Go sends it through HTTP_PROXY, so the admin
// token could leave the machine in clear text.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// normaliseURL trims what users add by habit: spaces and a trailing slash.
func normaliseURL(raw string) string {
	return strings.TrimRight(strings.TrimSpace(raw), "/")
}
