package emulator

// goodAccessScopes is every scope the GoodAccess Integration API knows, as
// its reference spells them (irregular forms included: access-card.read-all,
// gateway.read-all). The emulator keeps its own copy rather than importing
// the client's catalog, so a typo in either one shows up in tests as a
// refused create instead of being mirrored on both sides.
var goodAccessScopes = []string{
	"members.create", "members.read", "members.read-all", "members.update", "members.delete", "members.disconnect",
	"groups.create", "groups.read", "groups.read-all", "groups.update", "groups.delete",
	"systems.create", "systems.read", "systems.read-all", "systems.update", "systems.delete",
	"system-groups.create", "system-groups.read", "system-groups.read-all", "system-groups.update", "system-groups.delete",
	"access-cards.create", "access-cards.read", "access-card.read-all", "access-cards.update", "access-cards.delete",
	"member-group-relation.add", "member-group-relation.delete",
	"member-ac-relation.add", "member-ac-relation.delete",
	"group-access-card-relation.add", "group-access-card-relation.delete",
	"system-system-group-relation.add", "system-system-group-relation.delete",
	"system-ac-relation.add", "system-ac-relation.delete",
	"system-group-access-card-relation.add", "system-group-access-card-relation.delete",
	"gateways.read", "gateway.read-all",
	"devices.read", "devices.read-all", "devices.delete",
	"token.create", "token.read", "token.read-all", "token.delete",
	"gateway-log.read", "system-logs.read", "threat-blocker-logs.read", "device-posture-check-logs.read", "admin-logs.read",
}

var goodAccessScopeSet = func() map[string]bool {
	m := make(map[string]bool, len(goodAccessScopes))
	for _, s := range goodAccessScopes {
		m[s] = true
	}
	return m
}()

// The scope each token endpoint requires of the calling token.
const (
	gaScopeTokenList   = "token.read-all"
	gaScopeTokenRead   = "token.read"
	gaScopeTokenCreate = "token.create"
	gaScopeTokenDelete = "token.delete"
)

// gaScopesWhere returns the scopes for which keep is true, in catalog order.
func gaScopesWhere(keep func(string) bool) []string {
	var out []string
	for _, s := range goodAccessScopes {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}
