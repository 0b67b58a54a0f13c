package cli

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// Everything create checks against the provider's catalog before it sends
// anything, and the words it uses to say what the provider takes instead
// (scopes shares the latter).

// checkAgainstCatalog refuses, before anything is sent, input the provider
// cannot take, naming the flag and what it can take instead.
func checkAgainstCatalog(req client.NewToken, cat client.Catalog, provider string) error {
	if cat.NameRequired && req.Name == "" {
		return usagef("--name is required")
	}
	if cat.NameMaxLen > 0 && len([]rune(req.Name)) > cat.NameMaxLen {
		return refusal("--name is %d characters long; %s allows at most %d", len([]rune(req.Name)), provider, cat.NameMaxLen)
	}
	if len(req.Scopes) > 0 {
		all := cat.AllScopes()
		if len(all) == 0 {
			return refusal("%s tokens have no scopes; %s", provider, permissionHint(cat))
		}
		for _, s := range req.Scopes {
			if !slices.Contains(all, s) {
				return refusal("unknown scope %q%s; run 'tokentui scopes' for the list", s, similarScopes(s, all))
			}
		}
	} else if len(cat.ScopeGroups) > 0 {
		return usagef("give at least one --scope (run 'tokentui scopes' for the list)")
	}
	if err := checkRole(req, cat, provider); err != nil {
		return err
	}
	if len(cat.Projects) > 0 {
		if len(req.Projects) == 0 {
			return usagef("--project is required: one or more of %s, or * for all", optionIDs(cat.Projects))
		}
		for _, p := range req.Projects {
			if p != "*" && !hasOption(cat.Projects, p) {
				return refusal("unknown project %q: use %s, or * for all", p, optionIDs(cat.Projects))
			}
		}
	} else if len(req.Projects) > 0 {
		return refusal("%s tokens have no projects; %s", provider, permissionHint(cat))
	}
	if len(cat.Environments) > 0 {
		if req.Environment == "" {
			return usagef("--environment is required: one of %s", optionIDs(cat.Environments))
		}
		if !hasOption(cat.Environments, req.Environment) {
			return refusal("unknown environment %q: use %s", req.Environment, optionIDs(cat.Environments))
		}
	} else if req.Environment != "" {
		return refusal("%s tokens have no environment; %s", provider, permissionHint(cat))
	}
	if len(req.AllowedIPs) > 0 && !cat.AllowedIPs {
		return refusal("%s cannot restrict a token to IP addresses; drop --ip", provider)
	}
	if !cat.NeverExpires && req.ExpiresAt.IsZero() {
		return refusal("%s tokens must expire: give --expires a duration or date", provider)
	}
	return nil
}

// checkRole: a role that the catalog offers and can create, or none where
// the token's owner decides it.
func checkRole(req client.NewToken, cat client.Catalog, provider string) error {
	label := strings.ToLower(cmp.Or(cat.RoleLabel, "role"))
	switch {
	case req.Owner != "" && cat.OwnerSetsRole && req.Role != "":
		return refusal("a token of %s acts with its owner's role; drop --%s", req.Owner, flagFor(label))
	case req.Owner != "" && cat.OwnerSetsRole:
		return nil
	case len(cat.Roles) == 0 && req.Role != "":
		return refusal("%s tokens have no role or type; %s", provider, permissionHint(cat))
	case len(cat.Roles) == 0:
		return nil
	case req.Role == "":
		return usagef("--%s is required: one of %s", flagFor(label), roleNames(cat.Roles, true))
	}
	i := slices.IndexFunc(cat.Roles, func(r client.Role) bool { return strings.EqualFold(r.Name, req.Role) })
	switch {
	case i < 0:
		return refusal("%s %q is not one of %s", label, req.Role, roleNames(cat.Roles, true))
	case !cat.Roles[i].Creatable:
		return refusal("%s %s cannot be created: %s", label, cat.Roles[i].Name, cat.Roles[i].Reason)
	}
	return nil
}

// resolveOwner turns --owner into the id of one of the catalog's owners:
// its id, or its name as listed ("ci-bot", "connector edge" or just
// "edge"), without regard to case when that is unambiguous.
func resolveOwner(owner string, cat client.Catalog, provider string) (string, error) {
	owner = strings.TrimSpace(owner)
	if owner == "" {
		return "", nil
	}
	if len(cat.Owners) == 0 {
		return "", refusal("%s tokens have no owner to choose; drop --owner", provider)
	}
	if hasOption(cat.Owners, owner) {
		return owner, nil
	}
	var found []client.Option
	for _, o := range cat.Owners {
		label := strings.ToLower(o.Label)
		if label == strings.ToLower(owner) || strings.HasSuffix(label, " "+strings.ToLower(owner)) {
			found = append(found, o)
		}
	}
	if len(found) == 1 {
		return found[0].ID, nil
	}
	labels := make([]string, len(cat.Owners))
	for i, o := range cat.Owners {
		labels[i] = o.Label
	}
	if len(found) > 1 {
		return "", refusal("--owner %q names %d owners; give the id of one: %s", owner, len(found), optionIDs(found))
	}
	return "", refusal("no owner %q on %s: use one of %s", owner, provider, strings.Join(labels, ", "))
}

// permissionHint says which flags a provider's tokens do take.
func permissionHint(cat client.Catalog) string {
	var flags []string
	if len(cat.ScopeGroups) > 0 {
		flags = append(flags, "--scope")
	}
	if len(cat.Roles) > 0 {
		flags = append(flags, "--"+flagFor(strings.ToLower(cmp.Or(cat.RoleLabel, "role"))))
	}
	if len(cat.Projects) > 0 {
		flags = append(flags, "--project")
	}
	if len(cat.Environments) > 0 {
		flags = append(flags, "--environment")
	}
	if len(cat.Owners) > 0 {
		flags = append(flags, "--owner")
	}
	if len(flags) == 0 {
		return "it takes only --name and --expires"
	}
	return "use " + strings.Join(flags, ", ")
}

// flagFor maps the catalog's role label to its flag: "type" for Unleash,
// "role" otherwise.
func flagFor(label string) string {
	if label == "type" {
		return "type"
	}
	return "role"
}

func roleNames(roles []client.Role, creatableOnly bool) string {
	var names []string
	for _, r := range roles {
		if r.Creatable || !creatableOnly {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names, ", ")
}

func optionIDs(opts []client.Option) string {
	ids := make([]string, len(opts))
	for i, o := range opts {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}

func hasOption(opts []client.Option, id string) bool {
	return slices.ContainsFunc(opts, func(o client.Option) bool { return o.ID == id })
}

// similarScopes suggests scopes of the same area (the part before the dot).
func similarScopes(s string, all []string) string {
	area, _, _ := strings.Cut(s, ".")
	var near []string
	for _, c := range all {
		if a, _, _ := strings.Cut(c, "."); strings.TrimSuffix(a, "s") == strings.TrimSuffix(area, "s") {
			near = append(near, c)
		}
	}
	if len(near) == 0 || len(near) > 8 {
		return ""
	}
	return " (did you mean " + strings.Join(near, ", ") + "?)"
}
