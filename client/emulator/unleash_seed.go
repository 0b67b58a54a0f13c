package emulator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"time"
)

// unleashSeedToken is one seeded token, times relative to the start.
type unleashSeedToken struct {
	name        string
	typ         string // as asked for; backend is stored as client
	projects    []string
	environment string
	age         time.Duration // created this long before start
	expiresIn   time.Duration // 0: never; negative: already expired
	seenAgo     time.Duration // 0: never used
}

const unleashDay = 24 * time.Hour

// unleashSeeds is a small company's instance: SDK tokens per service and
// environment, browser and mobile apps, an Edge instance, a token that
// expired, one about to, and two tokens sharing a name (names are not
// unique in Unleash).
var unleashSeeds = []unleashSeedToken{
	{"checkout-service", "backend", []string{"checkout"}, "production", 210 * unleashDay, 0, 2 * time.Minute},
	{"checkout-service", "backend", []string{"checkout"}, "development", 210 * unleashDay, 0, 3 * time.Hour},
	{"web-storefront", "frontend", []string{"checkout", "default"}, "production", 120 * unleashDay, 90 * unleashDay, 40 * time.Second},
	{"mobile-app-ios", "frontend", []string{"mobile"}, "production", 75 * unleashDay, 12 * unleashDay, 5 * time.Minute},
	{"mobile-app-android", "frontend", []string{"mobile"}, "production", 75 * unleashDay, 45 * unleashDay, 7 * time.Minute},
	{"unleash-edge", "client", []string{"*"}, "production", 300 * unleashDay, 0, 30 * time.Second},
	{"data-pipeline", "client", []string{"analytics"}, "production", 400 * unleashDay, -3 * unleashDay, 4 * unleashDay},
	{"legacy-monolith", "client", []string{"default"}, "development", 700 * unleashDay, 0, 0},
	{"ci-integration-tests", "backend", []string{"default", "checkout"}, "development", 20 * unleashDay, 30 * unleashDay, 26 * time.Hour},
	{"search-api", "backend", []string{"search"}, "production", 40 * unleashDay, 365 * unleashDay, 90 * time.Second},
	{"feature-flag-audit", "client", []string{"*"}, "development", 9 * unleashDay, 0, 0},
	{"qa-dashboard", "frontend", []string{"default"}, "qa", 60 * unleashDay, 0, 0},
}

// unleashSecureSeeds are the v2 tokens of an instance that switched secure
// token storage on (UnleashOptions.SecureTokens) a few days ago: the list
// mixes them with the older v1 tokens above.
var unleashSecureSeeds = []unleashSeedToken{
	{"checkout-payments", "backend", []string{"checkout"}, "production", 4 * unleashDay, 0, time.Minute},
	{"storefront-preview", "frontend", []string{"default"}, "development", 3 * unleashDay, 30 * unleashDay, 0},
	{"edge-eu-west", "client", []string{"*"}, "production", 2 * unleashDay, 180 * unleashDay, 20 * time.Second},
}

// seed fills a new instance. Secrets derive from the start time, so the same
// Clock gives the same instance, and differ between instances otherwise.
func (u *Unleash) seed(opts UnleashOptions) {
	now := u.started
	u.projects = []unleashProject{
		{"default", "Default", "Default project", now.Add(-720 * unleashDay)},
		{"checkout", "Checkout", "Cart, payment and order confirmation", now.Add(-400 * unleashDay)},
		{"mobile", "Mobile apps", "iOS and Android apps", now.Add(-380 * unleashDay)},
		{"analytics", "Analytics", "Data pipeline and reporting", now.Add(-365 * unleashDay)},
		{"search", "Search", "Product search and recommendations", now.Add(-90 * unleashDay)},
	}
	u.environments = []unleashEnvironment{
		{"development", "development", 2, true},
		{"production", "production", 3, true},
		{"qa", "test", 4, false}, // disabled: exists, but the catalog leaves it out
	}

	hash := unleashSeedHasher(now)
	// The admin token comes first: the start-up configuration makes it.
	u.addLocked(&unleashToken{
		secret: "*:*." + hash(0), name: "admin", typ: "admin",
		projects: []string{"*"}, environment: "*",
		createdAt: now.Add(-720 * unleashDay), seenAt: now.Add(-time.Minute),
	})
	if !opts.NoSeed {
		for i, s := range unleashSeeds {
			t := s.token(now)
			t.typ = unleashStoredType(s.typ)
			t.secret = unleashSecret(s.projects, s.environment, hash(i+1))
			u.addLocked(t)
		}
	}
	if !opts.NoSeed && opts.SecureTokens {
		for i, s := range unleashSecureSeeds {
			t := s.token(now)
			// A seeded secret is derived, not random, so the same Clock
			// gives the same instance; nobody is ever shown it.
			sel, sec := unleashSeedBytes(now, 500+i), unleashSeedBytes(now, 600+i)
			t.makeSecure(base64.RawURLEncoding.EncodeToString(sel[:16]), base64.RawURLEncoding.EncodeToString(sec[:]))
			u.addLocked(t)
		}
	}
	u.addExtra(opts.Extra, now, hash)
}

// token is the stored form of a seed, without its secret.
func (s unleashSeedToken) token(now time.Time) *unleashToken {
	t := &unleashToken{
		name:        s.name,
		typ:         s.typ,
		projects:    s.projects,
		environment: s.environment,
		createdAt:   now.Add(-s.age),
	}
	if s.expiresIn != 0 {
		t.expiresAt = now.Add(s.expiresIn)
	}
	if s.seenAgo != 0 {
		t.seenAt = now.Add(-s.seenAgo)
	}
	return t
}

// addExtra generates n plain tokens spread over the past two years.
func (u *Unleash) addExtra(n int, now time.Time, hash func(int) string) {
	if n <= 0 {
		return
	}
	types := []string{"client", "client", "frontend"}
	envs := []string{"production", "development"}
	projects := [][]string{{"default"}, {"checkout"}, {"mobile"}, {"*"}, {"analytics", "search"}}
	u.tokens = append(make([]*unleashToken, 0, len(u.tokens)+n), u.tokens...)
	for i := 0; i < n; i++ {
		ps := projects[i%len(projects)]
		env := envs[i%len(envs)]
		t := &unleashToken{
			secret:      unleashSecret(ps, env, hash(1000+i)),
			name:        "service-" + strconv.Itoa(i),
			typ:         types[i%len(types)],
			projects:    ps,
			environment: env,
			createdAt:   now.Add(-time.Duration(i%730) * unleashDay),
		}
		if i%4 == 0 {
			t.expiresAt = now.Add(time.Duration(i%400-30) * unleashDay)
		}
		u.addLocked(t)
	}
}

// unleashSeedHasher returns deterministic 56-hex-digit hashes for a start
// time.
func unleashSeedHasher(start time.Time) func(int) string {
	return func(i int) string {
		sum := unleashSeedBytes(start, i)
		return hex.EncodeToString(sum[:unleashHashHex/2])
	}
}

// unleashSeedBytes are 32 bytes derived from a start time and an index.
func unleashSeedBytes(start time.Time, i int) [32]byte {
	const label = "unleash-seed"
	var in [len(label) + 16]byte
	copy(in[:], label)
	binary.BigEndian.PutUint64(in[len(label):], uint64(start.UnixNano()))
	binary.BigEndian.PutUint64(in[len(label)+8:], uint64(i))
	return sha256.Sum256(in[:])
}
