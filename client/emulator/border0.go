package emulator

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Border0Options configures NewBorder0.
type Border0Options struct {
	Clock  Clock // nil = time.Now
	Extra  int   // add this many generated tokens (scale tests, benchmarks)
	NoSeed bool  // start with only the admin token (no service accounts, no connectors)

	// Lag is the read-after-write delay of Border0's cross-region
	// replication (shared/specs/border0-service-accounts.md, section 5): a
	// token created less than Lag ago (wall clock) is missing from every
	// list and GET, and deleting it answers 404. GET /serverinfo reports it
	// as rx_after_tx_delay_ms, as Border0's Terraform provider reads it.
	Lag time.Duration
	// SummaryLists makes the token lists of service accounts answer in the
	// only token-list schema Border0's OpenAPI document publishes
	// (serializer.TokenSummary): "token_id" instead of "id", no
	// created_at, expires_at a string, the owner by name, and an "items"
	// count. Otherwise they follow Border0's Go SDK ("id", created_at).
	// SummaryOrgList does the same for the organisation's token list.
	SummaryLists   bool
	SummaryOrgList bool
}

// Border0 emulates Border0's organisation access tokens API (see
// shared/specs/border0.md). URL ends in /api/v1, like the real base URL;
// AdminToken is the secret of the seeded admin token, which never expires.
//
// What it enforces, and the choices made where Border0 publishes nothing:
//   - credentials in "Authorization: Bearer x", "Authorization: x" or
//     "x-access-token: x"; a bad signature, an expired or revoked token is
//     401 "please login";
//   - admin tokens may list, create and revoke; member tokens may list (the
//     seed says members "can view everything in the organization") but not
//     create or revoke; connector and client tokens may do none of it: 403
//     "forbidden: admin role required";
//   - name required, at most border0NameMaxLen characters; role one of
//     admin, member, connector, client; expires_at unix seconds in the future,
//     0 or absent for never; duplicate names are allowed.
type Border0 struct {
	*Server

	clock      Clock
	key        []byte // HS256 signing key, random per emulator
	lag        time.Duration
	summary    bool // service-account token lists as TokenSummary
	orgSummary bool // the organisation's list as TokenSummary

	mu         sync.RWMutex
	order      []*border0Token // list order: oldest first; every kind of token
	byID       map[string]*border0Token
	byHash     map[string]*border0Token // SHA-256 of the secret -> token
	accounts   []*border0Account        // service accounts, in creation order
	connectors []*border0Connector
}

// border0NameMaxLen is the emulator's (and tokentui's) limit on a token name
// in characters. Border0 does not publish one; 100 is ours.
const border0NameMaxLen = 100

// border0Roles are the roles the emulator accepts. "client" is seen in
// Border0's code; tokentui does not offer it, but the server takes it.
var border0Roles = map[string]bool{"admin": true, "member": true, "connector": true, "client": true}

type border0Token struct {
	id, name, role, createdBy, userID string
	createdAt, expiresAt              time.Time // expiresAt zero: never
	hash                              string    // "" when no secret exists
	// account or connector owns the token; both nil: an organisation token.
	account   *border0Account
	connector *border0Connector
	// replicated is when (wall clock) the token shows in reads; see Lag.
	replicated time.Time
}

// visible reports whether reads see t yet (Lag).
func (t *border0Token) visible() bool { return !time.Now().Before(t.replicated) }

// roleNow is the role t acts with: an account token's is its account's.
func (t *border0Token) roleNow() string {
	if t.account != nil {
		return t.account.role
	}
	if t.connector != nil {
		return "connector"
	}
	return t.role
}

func (t *border0Token) expired(now time.Time) bool {
	return !t.expiresAt.IsZero() && !t.expiresAt.After(now)
}

// NewBorder0 starts a Border0 emulator on 127.0.0.1.
func NewBorder0(opts Border0Options) (*Border0, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	b := &Border0{
		clock:      opts.Clock,
		key:        key,
		lag:        opts.Lag,
		summary:    opts.SummaryLists,
		orgSummary: opts.SummaryOrgList,
		byID:       make(map[string]*border0Token, opts.Extra+16),
		byHash:     map[string]*border0Token{},
	}
	srv, err := serve(b, "/api/v1")
	if err != nil {
		return nil, err
	}
	b.Server = srv
	b.seed(b.now(), opts.NoSeed, opts.Extra)
	return b, nil
}

