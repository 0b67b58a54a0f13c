package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// border0OrgID is the emulated organisation. Fixed, so the seed (and golden
// files built on it) are the same on every run.
const border0OrgID = "5f1c2d7e-8a40-4b6e-9c3a-0d2f6b8e41a7"

// border0SeedAdmin is the name of the token whose secret is AdminToken.
const border0SeedAdmin = "tokentui demo admin"

// border0Day keeps the seed table readable.
const border0Day = 24 * time.Hour

// border0Seed describes a seeded token relative to the emulator's clock.
type border0Seed struct {
	name       string
	role       string
	createdBy  string
	createdAgo time.Duration
	// expiresIn is relative to now: 0 = never expires, negative = expired.
	expiresIn time.Duration
}

// border0Seeds is a realistic organisation: connectors installed by the CLI
// (valid one year from installation), CI and automation tokens, one expired,
// one about to expire, a few that never expire.
var border0Seeds = []border0Seed{
	{"terraform-prod", "admin", "platform@acme.example", 210 * border0Day, 0},
	{"github-actions-deploy", "member", "dana@acme.example", 95 * border0Day, 270 * border0Day},
	{"connector-aws-eu-west-1", "connector", "ops@acme.example", 200 * border0Day, 165 * border0Day},
	{"connector-gcp-us-central1", "connector", "ops@acme.example", 340 * border0Day, 25 * border0Day},
	{"connector-homelab", "connector", "eli@acme.example", 362 * border0Day, 3 * border0Day},
	{"connector-office-nyc", "connector", "ops@acme.example", 30 * border0Day, 335 * border0Day},
	{"connector-staging-k8s", "connector", "ops@acme.example", 400 * border0Day, -35 * border0Day},
	{"jenkins-legacy", "member", "dana@acme.example", 520 * border0Day, -60 * border0Day},
	{"grafana-socket-sync", "member", "platform@acme.example", 150 * border0Day, 0},
	{"ansible-inventory", "member", "eli@acme.example", 45 * border0Day, 60 * border0Day},
	{"breakglass-oncall", "admin", "security@acme.example", 20 * border0Day, 14 * border0Day},
}

// border0AdminSeed is the demo's own admin token; it never expires.
var border0AdminSeed = border0Seed{border0SeedAdmin, "admin", "admin@acme.example", 400 * border0Day, 0}

// border0AccountSeeds are service accounts, one per role the portal
// offers, with the tokens their integrations use.
var border0AccountSeeds = []struct {
	name, role, description string
	age                     time.Duration
	tokens                  []border0Seed
}{
	{"ci-deployer", "admin", "GitHub Actions: deploys sockets and policies", 120 * border0Day, []border0Seed{
		{"gha-production", "", "dana@acme.example", 100 * border0Day, 80 * border0Day},
		{"gha-staging", "", "dana@acme.example", 30 * border0Day, 0},
	}},
	{"metrics-exporter", border0ReadOnly, "Prometheus exporter of session metrics", 60 * border0Day, []border0Seed{
		{"prometheus-eu", "", "platform@acme.example", 55 * border0Day, 5 * border0Day},
	}},
	{"kiosk-clients", "client", "Shared kiosks that connect to the intranet socket", 200 * border0Day, []border0Seed{
		{"kiosk-lobby", "", "eli@acme.example", 190 * border0Day, -10 * border0Day},
	}},
}

// border0ConnectorSeeds are connectors and their tokens (a year, as the
// CLI's installer makes them).
var border0ConnectorSeeds = []struct {
	name, description string
	tokens            []border0Seed
}{
	{"edge-eu-west", "AWS eu-west-1 VPC", []border0Seed{{"edge-eu-west-1", "", "ops@acme.example", 40 * border0Day, 325 * border0Day}}},
}

