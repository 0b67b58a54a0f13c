package cli

import (
	"bufio"
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/internal/prefetch"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// listFlags is what list was given.
type listFlags struct {
	asJSON, asCSV bool
	all           bool
	filter        string
	expiring      string
	expired       bool
}

func listCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f listFlags
	cmd := inv.command(spec{
		name:    "list",
		usage:   "tokentui list [--json | --csv] [--all-profiles] [--filter TEXT] [--expiring 7d] [--expired]",
		summary: "list tokens as a table, JSON or CSV",
		about: `List the tokens of the profile, sorted by name; with --all-profiles, of every
profile of the config file, profile by profile, with a PROFILE column (and
"profile" in JSON and CSV). A profile that cannot be read is named on stderr
and makes the exit code non-zero; the others are listed all the same.
--expiring and --expired together list both kinds; --filter narrows either.`,
		args: noArgs("to search, use --filter"),
		run:  func(ctx context.Context, _ []string) error { return inv.list(ctx, f) },
	})
	fs := cmd.Flags()
	fs.BoolVar(&f.asJSON, "json", false, "print JSON (fields in JSON.md); Unleash secrets are masked")
	fs.BoolVar(&f.asCSV, "csv", false, "print CSV: the JSON fields, one token a row (lists joined with ;)")
	fs.BoolVar(&f.all, "all-profiles", false, "list every profile of the config file (or every demo profile with --demo)")
	fs.StringVar(&f.filter, "filter", "", "only tokens whose id, name, permissions or creator contain `TEXT` (any case)")
	fs.StringVar(&f.expiring, "expiring", "", "only tokens that are valid now and expire within `DURATION` (7d, 12h, 2w)")
	fs.BoolVar(&f.expired, "expired", false, "only tokens that have expired")
	inv.addProfileFlags(cmd)
	must(cmd.RegisterFlagCompletionFunc("filter", cobra.NoFileCompletions))
	must(cmd.RegisterFlagCompletionFunc("expiring", completeDurations))
	return cmd
}

// listed is one profile's part of the output: the tokens kept and the
// order they are printed in (indices into kept).
type listed struct {
	s     *session
	kept  []client.Token
	order []int32
}

func (inv *invocation) list(ctx context.Context, f listFlags) error {
	var window time.Duration
	if f.expiring != "" {
		w, err := parseWindow(f.expiring)
		if err != nil {
			return usagef("--expiring: %s", err)
		}
		window = w
	}
	if f.asJSON && f.asCSV {
		return usagef("--json and --csv: choose one")
	}
	now := inv.io.Now()
	if !f.all {
		s, err := inv.connect(ctx, readTokens)
		if err != nil {
			return err
		}
		return inv.writeList([]listed{f.keep(s, window, now)}, f, now)
	}
	runs, err := inv.connectAll(ctx, readTokens)
	if err != nil {
		return err
	}
	var parts []listed
	for _, s := range sessions(runs) {
		parts = append(parts, f.keep(s, window, now))
	}
	err = inv.writeList(parts, f, now)
	return failedOr(err, inv.reportFailed(runs))
}

// keep is what the flags keep of s's tokens, in the order printed.
func (f listFlags) keep(s *session, window time.Duration, now time.Time) listed {
	text := strings.ToLower(strings.TrimSpace(f.filter))
	if text == "" && !f.expired && window == 0 {
		return listed{s: s, kept: s.tokens, order: nameOrder(s.tokens)} // no copy
	}
	kept := s.tokens[:0]
	for i := range s.tokens {
		t := &s.tokens[i]
		if !matches(t, text) {
			continue
		}
		if f.expired || window > 0 {
			if !(f.expired && t.ExpiredAt(now)) && !(window > 0 && t.ExpiresWithin(now, window)) {
				continue
			}
		}
		kept = append(kept, *t)
	}
	return listed{s: s, kept: kept, order: nameOrder(kept)}
}

// writeList prints the parts, profile after profile, as the flags ask:
// JSON, CSV or a table.
func (inv *invocation) writeList(parts []listed, f listFlags, now time.Time) error {
	if !f.asJSON && !f.asCSV {
		return inv.writeTokenTable(parts, now, f.all)
	}
	w := bufio.NewWriterSize(inv.io.Out, 64<<10)
	if f.asJSON && !inv.io.OutIsTerminal {
		count, listed := listedTokens(parts)
		return tokenout.WriteListed(w, count, listed, now)
	}
	count, token := objects(parts, now)
	if f.asCSV {
		if err := tokenout.WriteCSV(w, count, token); err != nil {
			return err
		}
		return w.Flush()
	}
	out := make([]jsonToken, count)
	for pos := range out {
		out[pos] = token(pos)
	}
	return inv.writeJSON(out) // indented for a person
}

// listedTokens numbers the parts' tokens in the order printed: how many,
// and the pos-th with where it was listed.
func listedTokens(parts []listed) (int, func(pos int) tokenout.Listed) {
	starts := positions(parts)
	return starts[len(parts)], func(pos int) tokenout.Listed {
		p, t := at(parts, starts, pos)
		return tokenout.Listed{Token: t, Profile: p.s.prof.Name, Kind: p.s.prov.Kind()}
	}
}

// objects numbers the parts' tokens in the order printed: how many, and
// the pos-th as JSON.md's object, made when it is written.
func objects(parts []listed, now time.Time) (int, func(pos int) jsonToken) {
	starts := positions(parts)
	return starts[len(parts)], func(pos int) jsonToken {
		p, t := at(parts, starts, pos)
		return p.s.object(t, now)
	}
}

