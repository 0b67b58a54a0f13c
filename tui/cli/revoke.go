package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// minPrefix is the shortest id prefix revoke accepts: short enough to type,
// long enough that a slip rarely matches a token by accident.
const minPrefix = 6

func revokeCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f revokeFlags
	cmd := inv.command(spec{
		name:    "revoke ID...",
		usage:   "tokentui revoke ID... [--yes] [--allow-self]",
		summary: "revoke tokens by id",
		about: `Revoke tokens. Each ID is a token id as 'tokentui list' shows it, a unique
prefix of one (at least 6 characters), or for Unleash the token's secret.
The tokens are listed first so you see their names; on a terminal you are
asked to confirm. Without a terminal, --yes is required.
The admin token this command runs with (marked "(you)" by list, where the
provider can tell) is refused unless --allow-self is given: --yes alone is not
enough. It is then revoked last, and tokentui has no access to the profile
afterwards.
Exits 1 if any revoke failed, naming which and why; 4 if the answer to a
revoke was lost (it may have been carried out: check with 'tokentui list').`,
		args:     cobra.ArbitraryArgs,
		complete: inv.completeTokenIDs,
		run:      func(ctx context.Context, ids []string) error { return inv.revoke(ctx, ids, f) },
	})
	cmd.Flags().BoolVar(&f.yes, "yes", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&f.allowSelf, "allow-self", false, "allow revoking the admin token this command runs with (tokentui loses access)")
	inv.addProfileFlags(cmd)
	return cmd
}

// revokeFlags is what revoke was given.
type revokeFlags struct {
	yes, allowSelf bool
}

func (inv *invocation) revoke(ctx context.Context, ids []string, f revokeFlags) error {
	if len(ids) == 0 {
		return usagef("give at least one token ID (see 'tokentui list')")
	}
	if !f.yes && !inv.io.InIsTerminal {
		return refusal("refusing to revoke without confirmation: stdin is not a terminal; pass --yes to revoke %d token(s)", len(ids))
	}

	s, err := inv.connect(ctx, readTokens)
	if err != nil {
		return err
	}
	targets, err := resolveTargets(ids, s.tokens)
	if err != nil {
		return err
	}
	// The others first, the admin token in use last: once it is gone,
	// every other call would be refused.
	self, others := client.SplitSelf(targets)
	if len(self) > 0 && !f.allowSelf {
		return refusal("refusing to revoke %s: it is the admin token this command runs with, and tokentui would lose access to %s; nothing revoked. Pass --allow-self to revoke it anyway (--yes alone is not enough)", describe(self[0]), s.prof.Name)
	}
	targets = append(others, self...)
	if err := inv.confirmRevoke(ctx, s, targets, f.yes); err != nil {
		return err
	}
	return inv.revokeEach(ctx, s, targets)
}

// confirmRevoke lists the targets on stderr and, without --yes, asks the
// person at the terminal; a refusal is an error, so nothing is revoked.
func (inv *invocation) confirmRevoke(ctx context.Context, s *session, targets []client.Token, yes bool) error {
	verb := "About to revoke"
	if yes {
		verb = "Revoking"
	}
	inv.info(fmt.Sprintf("%s %d token(s) on %s (%s):", verb, len(targets), s.prof.Name, s.prov.DisplayName()))
	for _, t := range targets {
		if t.Self {
			inv.info("  " + describe(t) + " (you: the admin token this command runs with; tokentui loses access to " + s.prof.Name + ")")
			continue
		}
		inv.info("  " + describe(t))
	}
	if lag := registry.CapabilitiesOf(s.prov).RevokeLag; lag != "" {
		inv.info("Note: " + s.prov.DisplayName() + " may accept a revoked token " + lag + ".")
	}
	if yes {
		return nil
	}
	ok, err := inv.confirm(ctx, fmt.Sprintf("Revoke %d token(s)? This cannot be undone. [y/N] ", len(targets)))
	if err != nil {
		return err
	}
	if !ok {
		return refusal("nothing revoked")
	}
	return nil
}

