package tokenfmt

import (
	"strings"

	"github.com/tokentui/tokentui/client"
)

// Catalog is the provider's catalog, loaded once at start, with the
// lookups the table needs on every frame made O(1). A nil *Catalog (not
// loaded yet) answers every question cautiously.
type Catalog struct {
	catalog client.Catalog
	groups  []client.ScopeGroup
	lower   []string       // lower-cased group names, for summaries
	groupOf map[string]int // scope -> index into groups
}

// NewCatalog indexes c for the lookups.
func NewCatalog(c client.Catalog) *Catalog {
	ci := &Catalog{catalog: c, groups: c.ScopeGroups, groupOf: map[string]int{}}
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
func (ci *Catalog) lowerName(i int) string {
	if i >= 0 && i < len(ci.lower) {
		return ci.lower[i]
	}
	return strings.ToLower(otherGroup)
}

// Source is the catalog as the provider described it.
func (ci *Catalog) Source() client.Catalog { return ci.catalog }

// HasScopes reports whether the provider has a scope checklist.
func (ci *Catalog) HasScopes() bool { return ci != nil && len(ci.groups) > 0 }

// CanRestrictIPs reports whether the provider can restrict a token to
// addresses. Before the catalog has arrived: no, unless a token has some.
func (ci *Catalog) CanRestrictIPs() bool { return ci != nil && ci.catalog.AllowedIPs }

// HasOwners reports whether the provider's tokens can belong to an owner
// (a Border0 service account).
func (ci *Catalog) HasOwners() bool { return ci != nil && len(ci.catalog.Owners) > 0 }

// OwnerLabel names the owner column and detail line: the catalog's word,
// or "Owner".
func (ci *Catalog) OwnerLabel() string {
	if ci != nil && ci.catalog.OwnerLabel != "" {
		return client.Sanitize(ci.catalog.OwnerLabel)
	}
	return "Owner"
}

// RoleLabel names the role column: the catalog's word for it ("Role",
// "Type"), or "Role" before the catalog has arrived.
func (ci *Catalog) RoleLabel() string {
	if ci != nil && ci.catalog.RoleLabel != "" {
		return client.Sanitize(ci.catalog.RoleLabel)
	}
	return "Role"
}
