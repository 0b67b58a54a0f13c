package emulator

import (
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"sync"
	"time"
)

// gaDateLayout is how the GoodAccess API writes dates: "2024-05-07 10:48:44",
// in a zone it does not document (GoodAccessOptions.Zone).
const gaDateLayout = "2006-01-02 15:04:05"

// GoodAccessOptions configures the GoodAccess emulator.
type GoodAccessOptions struct {
	Clock  Clock // nil = time.Now
	Extra  int   // add this many generated realistic tokens (scale tests / benchmarks)
	NoSeed bool  // start empty but for the admin token

	// Zone is where the emulator reads and writes "Y-m-d H:i:s" dates; nil
	// is UTC. GoodAccess does not document its zone: a server in another
	// one shifts every expiry a client writes in UTC.
	Zone *time.Location
	// IgnoreScopes makes create ignore "scopes", as a server following the
	// documented body (name, expires_at, allowed_ips) would: the new token
	// has none.
	IgnoreScopes bool
}

// GoodAccess emulates the token endpoints of the GoodAccess Integration API:
// GET /api/v1/tokens, GET|DELETE /api/v1/token/{id}, POST /api/v1/token and
// GET /api/v1/test-connection. It is safe for concurrent use.
type GoodAccess struct {
	*Server
	clock        Clock
	zone         *time.Location
	ignoreScopes bool

	mu     sync.Mutex
	tokens []*gaToken          // creation order: the order the list is served in
	byID   map[string]*gaToken // id -> token
	byHash map[string]*gaToken // hashSecret(secret) -> token; tokens without a usable secret are absent
}

// gaToken is one stored token. The secret itself is never kept.
type gaToken struct {
	id         string
	name       string
	scopes     []string
	allowedIPs []string
	createdAt  time.Time
	expiresAt  time.Time // zero: never
	lastUsedAt time.Time // zero: never
	secretHash string
}

func (t *gaToken) hasScope(s string) bool { return slices.Contains(t.scopes, s) }

// NewGoodAccess starts a GoodAccess emulator on 127.0.0.1, seeded with
// realistic tokens (unless opts.NoSeed) whose dates are relative to the clock.
// AdminToken is the secret of "tokentui demo admin": every scope, no expiry,
// any address.
func NewGoodAccess(opts GoodAccessOptions) (*GoodAccess, error) {
	zone := opts.Zone
	if zone == nil {
		zone = time.UTC
	}
	g := &GoodAccess{
		clock:        opts.Clock,
		zone:         zone,
		ignoreScopes: opts.IgnoreScopes,
		byID:         map[string]*gaToken{},
		byHash:       map[string]*gaToken{},
	}
	now := g.now()
	admin := g.seed(now, opts.NoSeed)
	g.addExtra(now, opts.Extra)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/tokens", g.handleList)
	mux.HandleFunc("GET /api/v1/token/{id}", g.handleGet)
	mux.HandleFunc("POST /api/v1/token", g.handleCreate)
	mux.HandleFunc("DELETE /api/v1/token/{id}", g.handleRevoke)
	mux.HandleFunc("GET /api/v1/test-connection", g.handleTestConnection)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, gaMessage{Message: "Not found"})
	})
	srv, err := serve(mux, "")
	if err != nil {
		return nil, err
	}
	g.Server = srv
	g.AdminToken = admin
	return g, nil
}

// IssueToken adds a token directly (tests): returns its id and one-time
// secret. A zero expiresAt never expires. Nothing is validated, so tests can
// store what the API would refuse (a hostile name, say).
func (g *GoodAccess) IssueToken(name string, scopes []string, expiresAt time.Time, allowedIPs []string) (id, secret string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	t := &gaToken{
		id:         newUUID(),
		name:       name,
		scopes:     slices.Clone(scopes),
		allowedIPs: slices.Clone(allowedIPs),
		createdAt:  g.now(),
		expiresAt:  expiresAt.UTC().Truncate(time.Second),
	}
	secret = gaNewSecret()
	t.secretHash = hashSecret(secret)
	g.addLocked(t)
	return t.id, secret
}

// Len is the number of tokens stored.
func (g *GoodAccess) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.tokens)
}

func (g *GoodAccess) now() time.Time { return g.clock.now().UTC().Truncate(time.Second) }

func (g *GoodAccess) addLocked(t *gaToken) {
	g.tokens = append(g.tokens, t)
	g.byID[t.id] = t
	if t.secretHash != "" {
		g.byHash[t.secretHash] = t
	}
}

func (g *GoodAccess) removeLocked(t *gaToken) {
	delete(g.byID, t.id)
	if t.secretHash != "" {
		delete(g.byHash, t.secretHash)
	}
	g.tokens = slices.DeleteFunc(g.tokens, func(x *gaToken) bool { return x == t })
}

// gaNewSecret is a fresh secret in the emulator's format.
func gaNewSecret() string { return "ga_" + randomHex(20) }

