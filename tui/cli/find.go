package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/find"
	"github.com/tokentui/tokentui/client/inspect"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// findFlags is what find was given.
type findFlags struct {
	asJSON, revoke, yes, allowSelf bool
}

func findCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f findFlags
	cmd := inv.command(spec{
		name:    "find",
		usage:   "tokentui find [--json] [--revoke [--yes] [--allow-self]] [--profile NAME]  < secret",
		summary: "tell which profile and token a leaked secret is, and revoke it",
		about: `Tell which profile and which token a secret is: paste it at the prompt (it
is not shown) or pipe it on stdin; never pass it as an argument, which shell
history and process lists keep. Every profile of the config file is asked
(with --profile, one), each as far as its provider makes it knowable:
Unleash lists every secret (a v2 secret by its selector), a Border0 token
names itself in its claims, and GoodAccess keeps nothing of a secret, which
is said plainly. The secret is never printed, logged or kept.
With --revoke the token found is revoked after a confirmation (--yes in
scripts); the admin token in use needs --allow-self as well.
Exits 0 when the token was found (a profile that could not be read is still
named on stderr), 1 when no profile could tell, 3 when none could because
their admin tokens were refused; with --revoke, as revoke does.`,
		args: noSecretArgs,
		run:  func(ctx context.Context, _ []string) error { return inv.find(ctx, f) },
	})
	fs := cmd.Flags()
	fs.BoolVar(&f.asJSON, "json", false, "print JSON (fields in JSON.md)")
	fs.BoolVar(&f.revoke, "revoke", false, "revoke the token found (asks first; --yes in scripts)")
	fs.BoolVar(&f.yes, "yes", false, "with --revoke: do not ask for confirmation")
	fs.BoolVar(&f.allowSelf, "allow-self", false, "with --revoke: allow revoking the admin token in use (tokentui loses access)")
	inv.addProfileFlags(cmd)
	return cmd
}

// noSecretArgs refuses arguments without repeating them: one is probably
// the secret.
func noSecretArgs(_ *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	for _, a := range args {
		client.RememberSecret(a)
	}
	return usagef("find takes the secret on stdin, never as an argument (shell history and process lists keep arguments); run it and paste the secret at the prompt")
}

// findJSON is find --json's output.
type findJSON struct {
	LooksLike string           `json:"looks_like"`
	Found     int              `json:"found"`
	Results   []findResultJSON `json:"results"`
}

type findResultJSON struct {
	Profile  string     `json:"profile"`
	Provider string     `json:"provider"`
	Result   string     `json:"result"`
	Detail   string     `json:"detail"`
	Token    *jsonToken `json:"token"`
}

func (inv *invocation) find(ctx context.Context, f findFlags) error {
	if f.revoke && !f.yes && !inv.io.InIsTerminal {
		return refusal("refusing to revoke without confirmation: stdin is not a terminal; pass --yes with --revoke")
	}
	secret, err := inv.readSecret(ctx, "Paste the secret to find (it is not shown), then press Enter: ")
	if err != nil {
		return err
	}
	secret = client.NormalizeSecret(secret)
	client.RememberSecret(secret) // from here on, no message can quote it
	if secret == "" {
		return usagef("no secret given: paste it at the prompt or pipe it on stdin")
	}
	runs, err := inv.findRuns(ctx)
	if err != nil {
		return err
	}
	sources := make([]find.Source, len(runs))
	for i, r := range runs {
		sources[i] = find.Source{Profile: r.prof.Name, Kind: r.prof.Provider, Err: r.err}
		if r.s != nil {
			sources[i].Provider = r.s.prov
		}
	}
	results := find.Lookup(ctx, secret, sources)
	looks := inspect.RecogniseAt(secret, inv.io.Now()).Title
	if err := inv.writeFound(runs, results, looks, f.asJSON); err != nil {
		return err
	}
	failed := inv.reportFailed(failedLookups(runs, results))
	found := find.FoundIn(results)
	if len(found) == 0 {
		inv.info("no profile could tell which token this secret is")
		if failed != exitcode.OK {
			return &shownError{code: failed} // it may be on a profile not read
		}
		return &shownError{code: exitcode.Failure}
	}
	if !f.revoke {
		for _, r := range found {
			inv.info(fmt.Sprintf("it is %s on %s: revoke it with tokentui revoke --profile %s %s (or find --revoke)", describe(r.Token), r.Profile, r.Profile, r.Token.ID))
		}
		return nil
	}
	return inv.revokeFound(ctx, runs, found, f)
}

