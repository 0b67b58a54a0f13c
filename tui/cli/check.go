package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/registry"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/exitcode"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// Finding kinds, as check --json spells them.
const (
	findingExpired       = "expired"
	findingExpiring      = "expiring"
	findingNoExpiry      = "no-expiry"
	findingNoIPLimit     = "no-ip-restriction"
	findingCreatesTokens = "can-create-tokens"
	findingInvalidDate   = "invalid-date"
	findingUnused        = "unused"
)

// findingKinds are every kind, for --ignore TOKEN:KIND.
var findingKinds = []string{findingExpired, findingExpiring, findingNoExpiry, findingNoIPLimit, findingCreatesTokens,
	findingInvalidDate, findingUnused}

type finding struct {
	Token  client.Token
	Kind   string
	Detail string
}

// checkJSON is check --json's output.
type checkJSON struct {
	Profile       string        `json:"profile"`
	Provider      string        `json:"provider"`
	CheckedAt     jsonTime      `json:"checked_at"`
	WithinSeconds int64         `json:"within_seconds"`
	UnusedSeconds int64         `json:"unused_seconds"`
	TokensChecked int           `json:"tokens_checked"`
	Findings      []findingJSON `json:"findings"`
	Ignored       int           `json:"ignored"`
	// LastUseReported is false when the provider does not report last use:
	// then no token is called unused, whatever its use.
	LastUseReported bool `json:"last_use_reported"`
}

type findingJSON struct {
	Finding   string   `json:"finding"`
	Detail    string   `json:"detail"`
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	ExpiresAt jsonTime `json:"expires_at"`
	Profile   string   `json:"profile"`
}

// checkFlags is what check was given.
type checkFlags struct {
	within, unused string
	ignore         stringList
	asJSON, all    bool
}

func checkCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f checkFlags
	var connection bool
	cmd := inv.command(spec{
		name:    "check",
		usage:   "tokentui check [--within 14d] [--unused 90d] [--ignore ID|NAME[:FINDING]]... [--json] | check --connection [--json]",
		summary: "audit tokens: expired, expiring, unused, no expiry, unrestricted, powerful",
		about: `Audit the tokens of the profile, for cron or CI. Findings: expired, expiring
within the window, unused for --unused (where the provider reports last use),
no expiry, a date the server sent that is not valid, no IP restriction (where
the provider supports one), and tokens that can create tokens (token.create
scope, admin role or type). An expired token is reported only as expired. A
known finding (the admin token's own no-expiry) is left out with --ignore or
the profile's check_ignore list: a token's ID, a unique ID prefix of 6 or
more characters, or its name, alone (every finding of it) or with :FINDING
(that one).
Exits 1 when there are findings, 0 when there are none.
With --connection, only test the profile: its URL and admin token.`,
		args: noArgs(""),
		run: func(ctx context.Context, _ []string) error {
			if connection {
				return inv.checkConnection(ctx, f)
			}
			return inv.check(ctx, f)
		},
	})
	fs := cmd.Flags()
	fs.StringVar(&f.within, "within", "14d", "report tokens expiring within `DURATION`")
	fs.StringVar(&f.unused, "unused", "90d", "report tokens not used for `DURATION` (never used: since created); 0 = off")
	fs.Var(&f.ignore, "ignore", "leave out the findings of `TOKEN` (ID, ID prefix or name; NAME:FINDING for one kind);\nrepeatable, and added to the profile's check_ignore")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON (fields in JSON.md)")
	fs.BoolVar(&f.all, "all-profiles", false, "check every profile of the config file (or every demo profile with --demo);\na profile that cannot be read is named on stderr and fails the check")
	fs.BoolVar(&connection, "connection", false, "only test the URL and the admin token (GoodAccess: its\ntest-connection endpoint; elsewhere one list request), naming\nwhich is wrong; exit 0 ok, 1 no such API there, 3 the token")
	inv.addProfileFlags(cmd)
	must(cmd.RegisterFlagCompletionFunc("within", completeDurations))
	must(cmd.RegisterFlagCompletionFunc("unused", completeDurations))
	must(cmd.RegisterFlagCompletionFunc("ignore", inv.completeTokenIDs))
	return cmd
}

// audited is what checking one profile found.
type audited struct {
	s          *session
	found      []finding
	ignored    int
	reportsUse bool
}

