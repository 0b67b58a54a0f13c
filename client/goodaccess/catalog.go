package goodaccess

import (
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// NameMaxLen is the longest token name the API accepts, in characters.
const NameMaxLen = 255

// scopeGroups is every GoodAccess scope, grouped and described as the public
// API reference lists them. The spellings are the API's, irregular ones
// included (access-card.read-all, gateway.read-all): they are what the
// server expects, so they must not be "fixed".
var scopeGroups = []client.ScopeGroup{
	{Name: "Members", Scopes: []client.Scope{
		{Name: "members.create", Description: "Create (invite) a new team member"},
		{Name: "members.read", Description: "Read a specific team member detail"},
		{Name: "members.read-all", Description: "List all team members"},
		{Name: "members.update", Description: "Update a team member"},
		{Name: "members.delete", Description: "Delete a team member"},
		{Name: "members.disconnect", Description: "Disconnect a team member’s active VPN session"},
	}},
	{Name: "Groups", Scopes: []client.Scope{
		{Name: "groups.create", Description: "Create a new member group"},
		{Name: "groups.read", Description: "Read a specific member group detail"},
		{Name: "groups.read-all", Description: "List all member groups"},
		{Name: "groups.update", Description: "Update a member group"},
		{Name: "groups.delete", Description: "Delete a member group"},
	}},
	{Name: "Systems", Scopes: []client.Scope{
		{Name: "systems.create", Description: "Create a new system"},
		{Name: "systems.read", Description: "Read a specific system detail"},
		{Name: "systems.read-all", Description: "List all systems"},
		{Name: "systems.update", Description: "Update a system"},
		{Name: "systems.delete", Description: "Delete a system"},
	}},
	{Name: "System Groups", Scopes: []client.Scope{
		{Name: "system-groups.create", Description: "Create a new system group"},
		{Name: "system-groups.read", Description: "Read a specific system group detail"},
		{Name: "system-groups.read-all", Description: "List all system groups"},
		{Name: "system-groups.update", Description: "Update a system group"},
		{Name: "system-groups.delete", Description: "Delete a system group"},
	}},
	{Name: "Access Cards", Scopes: []client.Scope{
		{Name: "access-cards.create", Description: "Create a new access card"},
		{Name: "access-cards.read", Description: "Read a specific access card detail"},
		{Name: "access-card.read-all", Description: "List all access cards"},
		{Name: "access-cards.update", Description: "Update an access card"},
		{Name: "access-cards.delete", Description: "Delete an access card"},
	}},
	{Name: "Relations", Scopes: []client.Scope{
		{Name: "member-group-relation.add", Description: "Add a member to a group"},
		{Name: "member-group-relation.delete", Description: "Remove a member from a group"},
		{Name: "member-ac-relation.add", Description: "Add a member to an access card"},
		{Name: "member-ac-relation.delete", Description: "Remove a member from an access card"},
		{Name: "group-access-card-relation.add", Description: "Assign an access card to a member group"},
		{Name: "group-access-card-relation.delete", Description: "Remove an access card from a member group"},
		{Name: "system-system-group-relation.add", Description: "Add a system to a system group"},
		{Name: "system-system-group-relation.delete", Description: "Remove a system from a system group"},
		{Name: "system-ac-relation.add", Description: "Add a system to an access card"},
		{Name: "system-ac-relation.delete", Description: "Remove a system from an access card"},
		{Name: "system-group-access-card-relation.add", Description: "Assign an access card to a system group"},
		{Name: "system-group-access-card-relation.delete", Description: "Remove an access card from a system group"},
	}},
	{Name: "Gateways", Scopes: []client.Scope{
		{Name: "gateways.read", Description: "Read a specific gateway detail"},
		{Name: "gateway.read-all", Description: "List all gateways"},
	}},
	{Name: "Devices", Scopes: []client.Scope{
		{Name: "devices.read", Description: "Read a specific device detail"},
		{Name: "devices.read-all", Description: "List all devices"},
		{Name: "devices.delete", Description: "Delete a device"},
	}},
	{Name: "Tokens", Scopes: []client.Scope{
		{Name: "token.create", Description: "Create a new API token"},
		{Name: "token.read", Description: "Read a specific API token detail"},
		{Name: "token.read-all", Description: "List all API tokens"},
		{Name: "token.delete", Description: "Delete an API token"},
	}},
	{Name: "Logs", Scopes: []client.Scope{
		{Name: "gateway-log.read", Description: "Read gateway-level logs"},
		{Name: "system-logs.read", Description: "Read system-level logs"},
		{Name: "threat-blocker-logs.read", Description: "Read threat blocker logs"},
		{Name: "device-posture-check-logs.read", Description: "Read device posture check logs"},
		{Name: "admin-logs.read", Description: "Read admin activity / audit logs"},
	}},
}

// knownScopes is the set of catalog scope names, for validation.
var knownScopes = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range scopeGroups {
		for _, s := range g.Scopes {
			m[s.Name] = true
		}
	}
	return m
}()

// scopesIn returns the scopes of the named groups (all groups when none are
// named) for which keep is true, in catalog order.
func scopesIn(keep func(scope string) bool, groups ...string) []string {
	var out []string
	for _, g := range scopeGroups {
		if len(groups) > 0 && !slices.Contains(groups, g.Name) {
			continue
		}
		for _, s := range g.Scopes {
			if keep(s.Name) {
				out = append(out, s.Name)
			}
		}
	}
	return out
}

// everyScope keeps every scope of the groups scopesIn looks at.
func everyScope(string) bool { return true }

// presets are least-privilege starting points, as the API reference advises
// ("a logging integration should only have *-logs.read scopes").
func presets() []client.Preset {
	return []client.Preset{
		{Name: "read-only", Description: "Read and list everything, change nothing",
			Scopes: scopesIn(func(s string) bool { return strings.HasSuffix(s, ".read") || strings.HasSuffix(s, ".read-all") })},
		{Name: "logs only", Description: "Read the five log streams (SIEM and log export)",
			Scopes: scopesIn(everyScope, "Logs")},
		{Name: "token admin", Description: "Create, read, list and delete API tokens",
			Scopes: scopesIn(everyScope, "Tokens")},
		{Name: "everything", Description: "Every scope; only for a trusted administration tool",
			Scopes: scopesIn(everyScope)},
	}
}

// catalog builds a fresh Catalog each time, so a caller that modifies what
// it got cannot change what the next caller sees.
func catalog() client.Catalog {
	groups := make([]client.ScopeGroup, len(scopeGroups))
	for i, g := range scopeGroups {
		groups[i] = client.ScopeGroup{Name: g.Name, Scopes: append([]client.Scope(nil), g.Scopes...)}
	}
	return client.Catalog{
		ScopeGroups:  groups,
		Presets:      presets(),
		AllowedIPs:   true,
		NameMaxLen:   NameMaxLen,
		NameRequired: true,
		NeverExpires: true,
	}
}
