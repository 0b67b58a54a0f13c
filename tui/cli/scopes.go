package cli

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// catalogJSON is scopes --json's output.
type catalogJSON struct {
	Profile      string           `json:"profile"`
	Provider     string           `json:"provider"`
	ScopeGroups  []scopeGroupJSON `json:"scope_groups"`
	Presets      []presetJSON     `json:"presets"`
	RoleLabel    string           `json:"role_label"`
	Roles        []roleJSON       `json:"roles"`
	Projects     []optionJSON     `json:"projects"`
	Environments []optionJSON     `json:"environments"`
	AllowedIPs   bool             `json:"allowed_ips"`
	NameMaxLen   int              `json:"name_max_len"`
	NameRequired bool             `json:"name_required"`
	NeverExpires bool             `json:"never_expires"`
	OwnerLabel   string           `json:"owner_label"`
	Owners       []optionJSON     `json:"owners"`
	OwnerNone    string           `json:"owner_none"`
}

type scopeGroupJSON struct {
	Name   string      `json:"name"`
	Scopes []scopeJSON `json:"scopes"`
}

type scopeJSON struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type presetJSON struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Scopes      []string `json:"scopes"`
}

type roleJSON struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Creatable   bool   `json:"creatable"`
	Reason      string `json:"reason"`
}

type optionJSON struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

func scopesCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var asJSON bool
	cmd := inv.command(spec{
		name:    "scopes",
		usage:   "tokentui scopes [--json]",
		summary: "show what a new token can be given",
		about: `Show what a new token of the profile can be given: GoodAccess scope groups
and presets, Border0 roles and owners (service accounts, connectors), Unleash
types, projects and environments, and whether IP restrictions and tokens
without expiry are possible.`,
		args: noArgs(""),
		run:  func(ctx context.Context, _ []string) error { return inv.scopes(ctx, asJSON) },
	})
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (fields in JSON.md)")
	inv.addProfileFlags(cmd)
	return cmd
}

func (inv *invocation) scopes(ctx context.Context, asJSON bool) error {
	s, err := inv.connect(ctx, readCatalog)
	if err != nil {
		return err
	}
	if asJSON {
		return inv.writeJSON(toCatalogJSON(s.catalog, s.prof.Name, s.prov.Kind()))
	}
	return inv.writeCatalog(s.catalog, s.prov.DisplayName())
}

func toCatalogJSON(cat client.Catalog, profileName, kind string) catalogJSON {
	out := catalogJSON{
		Profile: profileName, Provider: kind, RoleLabel: cat.RoleLabel,
		ScopeGroups: []scopeGroupJSON{}, Presets: []presetJSON{}, Roles: []roleJSON{},
		Projects: options(cat.Projects), Environments: options(cat.Environments),
		AllowedIPs: cat.AllowedIPs, NameMaxLen: cat.NameMaxLen, NameRequired: cat.NameRequired, NeverExpires: cat.NeverExpires,
		OwnerLabel: cat.OwnerLabel, Owners: options(cat.Owners), OwnerNone: cat.OwnerNone,
	}
	for _, g := range cat.ScopeGroups {
		gj := scopeGroupJSON{Name: g.Name, Scopes: []scopeJSON{}}
		for _, s := range g.Scopes {
			gj.Scopes = append(gj.Scopes, scopeJSON(s))
		}
		out.ScopeGroups = append(out.ScopeGroups, gj)
	}
	for _, p := range cat.Presets {
		out.Presets = append(out.Presets, presetJSON{Name: p.Name, Description: p.Description, Scopes: tokenout.OrEmpty(p.Scopes)})
	}
	for _, r := range cat.Roles {
		out.Roles = append(out.Roles, roleJSON(r))
	}
	return out
}

func options(in []client.Option) []optionJSON {
	out := make([]optionJSON, len(in))
	for i, o := range in {
		out[i] = optionJSON(o)
	}
	return out
}

// writeCatalog prints what scopes shows a person: each kind of permission
// the provider has, then what it allows besides.
func (inv *invocation) writeCatalog(cat client.Catalog, provider string) error {
	st, styled := inv.styles()
	c := catalogText{w: bufio.NewWriter(inv.io.Out), st: st, styled: styled}
	c.heading(provider + " tokens can be given:")
	c.scopes(cat)
	c.presets(cat.Presets)
	c.roles(cat)
	c.options("Projects (--project, repeatable; * for all):", cat.Projects)
	c.options("Environments (--environment, one of):", cat.Environments)
	c.owners(cat)
	c.limits(cat)
	return c.w.Flush()
}

