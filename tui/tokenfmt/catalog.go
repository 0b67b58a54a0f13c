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

// ScopeWords are the words a filter finds a token's scopes by beyond
// their names, lower-cased: what the Scopes column says of them (the
// groups they fall in, "all" when they are the whole catalog, "read-only"
// when none writes) and the name of a preset they are exactly.
func ScopeWords(scopes []string, cat *Catalog) []string {
	if len(scopes) == 0 {
		return nil
	}
	var out []string
	if ReadOnly(scopes) {
		out = append(out, "read-only")
	}
	if cat == nil {
		return out
	}
	seen := map[int]bool{}
	for _, s := range scopes {
		if g, ok := cat.groupOf[s]; ok && !seen[g] {
			seen[g] = true
			out = append(out, cat.lowerName(g))
		}
	}
	if len(seen) == len(cat.groups) && len(scopes) == len(cat.groupOf) && !hasDuplicates(scopes) {
		out = append(out, "all")
	}
	for _, p := range cat.catalog.Presets {
		if sameSet(p.Scopes, scopes) {
			out = append(out, strings.ToLower(client.Sanitize(p.Name)))
		}
	}
	return out
}

// sameSet reports whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	in := make(map[string]bool, len(a))
	for _, s := range a {
		in[s] = true
	}
	for _, s := range b {
		if !in[s] {
			return false
		}
	}
	return len(in) == len(a)
}