func (inv *invocation) check(ctx context.Context, f checkFlags) error {
	window, err := parseWindow(f.within)
	if err != nil {
		return usagef("--within: %s", err)
	}
	unused := time.Duration(0)
	if strings.TrimSpace(f.unused) != "0" {
		if unused, err = parseWindow(f.unused); err != nil {
			return usagef("--unused: %s", err)
		}
	}
	now := inv.io.Now()
	if !f.all {
		s, err := inv.connect(ctx, readTokens|readCatalog)
		if err != nil {
			return err
		}
		a := inv.audit(s, f, now, window, unused)
		if f.asJSON {
			if err := inv.writeJSON(a.json(now, window, unused)); err != nil {
				return err
			}
		} else if err := inv.writeFindings(a.found, false); err != nil {
			return err
		}
		return inv.checkSummary([]audited{a})
	}
	runs, err := inv.connectAll(ctx, readTokens|readCatalog)
	if err != nil {
		return err
	}
	var all []audited
	var found []finding
	for _, s := range sessions(runs) {
		a := inv.audit(s, f, now, window, unused)
		all = append(all, a)
		found = append(found, a.found...)
	}
	inv.unmatchedFlags(f, all)
	if f.asJSON {
		err = inv.writeJSON(checkAllJSON(all, runs, now, window, unused))
	} else {
		err = inv.writeFindings(found, true)
	}
	if err != nil {
		return err
	}
	failed := inv.reportFailed(runs)
	return failedOr(inv.checkSummary(all), failed)
}

// audit checks the tokens of one profile, leaving out what --ignore and
// the profile's check_ignore name, and warns about entries that name no
// token.
func (inv *invocation) audit(s *session, f checkFlags, now time.Time, window, unused time.Duration) audited {
	sortTokens(s.tokens)
	a := audited{s: s, reportsUse: reportsLastUse(s.prov)}
	if unused > 0 && !a.reportsUse {
		inv.info(s.prov.DisplayName() + " does not report when a token was last used: no unused findings on " + s.prof.Name)
	}
	rules := parseIgnores(append(slices.Clone(s.prof.CheckIgnore), f.ignore...))
	for _, t := range s.tokens {
		for _, fd := range audit(t, now, window, s.catalog.AllowedIPs) {
			if rules.ignores(fd) {
				a.ignored++
				continue
			}
			a.found = append(a.found, fd)
		}
		if fd, ok := unusedFinding(t, now, unused, a.reportsUse); ok && !rules.ignores(fd) {
			a.found = append(a.found, fd)
		} else if ok {
			a.ignored++
		}
	}
	// A profile's check_ignore is its own; with every profile, an --ignore
	// is for whichever profile holds the token (unmatchedFlags).
	own := rules
	if f.all {
		own = parseIgnores(s.prof.CheckIgnore)
	}
	for _, r := range own.unmatched(s.tokens) {
		inv.warn(fmt.Sprintf("ignore %q matches no token on %s", r, s.prof.Name))
	}
	return a
}

// unmatchedFlags warns about each --ignore that names no token on any
// profile checked.
func (inv *invocation) unmatchedFlags(f checkFlags, all []audited) {
	for _, r := range parseIgnores(f.ignore) {
		if !slices.ContainsFunc(all, func(a audited) bool { return slices.ContainsFunc(a.s.tokens, r.matches) }) {
			inv.warn(fmt.Sprintf("--ignore %q matches no token on any profile", r.raw))
		}
	}
}

