package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// Finding kinds, as check --json spells them.
const (
	findingExpired       = "expired"
	findingExpiring      = "expiring"
	findingNoExpiry      = "no-expiry"
	findingNoIPLimit     = "no-ip-restriction"
	findingCreatesTokens = "can-create-tokens"
	findingUnused        = "unused"
	findingInvalidDate   = "invalid-date"
)

type finding struct {
	Token  client.Token
	Kind   string
	Detail string
}

// checkJSON is check --json's output.
type checkJSON struct {
	Profile       string   `json:"profile"`
	Provider      string   `json:"provider"`
	CheckedAt     jsonTime `json:"checked_at"`
	WithinSeconds int64    `json:"within_seconds"`
	UnusedSeconds int64    `json:"unused_seconds"`
	TokensChecked int      `json:"tokens_checked"`
	// LastUseReported is false when the provider does not report last use:
	// then no token is called unused, whatever its use.
	LastUseReported bool          `json:"last_use_reported"`
	Findings        []findingJSON `json:"findings"`
}

type findingJSON struct {
	Finding   string   `json:"finding"`
	Detail    string   `json:"detail"`
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	ExpiresAt jsonTime `json:"expires_at"`
}

func checkCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var within, unused string
	var asJSON, connection bool
	cmd := inv.command(spec{
		name:    "check",
		usage:   "tokentui check [--within 14d] [--unused 90d] [--json] | check --connection [--json]",
		summary: "audit tokens: expired, expiring, no expiry, unused, unrestricted, powerful",
		about: `Audit the tokens of the profile, for cron or CI. Findings: expired, expiring
within the window, no expiry, unused for a while (only where the provider
reports last use: a token whose use is unknown is never called unused), a date
the server sent that is not valid, no IP restriction (where the provider
supports one), and tokens that can create tokens (token.create scope, admin
role or type). An expired token is reported only as expired.
Exits 1 when there are findings, 0 when there are none.
With --connection, only test the profile: its URL and admin token.`,
		args: noArgs(""),
		run: func(ctx context.Context, _ []string) error {
			if connection {
				return inv.checkConnection(ctx, asJSON)
			}
			return inv.check(ctx, within, unused, asJSON)
		},
	})
	cmd.Flags().StringVar(&within, "within", "14d", "report tokens expiring within `DURATION`")
	cmd.Flags().StringVar(&unused, "unused", "90d", "report tokens not used for `DURATION` (never used: created that long ago)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (fields in JSON.md)")
	cmd.Flags().BoolVar(&connection, "connection", false, "only test the URL and the admin token (GoodAccess: its\ntest-connection endpoint; elsewhere one list request), naming\nwhich is wrong; exit 0 ok, 1 no such API there, 3 the token")
	inv.addProfileFlags(cmd)
	must(cmd.RegisterFlagCompletionFunc("within", completeDurations))
	return cmd
}

func (inv *invocation) check(ctx context.Context, within, unused string, asJSON bool) error {
	var r auditRules
	var err error
	if r.within, err = parseWindow(within); err != nil {
		return usagef("--within: %s", err)
	}
	if r.unused, err = parseWindow(unused); err != nil {
		return usagef("--unused: %s", err)
	}

	s, err := inv.connect(ctx, readTokens|readCatalog)
	if err != nil {
		return err
	}
	sortTokens(s.tokens)
	now := inv.io.Now()
	r.ips = s.catalog.AllowedIPs
	var found []finding
	useReported := true
	for _, t := range s.tokens {
		found = append(found, audit(t, now, r)...)
		useReported = useReported && t.LastUseReported()
	}

	if asJSON {
		if err := inv.writeJSON(toCheckJSON(s, now, r, useReported, found)); err != nil {
			return err
		}
	} else if err := inv.writeFindings(found); err != nil {
		return err
	}
	if !useReported {
		inv.info(s.prov.DisplayName() + " does not report when a token was last used: no token is called unused")
	}
	inv.info(fmt.Sprintf("%d finding(s) in %d token(s) on %s", len(found), len(s.tokens), s.prof.Name))
	if len(found) > 0 {
		return &shownError{code: exitcode.Failure}
	}
	return nil
}

// connectionJSON is check --connection --json's output.
type connectionJSON struct {
	Profile  string `json:"profile"`
	Provider string `json:"provider"`
	URL      string `json:"url"`
	OK       bool   `json:"ok"`
	Message  string `json:"message"`
}