// catalogText writes the sections of writeCatalog. Without colour (styled
// false) text is written as is, not through a style.
type catalogText struct {
	w      *bufio.Writer
	st     themeStyles
	styled bool
}

func (c catalogText) style(s string, st lipgloss.Style) string {
	if c.styled {
		return st.Render(s)
	}
	return s
}

func (c catalogText) heading(s string) { fmt.Fprintln(c.w, c.style(s, c.st.Header)) }

func (c catalogText) scopes(cat client.Catalog) {
	if len(cat.ScopeGroups) == 0 {
		return
	}
	width := 0
	for _, s := range cat.AllScopes() {
		width = max(width, len(s))
	}
	for _, g := range cat.ScopeGroups {
		fmt.Fprintf(c.w, "\n  %s\n", c.style(g.Name, c.st.Group))
		for _, s := range g.Scopes {
			fmt.Fprintf(c.w, "    %-*s  %s\n", width, s.Name, c.style(s.Description, c.st.Muted))
		}
	}
}

func (c catalogText) presets(presets []client.Preset) {
	if len(presets) == 0 {
		return
	}
	fmt.Fprintln(c.w)
	c.heading("Presets (use their scopes with --scope):")
	for _, p := range presets {
		fmt.Fprintf(c.w, "  %s — %s\n    %s\n", p.Name, p.Description, strings.Join(p.Scopes, ","))
	}
}

func (c catalogText) roles(cat client.Catalog) {
	if len(cat.Roles) == 0 {
		return
	}
	label := cmp.Or(cat.RoleLabel, "Role")
	fmt.Fprintln(c.w)
	c.heading(fmt.Sprintf("%s (--%s, one of):", label, flagFor(strings.ToLower(label))))
	for _, r := range cat.Roles {
		line := fmt.Sprintf("  %-10s %s", r.Name, r.Description)
		if !r.Creatable {
			line += " [cannot be created: " + r.Reason + "]"
		}
		fmt.Fprintln(c.w, line)
	}
}

func (c catalogText) options(title string, opts []client.Option) {
	if len(opts) == 0 {
		return
	}
	fmt.Fprintln(c.w)
	c.heading(title)
	width := 0
	for _, o := range opts {
		width = max(width, len(o.ID))
	}
	for _, o := range opts {
		line := fmt.Sprintf("  %-*s", width, o.ID)
		if o.Label != "" && o.Label != o.ID {
			line += "  " + o.Label
		}
		if o.Description != "" {
			line += " — " + o.Description
		}
		fmt.Fprintln(c.w, strings.TrimRight(line, " "))
	}
}

// owners lists who a token can belong to, by the name --owner takes.
func (c catalogText) owners(cat client.Catalog) {
	if len(cat.Owners) == 0 {
		return
	}
	fmt.Fprintln(c.w)
	title := cmp.Or(cat.OwnerLabel, "Owner") + " (--owner NAME; the token acts with its owner's role, so no --role)"
	if cat.OwnerNone != "" {
		title += "; without --owner, " + cat.OwnerNone
	}
	c.heading(title + ":")
	width := 0
	for _, o := range cat.Owners {
		width = max(width, len(o.Label))
	}
	for _, o := range cat.Owners {
		fmt.Fprintln(c.w, strings.TrimRight(fmt.Sprintf("  %-*s  %s", width, o.Label, c.style(o.Description, c.st.Muted)), " "))
	}
}

// limits says what the provider allows beyond permissions.
func (c catalogText) limits(cat client.Catalog) {
	fmt.Fprintln(c.w)
	fmt.Fprintf(c.w, "Allowed IPs (--ip): %s\n", yesNo(cat.AllowedIPs, "supported", "not supported"))
	fmt.Fprintf(c.w, "Without expiry (--expires never): %s\n", yesNo(cat.NeverExpires, "allowed", "not allowed"))
	if cat.NameMaxLen > 0 {
		fmt.Fprintf(c.w, "Name: at most %d characters\n", cat.NameMaxLen)
	}
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
