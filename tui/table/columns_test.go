package table

import (
	"slices"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

func columnIDs(cols []column) []columnID {
	var out []columnID
	for _, c := range cols {
		out = append(out, c.id)
	}
	return out
}

func TestColumnsFollowTheCatalog(t *testing.T) {
	ga := tokentest.GoodAccessCatalog(t)
	unleash := &client.Catalog{RoleLabel: "Type"}
	border0 := &client.Catalog{RoleLabel: "Role"}
	unleashTokens := presentFields{role: true, projects: true, environment: true, secret: true}
	for _, c := range []struct {
		name  string
		width int
		f     presentFields
		cat   *client.Catalog
		want  []columnID
	}{
		{"GoodAccess: scopes and IPs even when no token uses them", 118, presentFields{}, &ga,
			[]columnID{colName, colID, colScopes, colCreated, colExpires, colIPs}},
		{"Border0: no IPs, no scopes", 118, presentFields{role: true}, border0,
			[]columnID{colName, colID, colRole, colCreated, colExpires}},
		{"Unleash at 120: every column, the secret tail too", 118, unleashTokens, unleash,
			[]columnID{colName, colID, colRole, colProjects, colEnvironment, colSecret, colCreated, colExpires}},
		{"Unleash at 80: the secret goes first, then created and projects", 78, unleashTokens, unleash,
			[]columnID{colName, colID, colRole, colEnvironment, colExpires}},
		{"a token with IPs shows them whatever the catalog says", 118, presentFields{role: true, allowedIPs: true}, border0,
			[]columnID{colName, colID, colRole, colCreated, colExpires, colIPs}},
		{"no catalog yet, no IPs in the data", 118, presentFields{scopes: true}, nil,
			[]columnID{colName, colID, colScopes, colCreated, colExpires}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cat *tokenfmt.Catalog
			if c.cat != nil {
				cat = tokenfmt.NewCatalog(*c.cat)
			}
			got := layoutColumns(c.width, c.f, cat, client.Capabilities{})
			if !slices.Equal(columnIDs(got), c.want) {
				t.Errorf("columns %v, want %v", columnIDs(got), c.want)
			}
			used := gutterWidth + rightMargin
			for i, col := range got {
				used += col.width
				if i > 0 {
					used += columnGap
				}
			}
			if used != c.width {
				t.Errorf("columns fill %d cells of %d", used, c.width)
			}
		})
	}
}

func TestSecretTail(t *testing.T) {
	for secret, want := range map[string]string{
		"default:production.25ee5c1e8a16e4d2ab36c36e13d6a9bb": "25ee…bb",
		"[]:development.abcdef0123456789":                     "abcd…89",
		"*:*.0123456789abcdef":                                "0123…ef",
		"default:dev.short":                                   "••••••",
		"no-prefix-secret-value":                              "no-p…ue",
		"":                                                    "",
	} {
		if got := secretTail(secret); got != want {
			t.Errorf("secretTail(%q) = %q, want %q", secret, got, want)
		}
	}
}