// revokeEach revokes every target, going on past a failure so one bad token
// does not leave the rest standing. Each outcome is printed as it happens,
// and kept in the history.
// A revoke whose answer was lost is neither: it may have been carried out.
// ctrl+c waits for the revoke in flight and starts no other. The exit code
// is 3 only when every failure was the admin token's fault, 4 when nothing
// failed but some answers were lost.
func (inv *invocation) revokeEach(ctx context.Context, s *session, targets []client.Token) error {
	failed, authFailed, unknown := 0, 0, 0
	for i, t := range targets {
		err, interrupted := inv.waitOut(ctx, "the revoke of "+describe(t), func(c context.Context) error { return s.prov.Revoke(c, t) })
		inv.record(s, history.Of(history.ActionRevoke, t, inv.io.Now()).Finish(err))
		switch _, lost := client.AsUnknownOutcome(err); {
		case err == nil:
			fmt.Fprintf(inv.io.Out, "revoked %s\t%s\n", t.ID, client.Sanitize(t.Name))
		case lost:
			unknown++
			fmt.Fprintf(inv.io.Err, "%s may have been revoked: %s — check with 'tokentui list'\n", describe(t), err)
		default:
			failed++
			if client.IsAuth(err) {
				authFailed++
			}
			fmt.Fprintf(inv.io.Err, "failed to revoke %s: %s\n", describe(t), err)
		}
		if interrupted && i < len(targets)-1 {
			failed += len(targets) - i - 1
			fmt.Fprintf(inv.io.Err, "interrupted: %d token(s) not revoked\n", len(targets)-i-1)
			break
		}
	}
	switch {
	case failed == 0 && unknown == 0:
		return nil
	case failed == 0:
		return &shownError{code: exitcode.Unknown}
	case authFailed == failed && unknown == 0:
		return &shownError{code: exitcode.Auth}
	}
	fmt.Fprintf(inv.io.Err, "%d of %d revokes failed\n", failed, len(targets))
	return &shownError{code: exitcode.Failure}
}

// resolveTargets maps each argument to one token: an exact id, an Unleash
// secret, or a unique id prefix. Nothing is revoked unless every argument
// resolves: a typo must not leave a half-done batch.
func resolveTargets(args []string, tokens []client.Token) ([]client.Token, error) {
	var out []client.Token
	seen := map[string]bool{}
	var problems []string
	notFoundOnly := true
	for _, arg := range args {
		t, problem, usage := resolveOne(arg, tokens)
		if problem != "" {
			problems = append(problems, problem)
			notFoundOnly = notFoundOnly && !usage
			continue
		}
		if !seen[t.ID] {
			seen[t.ID] = true
			out = append(out, t)
		}
	}
	if len(problems) == 0 {
		return out, nil
	}
	msg := strings.Join(problems, "; ") + "; nothing revoked"
	if notFoundOnly {
		return nil, fmt.Errorf("%s", msg)
	}
	return nil, refusal("%s", msg)
}

// resolveOne finds the token arg names. problem says why not; usage marks a
// problem with the argument itself (too short, ambiguous) rather than a
// token that does not exist.
func resolveOne(arg string, tokens []client.Token) (t client.Token, problem string, usage bool) {
	for _, t := range tokens {
		if t.ID == arg || (t.Secret != "" && t.Secret == arg) {
			return t, "", false
		}
	}
	shown := arg
	if strings.Contains(arg, ".") || len(arg) > 40 {
		shown = client.MaskSecret(arg) // it may be a secret: never echo it
	}
	if len(arg) < minPrefix {
		return client.Token{}, fmt.Sprintf("%q matches no token id exactly, and a prefix needs at least %d characters", shown, minPrefix), true
	}
	var found []client.Token
	for _, t := range tokens {
		if strings.HasPrefix(t.ID, arg) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 1:
		return found[0], "", false
	case 0:
		return client.Token{}, fmt.Sprintf("no token with id %s", shown), false
	}
	var ids []string
	for _, f := range found[:min(len(found), 5)] {
		ids = append(ids, f.ID)
	}
	return client.Token{}, fmt.Sprintf("%q matches %d tokens (%s…); give more of the id", shown, len(found), strings.Join(ids, ", ")), true
}

// describe names a token for a message: id, name, and the masked secret
// when that is how the API knows it.
func describe(t client.Token) string {
	s := fmt.Sprintf("%s %q", t.ID, client.Sanitize(t.Name))
	if t.Secret != "" {
		s += " (" + client.MaskSecret(t.Secret) + ")"
	}
	return s
}

// confirm asks on stderr and reads one line from stdin.
func (inv *invocation) confirm(ctx context.Context, question string) (bool, error) {
	fmt.Fprint(inv.io.Err, question)
	line, err := readLine(ctx, inv.io.In)
	if ctx.Err() != nil {
		fmt.Fprintln(inv.io.Err)
		return false, refusal("interrupted; nothing revoked")
	}
	if err != nil && line == "" {
		fmt.Fprintln(inv.io.Err)
		return false, nil
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes", nil
}