// IssueToken adds a token directly, without the API's validation (so tests
// can make expired tokens or any role), and returns its id and secret.
func (b *Border0) IssueToken(name, role string, expiresAt time.Time) (id, secret string) {
	t := &border0Token{
		id:        newUUID(),
		userID:    newUUID(),
		name:      name,
		role:      role,
		createdBy: "emulator",
		createdAt: b.now(),
	}
	if !expiresAt.IsZero() {
		t.expiresAt = expiresAt.UTC().Truncate(time.Second)
	}
	secret = b.issue(t)
	b.mu.Lock()
	b.store(t)
	b.mu.Unlock()
	return t.id, secret
}

// Len is the number of tokens stored, of every kind, expired ones included.
func (b *Border0) Len() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.order)
}

// now is the emulator clock to the second: the wire carries seconds.
func (b *Border0) now() time.Time {
	return b.clock.now().UTC().Truncate(time.Second)
}

// issue signs a secret for t and records its hash; the secret itself is not
// kept. Border0 publishes the format of organisation tokens only (JWTs);
// the emulator signs the others alike, with a type and owner of their own.
func (b *Border0) issue(t *border0Token) string {
	c := border0Claims{
		OrgID:    border0OrgID,
		Type:     "token",
		UserID:   t.userID,
		TokenID:  t.id,
		Role:     t.role,
		IssuedAt: t.createdAt.Unix(),
	}
	switch {
	case t.account != nil:
		c.Type, c.ServiceAccount, c.Role = border0TypeServiceAccount, t.account.name, ""
	case t.connector != nil:
		c.Type, c.ConnectorID, c.Role = border0TypeConnector, t.connector.id, ""
	}
	if !t.expiresAt.IsZero() {
		c.ExpiresAt = t.expiresAt.Unix()
	}
	secret := b.sign(c)
	t.hash = hashSecret(secret)
	return secret
}

// store adds t; the caller holds the write lock (or is seeding).
func (b *Border0) store(t *border0Token) {
	b.order = append(b.order, t)
	b.byID[t.id] = t
	if t.hash != "" {
		b.byHash[t.hash] = t
	}
}

// ServeHTTP authenticates, then routes: organisation tokens, service
// accounts and their tokens, connectors and their tokens, server info.
func (b *Border0) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	route, ok := b.route(r.Method, path)
	if !ok {
		border0Error(w, http.StatusNotFound, "not found")
		return
	}
	caller, ok := b.authenticate(r)
	if !ok {
		border0Error(w, http.StatusUnauthorized, "please login")
		return
	}
	if route.method == "" {
		w.Header().Set("Allow", route.allow)
		border0Error(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if !border0Allowed(route.need, caller.role) {
		border0Error(w, http.StatusForbidden, "forbidden: admin role required")
		return
	}
	route.serve(w, r, caller)
}

// border0Allowed: admin may do everything; member and read only (the
// portal says both may use the admin API) may read; connector and client
// tokens may only ask for server info.
func border0Allowed(need, role string) bool {
	switch need {
	case "":
		return true
	case "read":
		return role == "admin" || role == "member" || role == border0ReadOnly
	}
	return role == "admin"
}

// border0Route is one endpoint: need is "admin" (write), "read" (admin or
// member) or "" (any valid token); method "" means the path exists but not
// for this method.
type border0Route struct {
	method, need, allow string
	serve               func(http.ResponseWriter, *http.Request, border0Caller)
}

// route finds the endpoint of method and path (without a trailing slash).
func (b *Border0) route(method, path string) (border0Route, bool) {
	rest, ok := strings.CutPrefix(path, "/api/v1")
	if !ok {
		return border0Route{}, false
	}
	for _, e := range b.endpoints() {
		args, ok := border0Match(e.pattern, rest)
		if !ok {
			continue
		}
		for _, m := range e.methods {
			if m.method == method {
				serve := m.serve
				return border0Route{method: method, need: m.need, serve: func(w http.ResponseWriter, r *http.Request, c border0Caller) {
					serve(w, r, c, args)
				}}, true
			}
		}
		var allow []string
		for _, m := range e.methods {
			allow = append(allow, m.method)
		}
		return border0Route{allow: strings.Join(allow, ", ")}, true
	}
	return border0Route{}, false
}

// border0Match matches a path against a pattern whose "{}" segments are
// captured.
func border0Match(pattern, path string) ([]string, bool) {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return nil, false
	}
	var args []string
	for i, p := range ps {
		switch {
		case p == "{}" && xs[i] != "":
			args = append(args, xs[i])
		case p != xs[i]:
			return nil, false
		}
	}
	return args, true
}

