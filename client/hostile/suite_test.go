package hostile_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/hostile"
	"github.com/tokentui/tokentui/client/hostile/leak"
	"github.com/tokentui/tokentui/client/registry"
)

// The hostile-server suite: every case the issue (#10) reported, served by
// httptest servers to each of the three providers through the registry,
// as the dashboard and the CLI reach them. Asserted for each: no secret or
// admin token in anything that comes back (errors, warnings, token
// fields), in any encoding; no raw control or invisible character; time
// and memory bounded.

// system is what a test server must know of one provider's wire format.
type system struct {
	kind       string
	listPath   string // where the token list is; other reads are answered 404
	admin      string // the admin token the provider is built with
	adminPart  string // what of it is secret
	open       string // how a list answer starts, before the first token
	token      func(name, date string) string
	closing    string
	created    func(secret string) (int, string)
	newToken   client.NewToken
	target     client.Token // what Revoke is asked to revoke
	targetPart string       // what of target is secret; "" when nothing
	oddDates   []string     // JSON values that are no dates
}

const (
	hexA = "be4436a9c1f0e2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b"
	hexB = "7f3a9c2e41b04d6e8a1f5c3b9d2e7a40c1d2e3f4a5b6c7d8e9f0a1b2"
	hexC = "0d1c2b3a49586776a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2"
)

var systems = []system{
	{
		kind: "goodaccess", listPath: "/api/v1/tokens", admin: "ga-admin-" + hexA, adminPart: "ga-admin-" + hexA,
		open: "[", closing: "]",
		token: func(name, date string) string {
			return `{"id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","name":` + name + `,"scopes":["token.read"],"allowed_ips":[],"created_at":` + date + `,"expires_at":` + date + `,"last_used_at":null}`
		},
		created: func(secret string) (int, string) {
			return 200, `{"created_id":"5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d","message":"Token created","token":"` + secret + `"}`
		},
		newToken: client.NewToken{Name: "n", Scopes: []string{"token.read"}},
		target:   client.Token{ID: "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d", Name: "t"},
		oddDates: []string{`"0000-00-00 00:00:00"`, `"0001-01-01 00:00:00"`, `"0000-01-01T00:00:00Z"`, `"next tuesday"`},
	},
	{
		kind: "border0", listPath: "/organizations/tokens", admin: "b0-admin-" + hexA, adminPart: "b0-admin-" + hexA,
		open: `{"list":[`, closing: "]}",
		token: func(name, date string) string {
			return `{"id":"tok-1","name":` + name + `,"role":"member","created_by":"x@example.com","created_at":` + date + `,"expires_at":` + date + `}`
		},
		created: func(secret string) (int, string) {
			return 200, `{"name":"n","token":"` + secret + `","created_at":"2026-03-14T09:26:53Z"}`
		},
		newToken: client.NewToken{Name: "n", Role: "member"},
		target:   client.Token{ID: "tok-1", Name: "t"},
		oddDates: []string{`"0001-01-01T00:00:00Z"`, `"0000-01-01T00:00:00Z"`, `9223372036854775807`, `"292278994-08-17T07:12:55Z"`, `-1`},
	},
	{
		kind: "unleash", listPath: "/api/admin/api-tokens", admin: "*:*." + hexA, adminPart: hexA,
		open: `{"tokens":[`, closing: "]}",
		token: func(name, date string) string {
			return `{"secret":"default:production.` + hexC + `","tokenName":` + name + `,"type":"client","environment":"production","projects":["default"],"expiresAt":` + date + `,"createdAt":` + date + `}`
		},
		created: func(secret string) (int, string) {
			return 201, `{"secret":"` + secret + `","tokenName":"n","type":"client","environment":"production","projects":["default"],"createdAt":"2026-03-14T09:26:53.000Z"}`
		},
		newToken:   client.NewToken{Name: "n", Role: "client", Environment: "production", Projects: []string{"default"}},
		target:     client.Token{ID: client.Fingerprint("default:production." + hexB), Name: "t", Secret: "default:production." + hexB},
		targetPart: hexB,
		oddDates:   []string{`"0001-01-01T00:00:00.000Z"`, `"0000-01-01T00:00:00Z"`, `"+275760-09-13T00:00:00.000Z"`, `1767225600000`},
	},
}

