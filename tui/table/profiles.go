package table

import (
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// An all-profiles table holds the tokens of several profiles: each token
// names its own (client.Token.Profile), and the table learns, per
// profile, what its Profile column says and the catalog and capabilities
// its cells are drawn and filtered with (SetProfiles). Two profiles may
// hold the same ID (two profiles of one server), so a row is known by its
// key: the ID, with the profile before it when there is one (RowKey).

// RowKey is what tells t apart from every other row: its ID, and its
// profile when it has one.
func RowKey(t *client.Token) string { return RowKeyOf(t.Profile, t.ID) }

// RowKeyOf is the row key of the token with id on profile ("" for a table
// of one profile).
func RowKeyOf(profile, id string) string {
	if profile == "" {
		return id
	}
	return profile + "\x00" + id
}

// ProfileInfo is what the table knows of one profile of an all-profiles
// list.
type ProfileInfo struct {
	// Label is what its Profile cells say: "prod · GoodAccess".
	Label string
	// Catalog is its provider's (nil until it has loaded); Caps what its
	// provider reports.
	Catalog *tokenfmt.Catalog
	Caps    client.Capabilities
}

// profileSet is the profiles of an all-profiles table by name. It is never
// changed once made (SetProfiles makes a new one), so filter jobs read it
// from other goroutines.
type profileSet struct {
	byName map[string]ProfileInfo
	// union is what any profile's tokens can hold, and caps what any
	// provider reports: the table's columns follow them.
	union *tokenfmt.Catalog
	caps  client.Capabilities
}

// SetProfiles makes the table one of several profiles, described by name
// (a token's Profile): its columns are what any of them has, and each
// token's cells and filter words follow its own profile's catalog. It is
// called again as each profile's catalog arrives.
func (t *Model) SetProfiles(infos map[string]ProfileInfo) {
	ps := &profileSet{byName: make(map[string]ProfileInfo, len(infos))}
	var cats []*tokenfmt.Catalog
	for name, in := range infos {
		ps.byName[client.Sanitize(name)] = in
		cats = append(cats, in.Catalog)
		ps.caps.Reports |= in.Caps.Reports
	}
	ps.union = unionCatalog(cats)
	t.profs, t.cat, t.caps = ps, ps.union, ps.caps
	t.relayout()
	if t.ix != nil && t.filter.target() != "" {
		keep := t.selectedIndex()
		t.refilter()
		t.keepSelection(keep)
	}
}

// unionCatalog is a catalog for the columns of several providers: every
// scope group, an owner or IP column if any has one, and "Role" for the
// role column unless all that have one call it alike.
func unionCatalog(cats []*tokenfmt.Catalog) *tokenfmt.Catalog {
	var u client.Catalog
	labels := map[string]bool{}
	for _, c := range cats {
		if c == nil {
			continue
		}
		s := c.Source()
		u.ScopeGroups = append(u.ScopeGroups, s.ScopeGroups...)
		u.AllowedIPs = u.AllowedIPs || s.AllowedIPs
		u.Owners = append(u.Owners, s.Owners...)
		u.OwnerLabel = max(u.OwnerLabel, s.OwnerLabel)
		if len(s.Roles) > 0 && s.RoleLabel != "" {
			labels[s.RoleLabel] = true
		}
	}
	for l := range labels {
		if len(labels) == 1 {
			u.RoleLabel = l
		}
	}
	return tokenfmt.NewCatalog(u)
}

// info is what the table knows of tok's profile; ok is false in a table
// of one profile, or for a profile it was not told of.
func (ps *profileSet) info(tok *client.Token) (ProfileInfo, bool) {
	if ps == nil || tok.Profile == "" {
		return ProfileInfo{}, false
	}
	in, ok := ps.byName[tok.Profile]
	return in, ok
}

// catalogOf is the catalog tok's cells and filter words are made with:
// its profile's, or the table's own.
func (ps *profileSet) catalogOf(tok *client.Token, own *tokenfmt.Catalog) *tokenfmt.Catalog {
	if in, ok := ps.info(tok); ok {
		return in.Catalog
	}
	return own
}

// capsOf is what tok's provider reports.
func (ps *profileSet) capsOf(tok *client.Token, own client.Capabilities) client.Capabilities {
	if in, ok := ps.info(tok); ok {
		return in.Caps
	}
	return own
}

// labelOf is tok's Profile cell: its profile's label, or its name.
func (ps *profileSet) labelOf(tok *client.Token) string {
	if in, ok := ps.info(tok); ok && in.Label != "" {
		return in.Label
	}
	return tok.Profile
}

// rowContext is cx for tok: its own profile's catalog and capabilities.
func (t *Model) rowContext(tok *client.Token, cx cellContext) cellContext {
	if in, ok := t.profs.info(tok); ok {
		cx.cat, cx.caps = in.Catalog, in.Caps
	}
	return cx
}

// profileWords are, per facet, the lower-cased label of the profile its
// tokens are on (a facet holds the profile: writeFacet), NUL-terminated,
// so "border0" finds every token of a Border0 profile, whatever it is
// called. Nil in a table of one profile.
func (ix *Index) profileWords(ps *profileSet) []string {
	if ps == nil || !ix.fields.profile {
		return nil
	}
	d := ix.derived
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.profs == ps {
		return d.profWords
	}
	words := make([]string, len(ix.facets))
	for f, rep := range ix.facetRep {
		words[f] = strings.ToLower(ps.labelOf(&ix.tokens[rep])) + "\x00"
	}
	d.profs, d.profWords = ps, words
	return words
}

// Profiles is how many profiles the list holds tokens of (0 for a list of
// one profile).
func (t *Model) Profiles() int {
	if t.ix == nil {
		return 0
	}
	return t.ix.profiles
}