type border0Handler func(w http.ResponseWriter, r *http.Request, c border0Caller, args []string)

type border0Method struct {
	method, need string
	serve        border0Handler
}

type border0Endpoint struct {
	pattern string
	methods []border0Method
}

func (b *Border0) endpoints() []border0Endpoint {
	return []border0Endpoint{
		{"/organizations/tokens", []border0Method{
			{http.MethodGet, "read", func(w http.ResponseWriter, _ *http.Request, _ border0Caller, _ []string) { b.list(w) }},
			{http.MethodPost, "admin", func(w http.ResponseWriter, r *http.Request, c border0Caller, _ []string) { b.create(w, r, c) }},
			{http.MethodDelete, "admin", func(w http.ResponseWriter, r *http.Request, _ border0Caller, _ []string) { b.revoke(w, r) }},
		}},
		{"/organizations/iam/service_accounts", []border0Method{
			{http.MethodGet, "read", b.listAccounts},
		}},
		{"/organizations/iam/service_accounts/{}", []border0Method{
			{http.MethodGet, "read", b.getAccount},
		}},
		{"/organizations/iam/service_accounts/{}/tokens", []border0Method{
			{http.MethodGet, "read", b.listAccountTokens},
			{http.MethodPost, "admin", b.createAccountToken},
		}},
		{"/organizations/iam/service_accounts/{}/tokens/{}", []border0Method{
			{http.MethodDelete, "admin", b.deleteAccountToken},
		}},
		{"/connectors", []border0Method{
			{http.MethodGet, "read", b.listConnectors},
		}},
		{"/connector/{}/tokens", []border0Method{
			{http.MethodGet, "read", b.listConnectorTokens},
		}},
		{"/connector/token", []border0Method{
			{http.MethodPost, "admin", b.createConnectorToken},
		}},
		{"/connector/{}/token/{}", []border0Method{
			{http.MethodGet, "read", b.getConnectorToken},
			{http.MethodDelete, "admin", b.deleteConnectorToken},
		}},
		{"/serverinfo", []border0Method{
			{http.MethodGet, "", b.serverInfo},
		}},
	}
}

// border0Caller is a snapshot of the calling token, taken under the lock.
type border0Caller struct{ name, role string }

// authenticate verifies the JWT's signature and expiry, then that it is
// still a stored (not revoked) token.
func (b *Border0) authenticate(r *http.Request) (border0Caller, bool) {
	secret := bearer(r)
	if secret == "" {
		return border0Caller{}, false
	}
	claims, ok := b.verify(secret)
	now := b.now()
	if !ok || (claims.ExpiresAt != 0 && now.Unix() >= claims.ExpiresAt) {
		return border0Caller{}, false
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	t := b.byHash[hashSecret(secret)]
	if t == nil || t.expired(now) || t.account != nil && !t.account.active {
		return border0Caller{}, false
	}
	return border0Caller{name: t.name, role: t.roleNow()}, true
}

// border0WireToken is one entry of the list answer. created_at is RFC 3339
// and expires_at unix seconds (null: never), because Border0 uses both forms
// and a client must cope with either.
type border0WireToken struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	CreatedBy string `json:"created_by"`
	CreatedAt string `json:"created_at"`
	ExpiresAt *int64 `json:"expires_at"`
}