// checkSummary says on stderr what each profile's check found, and fails
// (exit 1) when anything was.
func (inv *invocation) checkSummary(all []audited) error {
	total := 0
	for _, a := range all {
		summary := fmt.Sprintf("%d finding(s) in %d token(s) on %s", len(a.found), len(a.s.tokens), a.s.prof.Name)
		if a.ignored > 0 {
			summary += fmt.Sprintf("; %d ignored", a.ignored)
		}
		inv.info(summary)
		total += len(a.found)
	}
	if total > 0 {
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
// one, else one token list. With --all-profiles, every profile, one line
// (or JSON object) each.
func (inv *invocation) checkConnection(ctx context.Context, f checkFlags) error {
	if f.all {
		return inv.checkConnections(ctx, f.asJSON)
	}
	s, err := inv.connect(ctx, 0)
	if err != nil {
		return err
	}
	out, err := testConnection(ctx, s)
	if f.asJSON {
		if werr := inv.writeJSON(out); werr != nil {
			return werr
		}
	} else if err == nil {
		inv.sayConnected(out)
	}
	if err != nil && f.asJSON {
		inv.warn(err.Error())
		return &shownError{code: exitCode(err)}
	}
	return err
}

// checkConnections tests every profile at once.
func (inv *invocation) checkConnections(ctx context.Context, asJSON bool) error {
	runs, err := inv.connectAll(ctx, 0)
	if err != nil {
		return err
	}
	outs := make([]connectionJSON, len(runs))
	var wg sync.WaitGroup
	for i, r := range runs {
		if r.s == nil {
			outs[i] = connectionJSON{Profile: r.prof.Name, Provider: r.prof.Provider, URL: r.prof.URL, Message: client.Scrub(profileError(r.prof, r.err))}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], runs[i].err = testConnection(ctx, r.s)
		}()
	}
	wg.Wait()
	if asJSON {
		if err := inv.writeJSON(outs); err != nil {
			return err
		}
	}
	for _, out := range outs {
		if out.OK && !asJSON {
			inv.sayConnected(out)
		}
	}
	return failedOr(nil, inv.reportFailed(runs))
}

// testConnection runs the test on s. The error names the profile.
func testConnection(ctx context.Context, s *session) (connectionJSON, error) {
	var msg string
	var err error
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
		err = fmt.Errorf("the connection test of %s (%s at %s) failed: %w", s.prof.Name, s.prov.DisplayName(), s.prof.URL, err)
	}
	return out, err
}

// sayConnected prints a test that passed.
func (inv *invocation) sayConnected(out connectionJSON) {
	fmt.Fprintf(inv.io.Out, "ok: %s (%s at %s): %s\n", out.Profile, displayName(out.Provider), out.URL, client.Sanitize(out.Message))
}

// displayName is a provider kind's name for people.
func displayName(kind string) string {
	if d, ok := registry.Lookup(kind); ok {
		return d.DisplayName
	}
	return client.Sanitize(kind)
}

// json is check --json's object for one profile.
func (a audited) json(now time.Time, window, unused time.Duration) checkJSON {
	s := a.s
	out := checkJSON{Profile: s.prof.Name, Provider: s.prov.Kind(), CheckedAt: tokenout.At(now), WithinSeconds: int64(window / time.Second),
		UnusedSeconds: int64(unused / time.Second), TokensChecked: len(s.tokens), Findings: []findingJSON{}, Ignored: a.ignored,
		LastUseReported: a.reportsUse}
	for _, f := range a.found {
		out.Findings = append(out.Findings, findingJSON{Finding: f.Kind, Detail: f.Detail, ID: f.Token.ID, Name: f.Token.Name,
			ExpiresAt: tokenout.At(f.Token.ExpiresAt), Profile: s.prof.Name})
	}
	return out
}

// checkAllJSONOut is check --all-profiles --json's output: one check
// object per profile read, and the profiles that could not be.
type checkAllJSONOut struct {
	CheckedAt     jsonTime            `json:"checked_at"`
	WithinSeconds int64               `json:"within_seconds"`
	UnusedSeconds int64               `json:"unused_seconds"`
	Profiles      []checkJSON         `json:"profiles"`
	Failed        []profileFailedJSON `json:"failed"`
}

// profileFailedJSON is a profile that could not be read.
type profileFailedJSON struct {
	Profile  string `json:"profile"`
	Provider string `json:"provider"`
	Error    string `json:"error"`
}

func checkAllJSON(all []audited, runs []profileRun, now time.Time, window, unused time.Duration) checkAllJSONOut {
	out := checkAllJSONOut{CheckedAt: tokenout.At(now), WithinSeconds: int64(window / time.Second), UnusedSeconds: int64(unused / time.Second),
		Profiles: []checkJSON{}, Failed: failedJSON(runs)}
	for _, a := range all {
		out.Profiles = append(out.Profiles, a.json(now, window, unused))
	}
	return out
}

// failedJSON is the runs that failed, for --json.
func failedJSON(runs []profileRun) []profileFailedJSON {
	out := []profileFailedJSON{}
	for _, r := range runs {
		if r.err != nil {
			out = append(out, profileFailedJSON{Profile: r.prof.Name, Provider: r.prof.Provider, Error: client.Scrub(profileError(r.prof, r.err))})
		}
	}
	return out
}

