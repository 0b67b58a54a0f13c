package emulator

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tokentui/tokentui/client/jsonappend"
)

// UnleashOptions configures the Unleash emulator.
type UnleashOptions struct {
	// Clock pins time; seeded tokens are the same for the same Clock.
	Clock Clock
	// Extra adds that many generated tokens (benchmarks, big-list UI tests);
	// they may exceed MaxTokens.
	Extra int
	// NoSeed starts with only the admin token, like a fresh server.
	NoSeed bool
	// MaxTokens is the instance's token limit (UNLEASH_API_TOKENS_LIMIT);
	// 0 means Unleash's default, 2000.
	MaxTokens int
	// SecureTokens is UNLEASH_EXPERIMENTAL_SECURE_TOKEN=true: new tokens
	// are v2 ("<projects>:<env>.v2_<selector>_<secret>"), of which only a
	// hash is kept and the list shows the selector. The seed then also
	// holds a few v2 tokens beside the v1 ones, as an instance that turned
	// the flag on after a while would. SetSecureTokens flips it later.
	SecureTokens bool
}

// Unleash emulates the API-token part of the admin API of unleash-server
// 8.2.0, plus the client and frontend endpoints far enough to show which
// token types they accept. Status codes, bodies and quirks follow a real
// server; client/unleash's TestUnleashIntegrationEmulatorParity sends the same raw
// requests to both and compares the answers.
//
// Unlike the other emulators it stores secrets in the clear: the real
// Unleash lists every secret, and revoke/update address a token by it, so an
// emulator that hashed them could not answer like the server.
type Unleash struct {
	*Server

	clock     Clock
	maxTokens int

	mu           sync.Mutex
	secure       bool            // new tokens are v2
	editors      map[string]bool // personal access tokens of Editor users (unleash_project.go)
	tokens       []*unleashToken
	byKey        map[string]int // v1 secret or v2 selector -> index into tokens
	projects     []unleashProject
	environments []unleashEnvironment
	started      time.Time
}

// unleashToken is one stored token.
type unleashToken struct {
	// secret is a v1 token's secret. A v2 (secure) token keeps none: only
	// its selector and the verifier, a SHA-256 of the whole secret, as
	// the real server's api_tokens_v2 table does.
	secret   string
	secure   bool
	selector string
	verifier string

	// editor marks the caller of a request made with an Editor's personal
	// access token; it is never stored.
	editor bool

	name        string
	typ         string // as the list reports it: admin, client (also a v1 backend), backend (v2), frontend
	projects    []string
	environment string
	createdAt   time.Time
	expiresAt   time.Time // zero: never
	seenAt      time.Time // zero: never used
}

type unleashProject struct {
	id, name, description string
	createdAt             time.Time
}

type unleashEnvironment struct {
	name, typ string
	sortOrder int
	enabled   bool
}

const (
	unleashDefaultMaxTokens = 2000
	unleashHashHex          = 56 // the server's 28 random bytes
)

// NewUnleash starts the emulator on a free loopback port. URL is the instance
// URL (the admin API is under /api/admin) and AdminToken an admin secret of
// the "*:*.<hex>" form that INIT_ADMIN_API_TOKENS gives a real server.
func NewUnleash(opts UnleashOptions) (*Unleash, error) {
	u := &Unleash{
		clock:     opts.Clock,
		maxTokens: opts.MaxTokens,
		secure:    opts.SecureTokens,
		byKey:     map[string]int{},
		editors:   map[string]bool{},
	}
	if u.maxTokens <= 0 {
		u.maxTokens = unleashDefaultMaxTokens
	}
	u.started = u.clock.now()
	u.seed(opts)
	srv, err := serve(u, "")
	if err != nil {
		return nil, err
	}
	u.Server = srv
	u.Server.AdminToken = u.tokens[0].secret
	return u, nil
}

// IssueToken stores a token directly, the way server start-up configuration
// or an earlier Unleash version would have made it: no validation, so tests
// can hold admin, expired or odd tokens. A "backend" type is stored as
// "client", as the real server does. It returns the secret.
func (u *Unleash) IssueToken(name, tokenType string, projects []string, environment string, expiresAt time.Time) string {
	if len(projects) == 0 {
		projects = []string{"*"}
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	t := &unleashToken{
		secret:      unleashSecret(projects, environment, randomHex(unleashHashHex/2)),
		name:        name,
		typ:         unleashStoredType(tokenType),
		projects:    append([]string(nil), projects...),
		environment: environment,
		createdAt:   u.clock.now(),
		expiresAt:   expiresAt,
	}
	u.addLocked(t)
	return t.secret
}

// SetSecureTokens switches secure token storage on or off for tokens
// created from now on, like restarting the server with or without the flag
// on the same database: existing tokens of both kinds stay as they are.
func (u *Unleash) SetSecureTokens(on bool) {
	u.mu.Lock()
	u.secure = on
	u.mu.Unlock()
}

// Len is the number of tokens the instance holds, the admin token included.
func (u *Unleash) Len() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.tokens)
}

func (u *Unleash) addLocked(t *unleashToken) {
	u.byKey[t.key()] = len(u.tokens)
	u.tokens = append(u.tokens, t)
}

// key is what the admin API addresses t by: a v1 token's secret, a v2
// token's selector. The two never collide: a v1 secret holds ":".
func (t *unleashToken) key() string {
	if t.secure {
		return t.selector
	}
	return t.secret
}