// list answers the organisation tokens (not those of service accounts or
// connectors), in the SDK's shape or, with SummaryLists, OpenAPI's.
func (b *Border0) list(w http.ResponseWriter) {
	b.mu.RLock()
	tokens := make([]*border0Token, 0, len(b.order))
	for _, t := range b.order {
		if t.account == nil && t.connector == nil && t.visible() {
			tokens = append(tokens, t)
		}
	}
	if b.orgSummary {
		body := border0Summaries(tokens)
		b.mu.RUnlock()
		writeJSON(w, http.StatusOK, body)
		return
	}
	out := make([]border0WireToken, len(tokens))
	expiries := make([]int64, len(tokens)) // one allocation for every pointer
	for i, t := range tokens {
		out[i] = border0WireToken{
			ID:        t.id,
			Name:      t.name,
			Role:      t.role,
			CreatedBy: t.createdBy,
			CreatedAt: t.createdAt.Format(time.RFC3339),
		}
		if !t.expiresAt.IsZero() {
			expiries[i] = t.expiresAt.Unix()
			out[i].ExpiresAt = &expiries[i]
		}
	}
	b.mu.RUnlock()
	writeJSON(w, http.StatusOK, map[string]any{"list": out})
}

// border0MaxBody bounds request bodies; a create request is a few hundred
// bytes.
const border0MaxBody = 64 << 10

func (b *Border0) create(w http.ResponseWriter, r *http.Request, caller border0Caller) {
	var req struct {
		Name      string `json:"name"`
		Role      string `json:"role"`
		ExpiresAt int64  `json:"expires_at"`
	}
	if msg := decodeBorder0Body(r, &req); msg != "" {
		border0Error(w, http.StatusBadRequest, msg)
		return
	}
	now := b.now()
	switch {
	case strings.TrimSpace(req.Name) == "":
		border0Error(w, http.StatusBadRequest, "name is required")
		return
	case utf8.RuneCountInString(req.Name) > border0NameMaxLen:
		border0Error(w, http.StatusBadRequest, "name must be at most 100 characters")
		return
	case !border0Roles[req.Role]:
		border0Error(w, http.StatusBadRequest, "role must be one of: admin, member, connector, client")
		return
	case req.ExpiresAt < 0:
		border0Error(w, http.StatusBadRequest, "expires_at must be a unix time in seconds, or 0 for never")
		return
	case req.ExpiresAt != 0 && req.ExpiresAt <= now.Unix():
		border0Error(w, http.StatusBadRequest, "expires_at must be in the future")
		return
	}
	t := &border0Token{
		id:        newUUID(),
		userID:    newUUID(),
		name:      req.Name,
		role:      req.Role,
		createdBy: "token: " + caller.name,
		createdAt: now,
	}
	if req.ExpiresAt != 0 {
		t.expiresAt = time.Unix(req.ExpiresAt, 0).UTC()
	}
	secret := b.issue(t)
	t.replicated = time.Now().Add(b.lag) // reads see it only after Lag
	b.mu.Lock()
	b.store(t)
	b.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{
		"name":       t.name,
		"token":      secret,
		"created_at": t.createdAt.Format(time.RFC3339),
	})
}

func (b *Border0) revoke(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ID string `json:"id"`
	}
	if msg := decodeBorder0Body(r, &req); msg != "" {
		border0Error(w, http.StatusBadRequest, msg)
		return
	}
	if req.ID == "" {
		border0Error(w, http.StatusBadRequest, "id is required")
		return
	}
	b.mu.Lock()
	t := b.byID[req.ID]
	if t == nil || t.account != nil || t.connector != nil || !t.visible() {
		b.mu.Unlock()
		border0Error(w, http.StatusNotFound, "token not found")
		return
	}
	b.removeLocked(t)
	b.mu.Unlock()
	writeJSON(w, http.StatusOK, struct{}{})
}

// removeLocked forgets t; the caller holds the write lock.
func (b *Border0) removeLocked(t *border0Token) {
	delete(b.byID, t.id)
	if t.hash != "" {
		delete(b.byHash, t.hash)
	}
	for i, o := range b.order {
		if o == t {
			b.order = append(b.order[:i], b.order[i+1:]...)
			break
		}
	}
}

// decodeBorder0Body reads a JSON object body into v and returns the 400
// message to send if it cannot.
func decodeBorder0Body(r *http.Request, v any) string {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, border0MaxBody))
	if err != nil {
		return "bad request: body too large or unreadable"
	}
	if err := json.Unmarshal(body, v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field != "" {
			return "bad request: " + typ.Field + " has the wrong type"
		}
		return "bad request: malformed JSON body"
	}
	return ""
}

// border0Error answers in Border0's error format.
func border0Error(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"status_code": status, "error_message": msg})
}