// positions numbers the parts' tokens in the order printed: starts[i] is
// the position of part i's first, starts[len(parts)] how many in all.
func positions(parts []listed) []int {
	starts := make([]int, len(parts)+1)
	for i, p := range parts {
		starts[i+1] = starts[i] + len(p.order)
	}
	return starts
}

// at is the token printed at pos, and its part.
func at(parts []listed, starts []int, pos int) (*listed, *client.Token) {
	i := 0
	for starts[i+1] <= pos { // a handful of profiles
		i++
	}
	p := &parts[i]
	return p, &p.kept[p.order[pos-starts[i]]]
}

// soonWindow is when an expiry turns yellow in a table.
const soonWindow = 7 * 24 * time.Hour

// writeTokenTable writes the parts' tokens in order as an aligned table:
// the rows are made on every core into the table's compact store (no
// string or style kept per cell), then written; with withProfile, a
// PROFILE column first.
func (inv *invocation) writeTokenTable(parts []listed, now time.Time, withProfile bool) error {
	var hasIPs, hasSecrets, hasOwners bool
	total := 0
	for _, p := range parts {
		total += len(p.order)
		for i := range p.kept {
			t := &p.kept[i]
			hasIPs = hasIPs || len(t.AllowedIPs) > 0
			hasSecrets = hasSecrets || t.Secret != "" || t.SecretNote != ""
			hasOwners = hasOwners || t.Owner != ""
		}
	}
	if total == 0 {
		inv.info("no tokens match")
		return nil
	}
	tb := newTable("ID", "NAME", "ACCESS", "EXPIRES", "LAST USED")
	if withProfile {
		tb = newTable("PROFILE", "ID", "NAME", "ACCESS", "EXPIRES", "LAST USED")
	}
	tb.addColumn(hasOwners, "OWNER")
	tb.addColumn(hasIPs, "ALLOWED IPS")
	tb.addColumn(hasSecrets, "SECRET")
	starts := positions(parts)
	tb.addRows(total, func(from, to int) {
		batch := make([]*client.Token, 0, to-from)
		for pos := from; pos < to; pos++ {
			_, t := at(parts, starts, pos)
			batch = append(batch, t)
		}
		prefetch.Touch(batch)
	}, func(pos int, row []cell) []cell {
		_, t := at(parts, starts, pos)
		if withProfile {
			row = append(row, plain(t.Profile))
		}
		return tokenRow(row, t, now, hasOwners, hasIPs, hasSecrets)
	})
	st, styled := inv.styles()
	return tb.write(inv.io.Out, st, styled)
}

// tokenRow appends the cells of t's row to row.
func tokenRow(row []cell, t *client.Token, now time.Time, hasOwners, hasIPs, hasSecrets bool) []cell {
	name := plain(t.Name)
	if t.Self {
		name.text += " (you)" // the admin token this command ran with
	}
	row = append(row, plain(t.ID), name, plain(access(t)), expiryCell(t, now), lastUsedCell(t, now))
	if hasOwners {
		row = append(row, ownerCell(t))
	}
	if hasIPs {
		ips := strings.Join(t.AllowedIPs, ",")
		if ips == "" {
			ips = "any"
		}
		row = append(row, plain(ips))
	}
	if hasSecrets {
		row = append(row, secretCell(t))
	}
	return row
}

// ownerCell is who the token belongs to; "-" for the organisation's own.
func ownerCell(t *client.Token) cell {
	if t.Owner == "" {
		return cell{text: "-", tone: toneMuted}
	}
	return plain(t.Owner)
}

// secretCell is the masked secret, or why the list holds none.
func secretCell(t *client.Token) cell {
	if t.Secret == "" && t.SecretNote != "" {
		return cell{text: "not kept (hash only)", tone: toneMuted}
	}
	return cell{text: client.MaskSecret(t.Secret), tone: toneMuted}
}

func expiryCell(t *client.Token, now time.Time) cell {
	switch {
	case t.ExpiryInvalid(): // unknown, so never "never"
		return cell{text: client.InvalidDate, tone: toneExpired}
	case !t.Expires():
		return cell{text: "never", tone: toneMuted}
	case t.ExpiredAt(now):
		return cell{text: dayAndRelative("expired ", t.ExpiresAt, now), tone: toneExpired}
	}
	c := cell{text: dayAndRelative("", t.ExpiresAt, now)}
	if t.ExpiresWithin(now, soonWindow) {
		c.tone = toneExpiring
	}
	return c
}

// dayAndRelative is prefix, t's day and how far it is from now:
// "expired 2026-01-02 (3d ago)", made as one string (a cell of each of a
// table's rows).
func dayAndRelative(prefix string, t, now time.Time) string {
	b := make([]byte, 0, 48)
	b = append(b, prefix...)
	b = t.In(now.Location()).AppendFormat(b, "2006-01-02")
	b = appendRelative(append(b, " ("...), t, now)
	return string(append(b, ')'))
}

// lastUsedCell is when the token was last used: "never" only where the API
// says so; "not reported" where it does not report last use at all.
func lastUsedCell(t *client.Token, now time.Time) cell {
	switch {
	case t.InvalidDates.Has(client.DateLastUsed):
		return cell{text: client.InvalidDate, tone: toneExpired}
	case !t.LastUseReported():
		return cell{text: "not reported", tone: toneMuted}
	case t.LastUsedAt.IsZero():
		return cell{text: "never", tone: toneMuted}
	}
	if !t.LastUsedAt.Before(now) {
		return plain("just now") // a server clock slightly ahead of ours
	}
	return plain(relative(t.LastUsedAt, now))
}
