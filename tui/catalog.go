package tui

import (
	"strings"

	"github.com/tokentui/tokentui/client"
)

// catalogInfo is the provider's catalog, loaded once at start, with the
// lookups the table needs on every frame made O(1).
type catalogInfo struct {
	catalog client.Catalog
	groups  []client.ScopeGroup
	lower   []string       // lower-cased group names, for summaries
	groupOf map[string]int // scope -> index into groups
}

func newCatalogInfo(c client.Catalog) *catalogInfo {
	ci := &catalogInfo{catalog: c, groups: c.ScopeGroups, groupOf: map[string]int{}}
	for i, g := range c.ScopeGroups {
		ci.lower = append(ci.lower, strings.ToLower(client.Sanitize(g.Name)))
		for _, s := range g.Scopes {
			if _, dup := ci.groupOf[s.Name]; !dup {
				ci.groupOf[s.Name] = i
			}
		}
	}
	return ci
}

// lowerName is the lower-cased name of group i; i == len(groups) is Other.
func (ci *catalogInfo) lowerName(i int) string {
	if i >= 0 && i < len(ci.lower) {
		return ci.lower[i]
	}
	return strings.ToLower(otherGroup)
}

// hasScopes reports whether the provider has a scope checklist.
func (ci *catalogInfo) hasScopes() bool { return ci != nil && len(ci.groups) > 0 }

// canRestrictIPs reports whether the provider can restrict a token to
// addresses. Before the catalog has arrived: no, unless a token has some.
func (ci *catalogInfo) canRestrictIPs() bool { return ci != nil && ci.catalog.AllowedIPs }

// roleLabel names the role column: the catalog's word for it ("Role",
// "Type"), or "Role" before the catalog has arrived.
func (ci *catalogInfo) roleLabel() string {
	if ci != nil && ci.catalog.RoleLabel != "" {
		return client.Sanitize(ci.catalog.RoleLabel)
	}
	return "Role"
}

// hasOwners reports whether the provider's tokens can belong to an owner.
func (ci *catalogInfo) hasOwners() bool { return ci != nil && len(ci.catalog.Owners) > 0 }

// ownerLabel names the owner column: the catalog's word, or "Owner".
func (ci *catalogInfo) ownerLabel() string {
	if ci != nil && ci.catalog.OwnerLabel != "" {
		return client.Sanitize(ci.catalog.OwnerLabel)
	}
	return "Owner"
}
