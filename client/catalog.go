package client

// Catalog describes what a provider can grant a new token. The create form
// draws itself from it: a field whose catalog entry is empty is not shown.
type Catalog struct {
	// ScopeGroups is the grouped permission checklist (GoodAccess).
	ScopeGroups []ScopeGroup
	// Presets are named least-privilege selections of scopes.
	Presets []Preset

	// RoleLabel names the single-choice field ("Role", "Type"); Roles are its
	// options (Border0 roles, Unleash types). Empty: no such field.
	RoleLabel string
	Roles     []Role

	// Projects (multi-select, "*" = all) and Environments (single) are
	// Unleash's, loaded from the server.
	Projects     []Option
	Environments []Option

	// OwnerLabel names the choice of who a new token belongs to ("Service
	// account"); Owners are its options, loaded from the server. OwnerNone,
	// when set, is the option of no owner ("none: an organisation token");
	// empty, an owner must be chosen whenever Owners is not empty. With
	// OwnerSetsRole a token with an owner takes its role from the owner, so
	// the role field applies only to tokens without one.
	OwnerLabel    string
	Owners        []Option
	OwnerNone     string
	OwnerSetsRole bool

	// AllowedIPs is true when the API can restrict a token to addresses.
	AllowedIPs bool
	// NameMaxLen is the API's limit on the name length; 0 = none known.
	NameMaxLen int
	// NameRequired is true when the API refuses an empty name.
	NameRequired bool
	// NeverExpires is true when a token may be created without an expiry.
	NeverExpires bool
}

// ScopeGroup is one area of permissions, such as "Members" or "Logs".
type ScopeGroup struct {
	Name   string
	Scopes []Scope
}

// Scope is one permission string with what it allows.
type Scope struct {
	Name        string
	Description string
}

// Preset is a named selection of scopes.
type Preset struct {
	Name        string
	Description string
	Scopes      []string
}

// Role is one option of a single-choice permission field.
type Role struct {
	Name        string
	Description string
	// Creatable is false for roles the API lists but will not create
	// (Unleash admin tokens); Reason says why.
	Creatable bool
	Reason    string
}

// Option is one selectable value loaded from the server.
type Option struct {
	ID          string
	Label       string
	Description string
}

// AllScopes returns every scope name of the catalog in catalog order.
func (c Catalog) AllScopes() []string {
	var out []string
	for _, g := range c.ScopeGroups {
		for _, s := range g.Scopes {
			out = append(out, s.Name)
		}
	}
	return out
}

// ScopeDescription returns the description of a scope and whether it is known.
func (c Catalog) ScopeDescription(name string) (string, bool) {
	for _, g := range c.ScopeGroups {
		for _, s := range g.Scopes {
			if s.Name == name {
				return s.Description, true
			}
		}
	}
	return "", false
}

// GroupOf returns the name of the group a scope belongs to, or "" if none.
func (c Catalog) GroupOf(scope string) string {
	for _, g := range c.ScopeGroups {
		for _, s := range g.Scopes {
			if s.Name == scope {
				return g.Name
			}
		}
	}
	return ""
}