// checkConnection tests the profile with the provider's cheapest call that
// proves the URL and the admin token: a connection test where the API has
// one, else one token list.
func (inv *invocation) checkConnection(ctx context.Context, asJSON bool) error {
	s, err := inv.connect(ctx, 0)
	if err != nil {
		return err
	}
	var msg string
	if tester, ok := s.prov.(client.ConnectionTester); ok {
		msg, err = tester.TestConnection(ctx)
	} else {
		var tokens []client.Token
		if tokens, err = s.prov.List(ctx); err == nil {
			msg = fmt.Sprintf("listed %d tokens (%s has no connection-test endpoint)", len(tokens), s.prov.DisplayName())
		}
	}
	out := connectionJSON{Profile: s.prof.Name, Provider: s.prov.Kind(), URL: s.prof.URL, OK: err == nil, Message: msg}
	if err != nil {
		out.Message = err.Error()
	}
	if asJSON {
		if werr := inv.writeJSON(out); werr != nil {
			return werr
		}
	} else if err == nil {
		fmt.Fprintf(inv.io.Out, "ok: %s (%s at %s): %s\n", s.prof.Name, s.prov.DisplayName(), s.prof.URL, client.Sanitize(msg))
	}
	if err != nil {
		err = fmt.Errorf("the connection test of %s (%s at %s) failed: %w", s.prof.Name, s.prov.DisplayName(), s.prof.URL, err)
		if asJSON {
			inv.warn(err.Error())
			return &shownError{code: exitCode(err)}
		}
	}
	return err
}

func toCheckJSON(s *session, now time.Time, r auditRules, useReported bool, found []finding) checkJSON {
	out := checkJSON{Profile: s.prof.Name, Provider: s.prov.Kind(), CheckedAt: jsonTime{now},
		WithinSeconds: int64(r.within / time.Second), UnusedSeconds: int64(r.unused / time.Second),
		TokensChecked: len(s.tokens), LastUseReported: useReported, Findings: []findingJSON{}}
	for _, f := range found {
		out.Findings = append(out.Findings, findingJSON{Finding: f.Kind, Detail: f.Detail, ID: f.Token.ID, Name: f.Token.Name, ExpiresAt: jsonTime{f.Token.ExpiresAt}})
	}
	return out
}

// auditRules are what check looks for: expiry within, no use for unused,
// and whether the provider can restrict addresses (ips).
type auditRules struct {
	within, unused time.Duration
	ips            bool
}

// audit lists what is worth a look about one token.
func audit(t client.Token, now time.Time, r auditRules) []finding {
	if t.ExpiredAt(now) {
		return []finding{{t, findingExpired, "expired " + t.ExpiresAt.In(now.Location()).Format("2006-01-02 15:04") + " (" + relative(t.ExpiresAt, now) + ")"}}
	}
	var out []finding
	if t.InvalidDates != 0 {
		out = append(out, finding{t, findingInvalidDate, invalidDateDetail(t)})
	}
	switch {
	case t.ExpiryInvalid(): // reported above: whether it expires is unknown
	case !t.Expires():
		out = append(out, finding{t, findingNoExpiry, "never expires"})
	case t.ExpiresWithin(now, r.within):
		out = append(out, finding{t, findingExpiring, "expires " + t.ExpiresAt.In(now.Location()).Format("2006-01-02 15:04") + " (" + relative(t.ExpiresAt, now) + ")"})
	}
	if why, ok := unusedFor(t, now, r.unused); ok {
		out = append(out, finding{t, findingUnused, why})
	}
	if r.ips && len(t.AllowedIPs) == 0 {
		out = append(out, finding{t, findingNoIPLimit, "any IP address may use it"})
	}
	if why, ok := canCreateTokens(t); ok {
		out = append(out, finding{t, findingCreatesTokens, why})
	}
	return out
}

// unusedFor reports a token not used for d: never used since it was made
// at least d ago, or last used more than d ago. Only where the API reports
// last use: an unknown use is never taken for no use.
func unusedFor(t client.Token, now time.Time, d time.Duration) (string, bool) {
	switch {
	case !t.LastUseReported() || t.InvalidDates.Has(client.DateLastUsed) || d <= 0:
		return "", false
	case t.LastUsedAt.IsZero() && !t.CreatedAt.IsZero() && now.Sub(t.CreatedAt) >= d:
		return "never used since it was created " + relative(t.CreatedAt, now), true
	case !t.LastUsedAt.IsZero() && now.Sub(t.LastUsedAt) >= d:
		return "last used " + relative(t.LastUsedAt, now), true
	}
	return "", false
}

// invalidDateDetail says which dates the server sent that are not valid.
func invalidDateDetail(t client.Token) string {
	d := "not a valid date: " + t.InvalidDates.Words()
	if t.ExpiryInvalid() {
		d += "; when it expires is unknown"
	}
	return d
}

func (inv *invocation) writeFindings(found []finding) error {
	if len(found) == 0 {
		return nil
	}
	st, styled := inv.styles()
	tb := &table{header: []string{"FINDING", "ID", "NAME", "DETAIL"}}
	for _, f := range found {
		style := st.Expiring
		if f.Kind == findingExpired || f.Kind == findingInvalidDate {
			style = st.Expired
		}
		tb.add(cell{text: f.Kind, style: style}, plain(f.Token.ID), plain(f.Token.Name), plain(f.Detail))
	}
	return tb.write(inv.io.Out, st, styled)
}