// findRuns opens the profiles to ask: the one the flags pick, else every
// one of the config file (without one, the one the environment names). Nothing is listed yet: find lists only the profiles that may know
// the secret.
func (inv *invocation) findRuns(ctx context.Context) ([]profileRun, error) {
	g := inv.global
	if g.Profile == "" && g.Provider == "" && g.URL == "" {
		runs, err := inv.connectAll(ctx, 0)
		var none *profile.NoProfileError
		if !errors.As(err, &none) {
			return runs, err
		}
		// No config file: the profile the environment names (TOKENTUI_URL).
	}
	s, err := inv.connect(ctx, 0)
	if err != nil {
		return nil, err
	}
	return []profileRun{{prof: s.prof, s: s}}, nil
}

// failedLookups are the runs whose profile could not be read, opened or
// listed, for reportFailed.
func failedLookups(runs []profileRun, results []find.Result) []profileRun {
	out := make([]profileRun, len(runs))
	for i, r := range results {
		out[i] = profileRun{prof: runs[i].prof}
		if r.Verdict == find.Failed {
			out[i].err = r.Err
		}
	}
	return out
}

// writeFound prints what each profile told: a table, or JSON.
func (inv *invocation) writeFound(runs []profileRun, results []find.Result, looks string, asJSON bool) error {
	now := inv.io.Now()
	if asJSON {
		out := findJSON{LooksLike: looks, Found: len(find.FoundIn(results)), Results: []findResultJSON{}}
		for i, r := range results {
			res := findResultJSON{Profile: r.Profile, Provider: runs[i].prof.Provider, Result: string(r.Verdict), Detail: r.Says}
			if r.Verdict == find.Failed && r.Err != nil {
				res.Detail = client.Scrub(r.Err.Error())
			}
			if r.Verdict == find.Found {
				obj := runs[i].s.object(&r.Token, now)
				res.Token = &obj
			}
			out.Results = append(out.Results, res)
		}
		return inv.writeJSON(out)
	}
	inv.info("the secret looks like: " + looks)
	tb := newTable("PROFILE", "PROVIDER", "RESULT", "ID", "NAME", "HOW")
	for i, r := range results {
		id, name, how := cell{text: "-", tone: toneMuted}, cell{text: "-", tone: toneMuted}, r.Says
		result := cell{text: strings.ReplaceAll(string(r.Verdict), "-", " "), tone: toneMuted}
		switch r.Verdict {
		case find.Found:
			id, name, result.tone = plain(r.Token.ID), plain(r.Token.Name), toneExpired
			if r.Token.Self {
				name.text += " (you)"
			}
		case find.Failed:
			how = "could not be read (below)"
		}
		tb.add(plain(r.Profile), plain(runs[i].prof.DisplayProvider()), result, id, name, plain(how))
	}
	st, styled := inv.styles()
	return tb.write(inv.io.Out, st, styled)
}

// revokeFound revokes the tokens found, each on its profile, after one
// confirmation naming them all.
func (inv *invocation) revokeFound(ctx context.Context, runs []profileRun, found []find.Result, f findFlags) error {
	byProfile := map[string]*session{}
	for _, r := range runs {
		if r.s != nil {
			byProfile[r.prof.Name] = r.s
		}
	}
	for _, r := range found {
		if r.Token.Self && !f.allowSelf {
			return refusal("refusing to revoke %s: it is the admin token tokentui uses on %s, and tokentui would lose access; nothing revoked. Pass --allow-self to revoke it anyway", describe(r.Token), r.Profile)
		}
	}
	inv.info(fmt.Sprintf("About to revoke %d token(s):", len(found)))
	for _, r := range found {
		inv.info("  " + describe(r.Token) + " on " + r.Profile)
	}
	if !f.yes {
		ok, err := inv.confirm(ctx, fmt.Sprintf("Revoke %d token(s)? This cannot be undone. [y/N] ", len(found)))
		if err != nil {
			return err
		}
		if !ok {
			return refusal("nothing revoked")
		}
	}
	code := exitcode.OK
	for _, r := range found {
		err := inv.revokeEach(ctx, byProfile[r.Profile], []client.Token{r.Token})
		if c := exitCodeOf(err); c != exitcode.OK && (code == exitcode.OK || c == exitcode.Failure) {
			code = c
		}
	}
	if code != exitcode.OK {
		return &shownError{code: code}
	}
	return nil
}

// exitCodeOf is the code an error stands for; 0 for none.
func exitCodeOf(err error) int {
	if err == nil {
		return exitcode.OK
	}
	if s, ok := err.(*shownError); ok {
		return s.code
	}
	return exitCode(err)
}
