package emulator

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// gaSeedToken is one seeded token; its dates are offsets from the clock at
// start, so a pinned clock gives the same list every time (golden files).
type gaSeedToken struct {
	id, name   string
	scopes     []string
	allowedIPs []string
	created    time.Duration // before now
	expires    time.Duration // from now; 0 never; negative: already expired
	lastUsed   time.Duration // before now; 0 never used
}

const gaDay = 24 * time.Hour

// goodAccessAdminID is the id of the seeded demo admin token.
const goodAccessAdminID = "0b6f3c1e-5d2a-4e8b-9a71-2c4d6e8f0a11"

func gaSeed() []gaSeedToken {
	all := goodAccessScopes
	logs := gaScopesWhere(func(s string) bool { return strings.HasSuffix(s, "-log.read") || strings.HasSuffix(s, "-logs.read") })
	readOnly := gaScopesWhere(func(s string) bool { return strings.HasSuffix(s, ".read") || strings.HasSuffix(s, ".read-all") })
	listAll := gaScopesWhere(func(s string) bool { return strings.HasSuffix(s, ".read-all") })
	// terraform manages the directory and access model, not devices, tokens or logs.
	terraform := gaScopesWhere(func(s string) bool {
		return !strings.HasPrefix(s, "gateway") && !strings.HasPrefix(s, "devices.") &&
			!strings.HasPrefix(s, "token.") && !strings.HasSuffix(s, "logs.read") && !strings.HasSuffix(s, "log.read")
	})
	return []gaSeedToken{
		{id: goodAccessAdminID, name: "tokentui demo admin", scopes: all,
			created: 412 * gaDay, lastUsed: 2 * time.Hour},
		{id: "3f2a9c4e-8b1d-4c6a-b5e7-1d9f0a2b3c4d", name: "splunk-siem-log-export", scopes: logs,
			allowedIPs: []string{"203.0.113.10", "198.51.100.0/24"},
			created:    214 * gaDay, expires: 151 * gaDay, lastUsed: 12 * time.Minute},
		{id: "7c1e5a9b-2d4f-4e8a-9b6c-3a5d7e9f1b2c", name: "terraform-prod", scopes: terraform,
			allowedIPs: []string{"10.20.0.0/16"},
			created:    121 * gaDay, expires: 244 * gaDay, lastUsed: 3*time.Hour + 17*time.Minute},
		{id: "a4d8e2f6-1b3c-4d5e-8f9a-0b1c2d3e4f5a", name: "github-actions deploy", scopes: []string{
			"systems.create", "systems.read", "systems.read-all", "systems.update",
			"system-groups.read-all", "system-system-group-relation.add", "system-ac-relation.add"},
			created: 63 * gaDay, expires: 29 * gaDay, lastUsed: 26 * time.Hour},
		{id: "5e9b1d3f-7a2c-4b6e-a8d0-4f6b8c0e2a3d", name: "gitlab-ci-provisioning", scopes: []string{
			"members.create", "members.read-all", "groups.read-all", "member-group-relation.add"},
			allowedIPs: []string{"2001:db8:4f00::/48", "203.0.113.0/28"},
			created:    87 * gaDay, expires: 3 * gaDay, lastUsed: 41 * time.Minute},
		{id: "c2f4a6b8-9d1e-4f3a-8c5b-6d7e8f9a0b1c", name: "jenkins-nightly-audit", scopes: []string{
			"admin-logs.read", "members.read-all", "devices.read-all"},
			created: 190 * gaDay, expires: -9 * gaDay, lastUsed: 10*gaDay + 5*time.Hour},
		{id: "e8a0c2d4-6f8b-4a1c-9e3d-5f7a9b1c3d5e", name: "okta-scim-sync", scopes: []string{
			"members.create", "members.read", "members.read-all", "members.update", "members.delete",
			"groups.create", "groups.read", "groups.read-all", "groups.update", "groups.delete",
			"member-group-relation.add", "member-group-relation.delete"},
			allowedIPs: []string{"198.51.100.23", "2001:db8:a0b:12f0::1"},
			created:    300 * gaDay, expires: 65 * gaDay, lastUsed: 5 * time.Minute},
		{id: "1a3c5e7f-9b2d-4f6a-8c0e-2b4d6f8a0c1e", name: "hr-onboarding-bot", scopes: []string{
			"members.create", "members.read", "member-group-relation.add", "member-ac-relation.add"},
			created: 530 * gaDay, lastUsed: 4 * gaDay},
		{id: "9d7b5f3a-1c8e-4a2b-b6d4-0e2f4a6c8e0b", name: "grafana-gateway-metrics", scopes: []string{
			"gateways.read", "gateway.read-all", "gateway-log.read", "system-logs.read"},
			allowedIPs: []string{"192.0.2.44", "2001:db8:10::44"},
			created:    150 * gaDay, expires: 215 * gaDay, lastUsed: 90 * time.Second},
		{id: "4b6d8f0a-2c4e-4a6b-8d0f-1a3b5c7d9e1f", name: "datadog-threat-feed", scopes: []string{
			"threat-blocker-logs.read", "device-posture-check-logs.read"},
			allowedIPs: []string{"198.51.100.0/24"},
			created:    33 * gaDay, expires: 332 * gaDay, lastUsed: 8 * time.Minute},
		{id: "6f8a0b2c-4d6e-4f8a-9b1c-3d5e7f9a1b3c", name: "intune-device-cleanup", scopes: []string{
			"devices.read", "devices.read-all", "devices.delete"},
			created: 75 * gaDay, expires: 105 * gaDay, lastUsed: 6 * gaDay},
		{id: "8b0c2d4e-6f8a-4b0c-a2d4-5e7f9a1b3c5d", name: "backup-config-export", scopes: listAll,
			created: 2 * gaDay, expires: 88 * gaDay},
		{id: "2c4e6a8b-0d1f-4e3a-b5c7-9d1e3f5a7b9c", name: "servicenow-access-requests", scopes: []string{
			"access-cards.read", "access-card.read-all", "member-ac-relation.add", "member-ac-relation.delete"},
			allowedIPs: []string{"203.0.113.64/26"},
			created:    48 * gaDay, expires: 182 * gaDay, lastUsed: 2*time.Hour + 30*time.Minute},
		{id: "d0e2f4a6-8b0c-4d2e-8f4a-6b8c0d2e4f6a", name: "token-rotation-bot", scopes: []string{
			"token.create", "token.read", "token.read-all", "token.delete"},
			allowedIPs: []string{"10.40.12.7"},
			created:    20 * gaDay, expires: 70 * gaDay, lastUsed: 19 * gaDay},
		{id: "f1a3b5c7-d9e1-4f3a-a5b7-c9d1e3f5a7b9", name: "staging-smoke-tests", scopes: readOnly,
			created: 10 * gaDay, expires: 20 * gaDay, lastUsed: 35 * time.Minute},
		{id: "b3c5d7e9-f1a3-4b5c-9d7e-f9a1b3c5d7e9", name: "legacy-vpn-reporter", scopes: []string{
			"system-logs.read", "admin-logs.read"},
			created: 700 * gaDay, expires: -95 * gaDay, lastUsed: 120 * gaDay},
	}
}

