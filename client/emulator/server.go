// Package emulator holds in-process emulators of the token APIs tokentui speaks
// to. They serve real HTTP on loopback and enforce what the real services
// enforce (bearer auth, scopes or roles, expiry, allowed IPs, validation), so
// the TUI's error paths run for real in tests and in --demo.
package emulator

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Server is an emulator listening on 127.0.0.1.
type Server struct {
	// URL is the base URL to give a provider, without a trailing slash.
	URL string
	// AdminToken is a secret of the seeded, all-powerful admin token.
	AdminToken string

	srv *http.Server
	ln  net.Listener

	mu    sync.Mutex
	fresh map[net.Conn]bool // connections that have not sent a request yet
}

// Close stops the server and waits for in-flight requests. Connections a
// client opened but never used (an HTTP client dialling ahead while
// several requests run at once) are closed first: http.Server.Shutdown
// would otherwise wait seconds for them.
func (s *Server) Close() {
	s.mu.Lock()
	for c := range s.fresh {
		_ = c.Close()
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.srv.Shutdown(ctx)
}

// track keeps the set of connections that have not sent a request.
func (s *Server) track(c net.Conn, st http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st == http.StateNew {
		s.fresh[c] = true
	} else {
		delete(s.fresh, c)
	}
}

// serve starts h on a free loopback port.
func serve(h http.Handler, pathPrefix string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String() + pathPrefix, ln: ln, fresh: map[net.Conn]bool{}}
	s.srv = &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ConnState: s.track}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Clock lets tests and benchmarks pin time; nil means time.Now.
type Clock func() time.Time

func (c Clock) now() time.Time {
	if c == nil {
		return time.Now()
	}
	return c()
}

// hashSecret is how emulators store secrets: only the SHA-256, as a real
// service would, so a secret is shown once and never again.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// randomHex returns n random bytes hex-encoded.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never carries a secret
	}
	return hex.EncodeToString(b)
}

// newUUID returns a random RFC 4122 version 4 UUID.
func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// writeJSON answers with status and v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// bearer extracts the credential from "Authorization: Bearer x", a bare
// "Authorization: x", or "x-access-token: x" (Border0 accepts all three).
func bearer(r *http.Request) string {
	if v := r.Header.Get("Authorization"); v != "" {
		if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
			return strings.TrimSpace(v[7:])
		}
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(r.Header.Get("x-access-token"))
}

// clientAddr is the caller's IP as the emulator sees it.
func clientAddr(r *http.Request) (netip.Addr, error) {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, errors.New("unknown caller address")
	}
	return ap.Addr().Unmap(), nil
}

// ipAllowed reports whether addr matches one of the allowed entries (plain
// addresses or CIDR prefixes). An empty list allows every address.
func ipAllowed(allowed []string, addr netip.Addr) bool {
	if len(allowed) == 0 {
		return true
	}
	for _, a := range allowed {
		if p, err := netip.ParsePrefix(a); err == nil {
			if p.Contains(addr) {
				return true
			}
			continue
		}
		if ip, err := netip.ParseAddr(a); err == nil && ip.Unmap() == addr {
			return true
		}
	}
	return false
}

// Endpoint is where the emulator listens and the secret of its seeded admin
// token: what a profile needs to reach it.
func (s *Server) Endpoint() (url, adminToken string) { return s.URL, s.AdminToken }
