package goodaccess

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogMatchesTheAPIReference(t *testing.T) {
	c := catalog()
	all := c.AllScopes()
	if len(all) != 52 {
		t.Fatalf("%d scopes, want 52", len(all))
	}
	var groups []string
	for _, g := range c.ScopeGroups {
		groups = append(groups, g.Name)
		for _, s := range g.Scopes {
			if s.Description == "" {
				t.Errorf("%s has no description", s.Name)
			}
		}
	}
	wantGroups := []string{"Members", "Groups", "Systems", "System Groups", "Access Cards", "Relations", "Gateways", "Devices", "Tokens", "Logs"}
	if !slices.Equal(groups, wantGroups) {
		t.Fatalf("groups = %v", groups)
	}
	// The irregular spellings are what the server expects.
	for scope, group := range map[string]string{
		"access-card.read-all":                     "Access Cards",
		"gateway.read-all":                         "Gateways",
		"members.disconnect":                       "Members",
		"system-group-access-card-relation.delete": "Relations",
		"device-posture-check-logs.read":           "Logs",
		"gateway-log.read":                         "Logs",
		"token.read-all":                           "Tokens",
	} {
		if got := c.GroupOf(scope); got != group {
			t.Errorf("GroupOf(%s) = %q, want %q", scope, got, group)
		}
	}
	for _, wrong := range []string{"access-cards.read-all", "gateways.read-all", "gateway-logs.read"} {
		if c.GroupOf(wrong) != "" {
			t.Errorf("%s is not a GoodAccess scope", wrong)
		}
	}
	if d, _ := c.ScopeDescription("members.disconnect"); d != "Disconnect a team member’s active VPN session" {
		t.Errorf("description = %q", d)
	}
	seen := map[string]bool{}
	for _, s := range all {
		if seen[s] {
			t.Errorf("%s listed twice", s)
		}
		seen[s] = true
	}
	if !c.AllowedIPs || c.NameMaxLen != 255 || !c.NameRequired || !c.NeverExpires || c.RoleLabel != "" {
		t.Errorf("catalog flags = %+v", c)
	}
}

func TestPresets(t *testing.T) {
	byName := map[string][]string{}
	for _, p := range catalog().Presets {
		if p.Description == "" {
			t.Errorf("preset %s has no description", p.Name)
		}
		byName[p.Name] = p.Scopes
	}
	logs := []string{"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read"}
	if !slices.Equal(byName["logs only"], logs) {
		t.Errorf("logs only = %v", byName["logs only"])
	}
	if !slices.Equal(byName["token admin"], []string{"token.create", "token.read", "token.read-all", "token.delete"}) {
		t.Errorf("token admin = %v", byName["token admin"])
	}
	if len(byName["everything"]) != 52 {
		t.Errorf("everything has %d scopes", len(byName["everything"]))
	}
	ro := byName["read-only"]
	for _, s := range ro {
		if !strings.HasSuffix(s, ".read") && !strings.HasSuffix(s, ".read-all") {
			t.Errorf("read-only grants %s", s)
		}
	}
	for _, s := range []string{"access-card.read-all", "gateway.read-all", "admin-logs.read", "token.read"} {
		if !slices.Contains(ro, s) {
			t.Errorf("read-only lacks %s", s)
		}
	}
	if len(ro) != 21 { // 8 groups × (read, read-all) + 5 logs
		t.Errorf("read-only has %d scopes, want 21", len(ro))
	}
}