// seed stores the seeded tokens (only the admin one with noSeed) and returns
// the admin token's secret.
func (g *GoodAccess) seed(now time.Time, noSeed bool) (adminSecret string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, s := range gaSeed() {
		if noSeed && s.id != goodAccessAdminID {
			continue
		}
		t := &gaToken{
			id:         s.id,
			name:       s.name,
			scopes:     s.scopes,
			allowedIPs: s.allowedIPs,
			createdAt:  now.Add(-s.created),
		}
		if s.expires != 0 {
			t.expiresAt = now.Add(s.expires)
		}
		if s.lastUsed != 0 {
			t.lastUsedAt = now.Add(-s.lastUsed)
		}
		secret := gaNewSecret()
		t.secretHash = hashSecret(secret)
		if s.id == goodAccessAdminID {
			adminSecret = secret
		}
		g.addLocked(t)
	}
	return adminSecret
}

// Generated tokens are built from these parts; with a fixed PRNG seed the
// same n always yields the same tokens.
var (
	gaExtraSystems = []string{"ci-runner", "terraform", "ansible", "backup", "siem-export", "grafana",
		"okta-sync", "jira-bot", "monitoring", "billing-report", "k8s-operator", "helpdesk"}
	gaExtraEnvs = []string{"prod", "staging", "dev", "eu-west", "us-east", "lab"}
)