// audit lists what is worth a look about one token.
func audit(t client.Token, now time.Time, window time.Duration, ipsSupported bool) []finding {
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
	case t.ExpiresWithin(now, window):
		out = append(out, finding{t, findingExpiring, "expires " + t.ExpiresAt.In(now.Location()).Format("2006-01-02 15:04") + " (" + relative(t.ExpiresAt, now) + ")"})
	}
	if ipsSupported && len(t.AllowedIPs) == 0 {
		out = append(out, finding{t, findingNoIPLimit, "any IP address may use it"})
	}
	if why, ok := canCreateTokens(t); ok {
		out = append(out, finding{t, findingCreatesTokens, why})
	}
	return out
}

// invalidDateDetail says which dates the server sent that are not valid.
func invalidDateDetail(t client.Token) string {
	d := "not a valid date: " + t.InvalidDates.Words()
	if t.ExpiryInvalid() {
		d += "; when it expires is unknown"
	}
	return d
}

func (inv *invocation) writeFindings(found []finding, withProfile bool) error {
	if len(found) == 0 {
		return nil
	}
	tb := newTable("FINDING", "ID", "NAME", "DETAIL")
	if withProfile {
		tb = newTable("PROFILE", "FINDING", "ID", "NAME", "DETAIL")
	}
	for _, f := range found {
		tn := toneExpiring
		if f.Kind == findingExpired || f.Kind == findingInvalidDate {
			tn = toneExpired
		}
		row := []cell{{text: f.Kind, tone: tn}, plain(f.Token.ID), plain(f.Token.Name), plain(f.Detail)}
		if withProfile {
			row = append([]cell{plain(f.Token.Profile)}, row...)
		}
		tb.add(row...)
	}
	st, styled := inv.styles()
	return tb.write(inv.io.Out, st, styled)
}

// reportsLastUse says whether the provider says when a token was last used
// (a zero time then means never used, not unknown).
func reportsLastUse(p client.Provider) bool {
	d, ok := registry.Lookup(p.Kind())
	return ok && d.Can.ReportsLastUse()
}

// unusedFinding: a token valid now that nobody used within the window
// (never used: since it was created). Only where last use is reported.
func unusedFinding(t client.Token, now time.Time, window time.Duration, reportsUse bool) (finding, bool) {
	if window <= 0 || !reportsUse || t.ExpiredAt(now) || t.InvalidDates.Has(client.DateLastUsed) {
		return finding{}, false
	}
	since := t.LastUsedAt
	detail := "last used " + since.In(now.Location()).Format("2006-01-02") + " (" + relative(since, now) + ")"
	if since.IsZero() {
		if t.CreatedAt.IsZero() || t.InvalidDates.Has(client.DateCreated) {
			return finding{}, false // how long it has been unused is unknown
		}
		since, detail = t.CreatedAt, "never used; created "+t.CreatedAt.In(now.Location()).Format("2006-01-02")+" ("+relative(t.CreatedAt, now)+")"
	}
	if now.Sub(since) < window {
		return finding{}, false
	}
	return finding{t, findingUnused, detail}, true
}

// ignoreRule is one entry of --ignore or check_ignore: a token (ID, ID
// prefix, name) and, optionally, the one finding of it to leave out.
type ignoreRule struct {
	raw, token, kind string
}

type ignoreRules []ignoreRule

// parseIgnores reads the entries; "NAME:KIND" names a kind only when KIND
// is one (a name may hold a colon).
func parseIgnores(entries []string) ignoreRules {
	var out ignoreRules
	for _, e := range entries {
		r := ignoreRule{raw: e, token: strings.TrimSpace(e)}
		if i := strings.LastIndexByte(r.token, ':'); i > 0 && slices.Contains(findingKinds, r.token[i+1:]) {
			r.token, r.kind = strings.TrimSpace(r.token[:i]), r.token[i+1:]
		}
		out = append(out, r)
	}
	return out
}

// matches reports whether the rule names token t.
func (r ignoreRule) matches(t client.Token) bool {
	return r.token == t.ID || r.token == t.Name || len(r.token) >= minPrefix && strings.HasPrefix(t.ID, r.token)
}

// ignores reports whether a rule leaves out finding f.
func (rs ignoreRules) ignores(f finding) bool {
	for _, r := range rs {
		if r.matches(f.Token) && (r.kind == "" || r.kind == f.Kind) {
			return true
		}
	}
	return false
}

// unmatched are the entries that name no token: stale, or mistyped.
func (rs ignoreRules) unmatched(tokens []client.Token) []string {
	var out []string
	for _, r := range rs {
		if !slices.ContainsFunc(tokens, r.matches) {
			out = append(out, r.raw)
		}
	}
	return out
}
