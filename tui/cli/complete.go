package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
)

// Dynamic shell completion. cobra's completion scripts call the hidden
// `tokentui __complete ARGS…` on TAB, having parsed the flags typed so far;
// the functions here answer from the config file, the registry, and for
// catalog values and token ids from the selected profile's API. A TAB must
// be quick and must never ask anything: no token that may wait for a person
// is fetched (token_command, keychain), every API answer is awaited at most
// completionTimeout, nothing is printed but the candidates, and a failure
// simply completes nothing. Ids and names are completed, never a secret.

// completionTimeout bounds what one TAB may wait for the API.
const completionTimeout = 3 * time.Second

// none is the answer of a completion with nothing to offer: no candidates,
// and no file names either (no flag or argument here is a file but
// --ca-file).
func none() ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// filterPrefix keeps the candidates that start with toComplete.
func filterPrefix(in []cobra.Completion, toComplete string) []cobra.Completion {
	var out []cobra.Completion
	for _, c := range in {
		if strings.HasPrefix(c, toComplete) {
			out = append(out, c)
		}
	}
	return out
}

// oneWord reports whether s can be a completion candidate: shells split
// candidates on white space.
func oneWord(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t\r\n")
}

// completeProfiles completes --profile: the config file's profiles, or the
// demo's with --demo.
func (inv *invocation) completeProfiles(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var profiles []profile.Profile
	if inv.global.Demo {
		demoProfiles, stop, err := demo.Start(inv.io.Now)
		if err != nil {
			return none()
		}
		stop()
		profiles = demoProfiles
	} else {
		profiles = inv.configProfiles()
	}
	var out []cobra.Completion
	for _, p := range profiles {
		where := p.URL
		if p.Demo {
			where = "demo emulator"
		}
		if oneWord(p.Name) {
			out = append(out, cobra.CompletionWithDesc(p.Name, client.Sanitize(p.DisplayProvider()+" · "+where)))
		}
	}
	return filterPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// configProfiles are the profiles of the config file; none when it cannot
// be read.
func (inv *invocation) configProfiles() []profile.Profile {
	path := inv.global.ConfigPath
	if path == "" {
		path = profile.DefaultConfigPath(inv.io.Env)
	}
	cfg, err := profile.LoadConfig(path, inv.io.Env)
	if err != nil {
		return nil
	}
	return cfg.Profiles
}

// completeProviders completes --provider with the registry's kinds.
func completeProviders(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, d := range registry.All() {
		out = append(out, cobra.CompletionWithDesc(d.Kind, d.DisplayName+": "+d.Can.Summary()))
	}
	return filterPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// quietSession is connect for a completion: it prints nothing, fetches no
// token that may prompt, and gives up after completionTimeout. Nil when
// anything fails.
func (inv *invocation) quietSession(ctx context.Context, what reads) *session {
	ctx, cancel := context.WithTimeout(ctx, completionTimeout)
	defer cancel()
	opts := inv.global
	opts.Env, opts.Clock, opts.StartDemo = inv.io.Env, inv.io.Now, demo.Start
	sel, err := profile.Resolve(opts)
	if err != nil {
		return nil
	}
	defer sel.Close()
	if sel.Selected.TokenMayPrompt() {
		return nil
	}
	s, err := openSession(ctx, sel.Selected, what)
	if err != nil {
		return nil
	}
	return s
}

// completeTokenIDs completes token ids, each with the token's name as its
// description, leaving out the ids already given. Any command whose
// arguments are token ids (revoke, find) uses it as its spec's complete.
func (inv *invocation) completeTokenIDs(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	s := inv.quietSession(cmd.Context(), readTokens)
	if s == nil {
		return none()
	}
	given := map[string]bool{}
	for _, a := range args {
		given[a] = true
	}
	sortTokens(s.tokens)
	var out []cobra.Completion
	for _, t := range s.tokens {
		if !given[t.ID] && oneWord(t.ID) && strings.HasPrefix(t.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(t.ID, client.Sanitize(t.Name)))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// addCatalogCompletions completes create's permission flags with what the
// selected profile's catalog offers.
func (inv *invocation) addCatalogCompletions(cmd *cobra.Command) {
	must(cmd.RegisterFlagCompletionFunc("scope", inv.completeFromCatalog(scopeChoices, true)))
	must(cmd.RegisterFlagCompletionFunc("role", inv.completeFromCatalog(roleChoices, false)))
	must(cmd.RegisterFlagCompletionFunc("type", inv.completeFromCatalog(roleChoices, false)))
	must(cmd.RegisterFlagCompletionFunc("project", inv.completeFromCatalog(projectChoices, true)))
	must(cmd.RegisterFlagCompletionFunc("environment", inv.completeFromCatalog(environmentChoices, false)))
	must(cmd.RegisterFlagCompletionFunc("owner", inv.completeFromCatalog(ownerChoices, false)))
}

// completeFromCatalog completes a flag from the catalog. A list flag takes
// comma-separated values, so only the part after the last comma is
// completed and the part before it kept.
func (inv *invocation) completeFromCatalog(choices func(client.Catalog) []cobra.Completion, list bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		s := inv.quietSession(cmd.Context(), readCatalog)
		if s == nil {
			return none()
		}
		typed := ""
		if i := strings.LastIndex(toComplete, ","); list && i >= 0 {
			typed, toComplete = toComplete[:i+1], toComplete[i+1:]
		}
		var out []cobra.Completion
		for _, c := range filterPrefix(choices(s.catalog), toComplete) {
			out = append(out, typed+c)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func scopeChoices(cat client.Catalog) []cobra.Completion {
	var out []cobra.Completion
	for _, g := range cat.ScopeGroups {
		for _, s := range g.Scopes {
			out = append(out, cobra.CompletionWithDesc(s.Name, client.Sanitize(s.Description)))
		}
	}
	return out
}

func roleChoices(cat client.Catalog) []cobra.Completion {
	var out []cobra.Completion
	for _, r := range cat.Roles {
		if r.Creatable {
			out = append(out, cobra.CompletionWithDesc(r.Name, client.Sanitize(r.Description)))
		}
	}
	return out
}

func projectChoices(cat client.Catalog) []cobra.Completion {
	if len(cat.Projects) == 0 {
		return nil
	}
	return append(optionChoices(cat.Projects), cobra.CompletionWithDesc("*", "all projects"))
}

func environmentChoices(cat client.Catalog) []cobra.Completion {
	return optionChoices(cat.Environments)
}

// ownerChoices offers the owners by id (a service account's name; a
// connector's "connector:<id>"), which --owner takes as they are.
func ownerChoices(cat client.Catalog) []cobra.Completion {
	return optionChoices(cat.Owners)
}

func optionChoices(opts []client.Option) []cobra.Completion {
	var out []cobra.Completion
	for _, o := range opts {
		var desc []string
		if o.Label != "" && o.Label != o.ID {
			desc = append(desc, o.Label)
		}
		if o.Description != "" {
			desc = append(desc, o.Description)
		}
		if oneWord(o.ID) {
			out = append(out, cobra.CompletionWithDesc(o.ID, client.Sanitize(strings.Join(desc, " — "))))
		}
	}
	return out
}

// completeDurations offers the usual windows for --within and --expiring.
func completeDurations(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return filterPrefix([]cobra.Completion{
		cobra.CompletionWithDesc("1d", "a day"), cobra.CompletionWithDesc("7d", "a week"),
		cobra.CompletionWithDesc("14d", "two weeks"), cobra.CompletionWithDesc("30d", "a month"),
		cobra.CompletionWithDesc("90d", "three months"),
	}, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completeExpiry offers the usual lifetimes for create --expires.
func completeExpiry(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return filterPrefix([]cobra.Completion{
		cobra.CompletionWithDesc("7d", "a week"), cobra.CompletionWithDesc(defaultExpiry, "the default"),
		cobra.CompletionWithDesc("90d", "three months"), cobra.CompletionWithDesc("365d", "a year"),
		cobra.CompletionWithDesc("never", "no expiry, where the provider allows it"),
	}, toComplete), cobra.ShellCompDirectiveNoFileComp
}