type gaMessage struct {
	Message string `json:"message"`
}

type gaForbidden struct {
	Message       string `json:"message"`
	RequiredScope string `json:"required_scope"`
}

// authorize checks the bearer token, its expiry, the caller's address and
// the scope the endpoint needs, in that order, answering 401 or 403 itself.
// It must be called with g.mu held; on success it records the use.
func (g *GoodAccess) authorizeLocked(w http.ResponseWriter, r *http.Request, scope string) (*gaToken, bool) {
	secret := bearer(r)
	if secret == "" {
		writeJSON(w, http.StatusUnauthorized, gaMessage{Message: "Unauthenticated."})
		return nil, false
	}
	t := g.byHash[hashSecret(secret)]
	if t == nil {
		writeJSON(w, http.StatusUnauthorized, gaMessage{Message: "Unauthenticated."})
		return nil, false
	}
	now := g.now()
	if !t.expiresAt.IsZero() && !t.expiresAt.After(now) {
		writeJSON(w, http.StatusUnauthorized, gaMessage{Message: "The token has expired."})
		return nil, false
	}
	addr, err := clientAddr(r)
	if err != nil || !ipAllowed(t.allowedIPs, addr) {
		who := "this address"
		if err == nil {
			who = addr.String()
		}
		writeJSON(w, http.StatusUnauthorized, gaMessage{Message: "This token may not be used from " + who + "."})
		return nil, false
	}
	t.lastUsedAt = now
	if scope != "" && !t.hasScope(scope) {
		writeJSON(w, http.StatusForbidden, gaForbidden{Message: "Missing scope: " + scope, RequiredScope: scope})
		return nil, false
	}
	return t, true
}

func (g *GoodAccess) handleList(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	if _, ok := g.authorizeLocked(w, r, gaScopeTokenList); !ok {
		g.mu.Unlock()
		return
	}
	// Encode under the lock (a consistent snapshot), write after releasing
	// it so a slow reader cannot stall other callers.
	body := gaEncodeList(g.tokens, g.zone)
	g.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (g *GoodAccess) handleGet(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	if _, ok := g.authorizeLocked(w, r, gaScopeTokenRead); !ok {
		g.mu.Unlock()
		return
	}
	t := g.lookupLocked(r.PathValue("id"))
	if t == nil {
		g.mu.Unlock()
		writeJSON(w, http.StatusNotFound, gaMessage{Message: "Token not found"})
		return
	}
	body := gaAppendToken(nil, t, g.zone)
	g.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (g *GoodAccess) handleRevoke(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.authorizeLocked(w, r, gaScopeTokenDelete); !ok {
		return
	}
	t := g.lookupLocked(r.PathValue("id"))
	if t == nil {
		writeJSON(w, http.StatusNotFound, gaMessage{Message: "Token not found"})
		return
	}
	g.removeLocked(t)
	writeJSON(w, http.StatusOK, gaMessage{Message: "Token revoked successfully"})
}

func (g *GoodAccess) handleTestConnection(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.authorizeLocked(w, r, ""); !ok {
		return
	}
	writeJSON(w, http.StatusOK, gaMessage{Message: "Connection has been established successfully."})
}

type gaCreated struct {
	CreatedID string `json:"created_id"`
	Message   string `json:"message"`
	Token     string `json:"token"`
}

// gaMaxBody bounds what the emulator reads of a create body.
const gaMaxBody = 64 << 10

func (g *GoodAccess) handleCreate(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	_, ok := g.authorizeLocked(w, r, gaScopeTokenCreate)
	now := g.now()
	g.mu.Unlock()
	if !ok {
		return
	}
	// Validation runs without the lock: it needs only the request and now.
	req, verr := gaParseCreate(http.MaxBytesReader(w, r.Body, gaMaxBody), now, g.zone, g.ignoreScopes)
	if verr != nil {
		writeJSON(w, http.StatusBadRequest, verr)
		return
	}
	secret := gaNewSecret()
	t := &gaToken{
		id:         newUUID(),
		name:       req.name,
		scopes:     req.scopes,
		allowedIPs: req.allowedIPs,
		createdAt:  now,
		expiresAt:  req.expiresAt,
		secretHash: hashSecret(secret),
	}
	g.mu.Lock()
	g.addLocked(t)
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, gaCreated{CreatedID: t.id, Message: "Token created successfully", Token: secret})
}

// lookupLocked finds a token by its id; anything that is not a UUID is
// simply not found, as on the real API.
func (g *GoodAccess) lookupLocked(id string) *gaToken {
	if !gaIsUUID(id) {
		return nil
	}
	return g.byID[id]
}

// gaIsUUID accepts the canonical 8-4-4-4-12 hex form.
func gaIsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// gaValidIPEntry is an address or a CIDR range, as allowed_ips accepts.
func gaValidIPEntry(s string) bool {
	if _, err := netip.ParsePrefix(s); err == nil {
		return true
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}