// seed adds the seeded tokens (or only the admin token) and Extra generated
// ones. Called before the server is shared, so it needs no lock.
func (b *Border0) seed(now time.Time, noSeed bool, extra int) {
	b.AdminToken = b.addSeed(now, border0AdminSeed)
	if !noSeed {
		for _, s := range border0Seeds {
			b.addSeed(now, s)
		}
		b.seedOwners(now)
	}
	b.addExtra(now, extra)
}

// seedOwners adds the service accounts, the connectors and their tokens.
func (b *Border0) seedOwners(now time.Time) {
	for _, as := range border0AccountSeeds {
		a := &border0Account{id: seedUUID("border0 account " + as.name), name: as.name, role: as.role,
			description: as.description, active: true, createdAt: now.Add(-as.age)}
		b.accounts = append(b.accounts, a)
		for _, s := range as.tokens {
			b.addOwnedSeed(now, s, a, nil)
		}
	}
	for _, cs := range border0ConnectorSeeds {
		c := &border0Connector{id: seedUUID("border0 connector " + cs.name), name: cs.name, description: cs.description, createdAt: now.Add(-400 * border0Day)}
		b.connectors = append(b.connectors, c)
		for _, s := range cs.tokens {
			b.addOwnedSeed(now, s, nil, c)
		}
	}
}

func (b *Border0) addOwnedSeed(now time.Time, s border0Seed, a *border0Account, c *border0Connector) {
	t := &border0Token{
		id: seedUUID("border0 owned token " + s.name), userID: seedUUID("border0 user " + s.name),
		name: s.name, createdBy: s.createdBy, createdAt: now.Add(-s.createdAgo), account: a, connector: c,
	}
	if s.expiresIn != 0 {
		t.expiresAt = now.Add(s.expiresIn)
	}
	b.issue(t)
	b.store(t)
}

// addSeed stores s with a secret (unused except for the admin's, but every
// real token has one) and returns the secret.
func (b *Border0) addSeed(now time.Time, s border0Seed) string {
	t := &border0Token{
		id:        seedUUID("border0 token " + s.name),
		userID:    seedUUID("border0 user " + s.name),
		name:      s.name,
		role:      s.role,
		createdBy: s.createdBy,
		createdAt: now.Add(-s.createdAgo),
	}
	if s.expiresIn != 0 {
		t.expiresAt = now.Add(s.expiresIn)
	}
	secret := b.issue(t)
	b.store(t)
	return secret
}

// Generated tokens follow the naming of real fleets. Nobody holds their
// secrets (as in an organisation where other admins made them), so none is
// signed: 100 000 of them cost a few allocations each.
var border0ExtraKinds = []struct{ prefix, role, createdBy string }{
	{"connector-aws", "connector", "ops@acme.example"},
	{"connector-gcp", "connector", "ops@acme.example"},
	{"ci-github", "member", "dana@acme.example"},
	{"ci-gitlab", "member", "dana@acme.example"},
	{"k8s-operator", "member", "platform@acme.example"},
	{"terraform-workspace", "admin", "platform@acme.example"},
}

func (b *Border0) addExtra(now time.Time, n int) {
	for i := range n {
		k := border0ExtraKinds[i%len(border0ExtraKinds)]
		t := &border0Token{
			id:        seedUUID(fmt.Sprintf("border0 extra %d", i)),
			name:      fmt.Sprintf("%s-%05d", k.prefix, i),
			role:      k.role,
			createdBy: k.createdBy,
			createdAt: now.Add(-time.Duration(i%2000+1) * time.Hour),
		}
		switch i % 3 {
		case 0: // never expires
		case 1: // connector-style: one year
			t.expiresAt = t.createdAt.Add(365 * border0Day)
		default:
			t.expiresAt = t.createdAt.Add(90 * border0Day)
		}
		b.store(t)
	}
}

// seedUUID derives a stable version-4-shaped UUID from a label, so seeded
// ids do not change between runs.
func seedUUID(label string) string {
	sum := sha256.Sum256([]byte(label))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