// findLocked is the token an admin route's path names: a v1 secret, a v2
// selector, or a full v2 secret, of which only the selector counts (the
// real server does not check the rest on admin routes).
func (u *Unleash) findLocked(key string) (int, bool) {
	if sel, ok := unleashV2Selector(key); ok {
		key = sel
	}
	i, ok := u.byKey[key]
	return i, ok
}

// removeLocked deletes by swapping the last token into the hole: the real
// list is unordered too, and this keeps deletes O(1) at 100 000 tokens.
func (u *Unleash) removeLocked(key string) bool {
	i, ok := u.findLocked(key)
	if !ok {
		return false
	}
	gone := u.tokens[i].key()
	last := len(u.tokens) - 1
	u.tokens[i] = u.tokens[last]
	u.byKey[u.tokens[i].key()] = i
	u.tokens[last] = nil
	u.tokens = u.tokens[:last]
	delete(u.byKey, gone)
	return true
}

// unleashSecret builds a v2 secret: one project's id, "[]" for several.
func unleashSecret(projects []string, environment, hash string) string {
	p := "*"
	switch {
	case len(projects) > 1:
		p = "[]"
	case len(projects) == 1:
		p = projects[0]
	}
	return p + ":" + environment + "." + hash
}

// unleashStoredType is the type the list reports: 8.2 keeps backend tokens
// as client tokens.
func unleashStoredType(t string) string {
	t = strings.ToLower(t)
	if t == "backend" {
		return "client"
	}
	return t
}

// ServeHTTP routes like the real server: the JSON body is parsed first (a
// malformed one is an HTML 400 before anything else), then the token is
// checked, then the path is routed.
func (u *Unleash) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, ok := unleashReadBody(w, r)
	if !ok {
		return
	}
	path := r.URL.EscapedPath()
	switch {
	case path == "/health":
		unleashWrite(w, http.StatusOK, []byte(`{"health":"GOOD"}`))
	case strings.HasPrefix(path, "/api/admin/"):
		tok, ok := u.authenticate(w, r, "admin")
		if !ok {
			return
		}
		u.serveAdmin(w, r, tok, strings.TrimSuffix(path, "/"), body)
	case path == "/api/client/features":
		if tok, ok := u.authenticateSDK(w, r, "client"); ok {
			unleashClientFeatures(w, tok)
		}
	case path == "/api/frontend":
		if _, ok := u.authenticateSDK(w, r, "frontend"); ok {
			unleashWrite(w, http.StatusOK, []byte(`{"toggles":[]}`))
		}
	case strings.HasPrefix(path, "/api/"):
		if _, ok := u.authenticate(w, r, ""); ok {
			unleashNotFound(w, r)
		}
	default:
		unleashNotFound(w, r)
	}
}

// unleashCredential is the Authorization header; "Bearer " is accepted too.
func unleashCredential(r *http.Request) string {
	v := strings.TrimSpace(r.Header.Get("Authorization"))
	if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
		v = strings.TrimSpace(v[7:])
	}
	return v
}

// authenticate checks the admin-API credential and records its use. A
// token of another type than want is a 403 with the server's wording; want
// "" accepts any valid token.
func (u *Unleash) authenticate(w http.ResponseWriter, r *http.Request, want string) (unleashToken, bool) {
	cred := unleashCredential(r)
	if cred == "" {
		unleashAuthenticationRequired(w)
		return unleashToken{}, false
	}
	if u.isEditor(cred) {
		return unleashToken{typ: "admin", editor: true}, true
	}
	tok, ok := u.use(cred)
	if !ok {
		unleashError(w, http.StatusUnauthorized, true, "UnauthorizedError", "You must log in to use Unleash.")
		return unleashToken{}, false
	}
	if want != "" && tok.typ != want {
		unleashWrongTokenType(w)
		return unleashToken{}, false
	}
	return tok, true
}

// authenticateSDK is authentication on the client and frontend APIs, which
// answer a missing or unknown token with their own message.
func (u *Unleash) authenticateSDK(w http.ResponseWriter, r *http.Request, want string) (unleashToken, bool) {
	tok, ok := u.use(unleashCredential(r))
	if !ok {
		unleashWrite(w, http.StatusUnauthorized, []byte(`{"message":"This endpoint requires an API token. Please add an authorization header to your request with a valid token"}`))
		return unleashToken{}, false
	}
	if unleashStoredType(tok.typ) != want { // a v2 backend token is a client token
		unleashWrongTokenType(w)
		return unleashToken{}, false
	}
	return tok, true
}

// use finds a valid (known, unexpired) token and marks it seen. The real
// server records seenAt in batches about a minute later; the emulator does
// it at once so tests need not wait.
func (u *Unleash) use(secret string) (unleashToken, bool) {
	if secret == "" {
		return unleashToken{}, false
	}
	now := u.clock.now()
	u.mu.Lock()
	defer u.mu.Unlock()
	t, ok := u.credentialLocked(secret)
	if !ok {
		return unleashToken{}, false
	}
	if !t.expiresAt.IsZero() && !t.expiresAt.After(now) {
		return unleashToken{}, false
	}
	t.seenAt = now
	return *t, true
}

func unleashClientFeatures(w http.ResponseWriter, tok unleashToken) {
	b := append(make([]byte, 0, 256), `{"version":2,"features":[],"query":{"project":`...)
	b = jsonappend.Strings(b, tok.projects)
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, tok.environment)
	b = append(b, `,"inlineSegmentConstraints":true},"meta":{"revisionId":0,"etag":"\"9e6ab8a8:0:v1\"","queryHash":"9e6ab8a8"}}`...)
	unleashWrite(w, http.StatusOK, b)
}