// addExtra adds n generated tokens. They have no usable secret: they exist
// to be listed, not to call the API with.
func (g *GoodAccess) addExtra(now time.Time, n int) {
	if n <= 0 {
		return
	}
	rng := rand.New(rand.NewPCG(0x600dacce55, uint64(n)))
	profiles := [][]string{
		gaScopesWhere(func(s string) bool { return strings.HasSuffix(s, "logs.read") || strings.HasSuffix(s, "log.read") }),
		gaScopesWhere(func(s string) bool { return strings.HasSuffix(s, ".read-all") }),
		gaScopesWhere(func(s string) bool { return strings.HasPrefix(s, "members.") || strings.HasPrefix(s, "groups.") }),
		gaScopesWhere(func(s string) bool { return strings.HasPrefix(s, "systems.") || strings.HasPrefix(s, "system-") }),
		{"devices.read", "devices.read-all", "devices.delete"},
		{"token.read", "token.read-all"},
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.tokens = append(make([]*gaToken, 0, len(g.tokens)+n), g.tokens...)
	var idBytes [16]byte
	for i := 0; i < n; i++ {
		binary.BigEndian.PutUint64(idBytes[:8], rng.Uint64())
		binary.BigEndian.PutUint64(idBytes[8:], rng.Uint64())
		idBytes[6] = idBytes[6]&0x0f | 0x40
		idBytes[8] = idBytes[8]&0x3f | 0x80
		h := hex.EncodeToString(idBytes[:])
		t := &gaToken{
			id:        h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32],
			name:      gaExtraSystems[rng.IntN(len(gaExtraSystems))] + "-" + gaExtraEnvs[rng.IntN(len(gaExtraEnvs))] + "-" + strconv.Itoa(i+1),
			scopes:    profiles[rng.IntN(len(profiles))],
			createdAt: now.Add(-time.Duration(1+rng.IntN(900*24*60)) * time.Minute).Truncate(time.Second),
		}
		switch r := rng.IntN(10); {
		case r == 0:
			t.allowedIPs = []string{"198.51.100." + strconv.Itoa(rng.IntN(256))}
		case r == 1:
			t.allowedIPs = []string{"10." + strconv.Itoa(rng.IntN(256)) + ".0.0/16", "2001:db8:" + strconv.FormatInt(int64(rng.IntN(0xffff)), 16) + "::/48"}
		}
		switch r := rng.IntN(10); {
		case r < 2: // never expires
		case r == 2: // expired some time after it was created
			t.expiresAt = t.createdAt.Add(time.Duration(rng.Int64N(int64(now.Sub(t.createdAt))))).Truncate(time.Second)
		default:
			t.expiresAt = now.Add(time.Duration(1+rng.IntN(400*24)) * time.Hour)
		}
		if usable := gaMinTime(now, t.expiresAt); rng.IntN(7) != 0 && usable.After(t.createdAt) {
			t.lastUsedAt = t.createdAt.Add(time.Duration(rng.Int64N(int64(usable.Sub(t.createdAt))))).Truncate(time.Second)
		}
		g.addLocked(t)
	}
}

// gaMinTime is the earlier of now and an expiry (zero expiry: now).
func gaMinTime(now, expiresAt time.Time) time.Time {
	if !expiresAt.IsZero() && expiresAt.Before(now) {
		return expiresAt
	}
	return now
}