// provider builds the system's provider from the registry, pointed at a
// server that answers with handler.
func (s system) provider(t *testing.T, handler http.HandlerFunc) client.Provider {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	d, ok := registry.Lookup(s.kind)
	if !ok {
		t.Fatalf("no provider %s", s.kind)
	}
	p, err := d.New(client.Connection{BaseURL: srv.URL, Token: s.admin, Retries: -1, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (s system) list(names ...string) string {
	var toks []string
	for _, n := range names {
		toks = append(toks, s.token(n, `"2025-01-02T03:04:05Z"`))
	}
	if s.kind == "goodaccess" {
		toks = nil
		for _, n := range names {
			toks = append(toks, s.token(n, `"2025-01-02 03:04:05"`))
		}
	}
	return s.open + strings.Join(toks, ",") + s.closing
}

// listing says whether r reads the token list; notList answers the reads
// that do not (a provider's other lists, such as Border0's service
// accounts) as a server without them does.
func (s system) listing(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, s.listPath)
}

func notList(w http.ResponseWriter) { answer(w, http.StatusNotFound, `{"message":"not found"}`) }

func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// jsonString quotes s for a JSON body, escaping only what JSON must.
func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\x1b", `\u001b`, "\x07", `\u0007`, "\n", `\n`).Replace(s) + `"`
}

// outputs is everything a provider call hands back that a person or a log
// may see.
type outputs []string

func (o *outputs) err(err error) {
	if err != nil {
		*o = append(*o, err.Error())
	}
}

func (o *outputs) token(t client.Token) {
	*o = append(*o, t.ID, t.Name, t.Role, t.Environment, t.CreatedBy)
	*o = append(append(append(*o, t.Scopes...), t.Projects...), t.AllowedIPs...)
}

// check fails the test if any output holds a run of any of secrets, or a
// control or invisible character.
func (o outputs) check(t *testing.T, what string, secrets ...string) {
	t.Helper()
	for _, text := range o {
		for _, s := range secrets {
			if s == "" {
				continue
			}
			if run := leak.Run(text, s, 12); run != "" {
				t.Errorf("%s: %q holds %q of a secret", what, text, run)
			}
		}
		if err := hostile.Shown(text); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
}

// every calls each provider operation once and collects what comes back.
func every(t *testing.T, p client.Provider, s system) outputs {
	ctx := context.Background()
	var out outputs
	tokens, err := p.List(ctx)
	out.err(err)
	for _, tok := range tokens {
		out.token(tok)
	}
	created, err := p.Create(ctx, s.newToken)
	out.err(err)
	out = append(out, created.Warning)
	out.token(created.Token)
	out.err(p.Revoke(ctx, s.target))
	if u, ok := p.(client.ExpiryUpdater); ok {
		out.err(u.UpdateExpiry(ctx, s.target, time.Now().Add(48*time.Hour)))
	}
	return out
}

// A server that quotes the admin token back in every error, in every
// encoding, under every error status: no error shows it.
func TestHostileServersEchoTheAdminToken(t *testing.T) {
	statuses := []int{401, 403, 404, 400, 422, 500, 409, 418}
	for _, s := range systems {
		for enc, echo := range leak.Echoes(s.admin) {
			t.Run(s.kind+"/"+enc, func(t *testing.T) {
				t.Parallel()
				var n atomic.Int32
				p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
					status := statuses[int(n.Add(1))%len(statuses)]
					answer(w, status, `{"message":`+jsonString("token Bearer "+echo+" is not valid")+`,"error_message":`+jsonString(echo)+`}`)
				})
				for range 2 { // twice, so every operation meets several statuses
					every(t, p, s).check(t, "admin token echoed", s.adminPart)
				}
			})
		}
	}
}

// Unleash addresses a token by its secret in the path of a revoke or an
// expiry change; a 404 that quotes the path, in whatever encoding a proxy
// or the server left it, must not show it. The other providers address by
// id, and the admin token must not show either way.
func TestHostileServersEchoTheAddressedPath(t *testing.T) {
	for _, s := range systems {
		for enc := range leak.Echoes("x") {
			t.Run(s.kind+"/"+enc, func(t *testing.T) {
				t.Parallel()
				p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
					echo := leak.Echoes(r.URL.Path + " " + r.URL.EscapedPath())[enc]
					answer(w, http.StatusNotFound, `{"name":"NotFoundError","message":`+jsonString("The path you were looking for ("+echo+") is not available.")+`}`)
				})
				var out outputs
				out.err(p.Revoke(context.Background(), s.target))
				if u, ok := p.(client.ExpiryUpdater); ok {
					out.err(u.UpdateExpiry(context.Background(), s.target, time.Now().Add(48*time.Hour)))
				}
				if len(out) == 0 {
					t.Fatal("no error from a 404")
				}
				out.check(t, "path echoed", s.targetPart, s.adminPart)
			})
		}
	}
}

// A create succeeds, then everything after it fails quoting the new
// secret: the secret is returned once, whole, and nothing else shows it.
func TestHostileServersEchoTheNewSecret(t *testing.T) {
	for _, s := range systems {
		secret := map[string]string{"goodaccess": "ga_live_" + hexB, "border0": "b0tok_" + hexB, "unleash": "default:production." + hexB}[s.kind]
		part := strings.TrimPrefix(secret, "default:production.")
		for enc, echo := range leak.Echoes(secret) {
			t.Run(s.kind+"/"+enc, func(t *testing.T) {
				t.Parallel()
				p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodPost {
						status, body := s.created(secret)
						answer(w, status, body)
						return
					}
					answer(w, http.StatusInternalServerError, `{"message":`+jsonString("could not read token "+echo)+`}`)
				})
				created, err := p.Create(context.Background(), s.newToken)
				if err != nil || created.Secret != secret {
					t.Fatalf("Create = %q, %v: the new secret is lost", created.Secret, err)
				}
				out := outputs{created.Warning}
				out.token(created.Token)
				_, err = p.List(context.Background())
				out.err(err)
				out.check(t, "new secret echoed", part, s.adminPart)
			})
		}
	}
}

// Names with invisible characters, escape sequences and bidi overrides
// come back visible and inert, and a look-alike differs from the real one.
func TestHostileServersSendInvisibleAndControlCharacters(t *testing.T) {
	for _, s := range systems {
		t.Run(s.kind, func(t *testing.T) {
			t.Parallel()
			names := []string{jsonString("prod-deploy")}
			for _, n := range hostile.Names {
				names = append(names, jsonString(n))
			}
			p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
				if s.listing(r) {
					answer(w, http.StatusOK, s.list(names...))
					return
				}
				if r.Method == http.MethodGet {
					notList(w)
					return
				}
				answer(w, http.StatusBadRequest, `{"message":`+jsonString(strings.Join(hostile.Names, " "))+`}`)
			})
			out := every(t, p, s)
			out.check(t, "hostile names")
			tokens, err := p.List(context.Background())
			if err != nil || len(tokens) != len(names) {
				t.Fatalf("%d tokens, %v", len(tokens), err)
			}
			if tokens[0].Name == tokens[1].Name {
				t.Errorf("the look-alike %q reads as %q", tokens[1].Name, tokens[0].Name)
			}
			for _, tok := range tokens {
				if err := hostile.Token(tok); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// Dates that are no dates are named invalid: never "never", never out of
// range, and never the loss of the list.
func TestHostileServersSendOddDates(t *testing.T) {
	for _, s := range systems {
		for _, date := range s.oddDates {
			t.Run(s.kind+"/"+date, func(t *testing.T) {
				t.Parallel()
				p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
					if !s.listing(r) {
						notList(w)
						return
					}
					answer(w, http.StatusOK, s.open+s.token(`"odd"`, date)+s.closing)
				})
				tokens, err := p.List(context.Background())
				if err != nil || len(tokens) != 1 {
					t.Fatalf("%d tokens, %v", len(tokens), err)
				}
				tok := tokens[0]
				if !tok.ExpiryInvalid() || tok.NeverExpires() || tok.Expires() {
					t.Errorf("expiry %s reads as %v (invalid %v)", date, tok.ExpiresAt, tok.InvalidDates.Names())
				}
				if err := hostile.Token(tok); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

// bounded runs f and fails the test if it takes longer than d or allocates
// more than maxAlloc bytes in all (so the tests using it do not run in
// parallel: the count is the process's).
func bounded(t *testing.T, d time.Duration, maxAlloc uint64, f func()) time.Duration {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if took > d {
		t.Errorf("took %s, more than %s", took, d)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > maxAlloc {
		t.Errorf("allocated %d MiB, more than %d", alloc>>20, maxAlloc>>20)
	}
	return took
}

// A gzip bomb of 1 GiB is refused as too large, not reported as a timeout,
// in bounded time and memory; 32 MiB of compressed whitespace around a
// token costs time in proportion; a megabyte of error message is cut.
func TestHostileServersAreBounded(t *testing.T) {
	for _, s := range systems {
		t.Run(s.kind+"/gzip bomb", func(t *testing.T) {
			bomb := hostile.Bomb(s.open, 1024)
			p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
				if !s.listing(r) {
					notList(w)
					return
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(bomb)
			})
			var err error
			took := bounded(t, 20*time.Second, 256<<20, func() { _, err = p.List(context.Background()) })
			var se *client.ServerError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), "larger than") {
				t.Fatalf("List = %v, want a ServerError saying it is too large", err)
			}
			t.Logf("1 GiB gzip bomb (%d KB on the wire) refused in %s", len(bomb)>>10, took.Round(time.Millisecond))
		})
		t.Run(s.kind+"/compressed whitespace", func(t *testing.T) {
			ws := strings.Repeat(" \n\t\r", 4<<20) // 16 MiB, twice
			date := `"2025-01-02T03:04:05Z"`
			if s.kind == "goodaccess" {
				date = `"2025-01-02 03:04:05"`
			}
			body := hostile.Gzip([]byte(s.open + ws + s.token(`"ws"`, date) + ws + s.closing))
			p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
				if !s.listing(r) {
					notList(w)
					return
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(body)
			})
			var tokens []client.Token
			var err error
			bounded(t, 20*time.Second, 256<<20, func() { tokens, err = p.List(context.Background()) })
			if err != nil || len(tokens) != 1 {
				t.Fatalf("List = %d tokens, %v", len(tokens), err)
			}
		})
		t.Run(s.kind+"/huge error message", func(t *testing.T) {
			msg := strings.Repeat("no. ", 1<<18) + s.admin
			p := s.provider(t, func(w http.ResponseWriter, r *http.Request) {
				answer(w, http.StatusBadRequest, `{"message":`+jsonString(msg)+`}`)
			})
			out := every(t, p, s)
			for _, text := range out {
				if len(text) > 4096 {
					t.Errorf("an error of %d bytes reaches the screen", len(text))
				}
			}
			out.check(t, "huge message", s.adminPart)
		})
	}
}
