package cli

import (
	"bufio"
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
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

// listed is one token to print and the session it was listed on.
type listed struct {
	t client.Token
	s *session
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
		return inv.writeList(f.keep(nil, s, window, now), f, now)
	}
	runs, err := inv.connectAll(ctx, readTokens)
	if err != nil {
		return err
	}
	var rows []listed
	for _, s := range sessions(runs) {
		rows = f.keep(rows, s, window, now)
	}
	err = inv.writeList(rows, f, now)
	return failedOr(err, inv.reportFailed(runs))
}

// keep appends the tokens of s the flags keep, sorted, to rows.
func (f listFlags) keep(rows []listed, s *session, window time.Duration, now time.Time) []listed {
	text := strings.ToLower(strings.TrimSpace(f.filter))
	kept := s.tokens[:0]
	for _, t := range s.tokens {
		if !matches(t, text) {
			continue
		}
		if f.expired || window > 0 {
			if !(f.expired && t.ExpiredAt(now)) && !(window > 0 && t.ExpiresWithin(now, window)) {
				continue
			}
		}
		kept = append(kept, t)
	}
	sortTokens(kept)
	for _, t := range kept {
		rows = append(rows, listed{t, s})
	}
	return rows
}

// writeList prints the rows as the flags ask: JSON, CSV or a table.
func (inv *invocation) writeList(rows []listed, f listFlags, now time.Time) error {
	if !f.asJSON && !f.asCSV {
		return inv.writeTokenTable(rows, now, f.all)
	}
	out := make([]jsonToken, len(rows))
	for i, r := range rows {
		out[i] = r.s.object(r.t, now)
	}
	w := bufio.NewWriterSize(inv.io.Out, 64<<10)
	switch {
	case f.asCSV:
		if err := tokenout.WriteCSV(w, out); err != nil {
			return err
		}
		return w.Flush()
	case inv.io.OutIsTerminal:
		return inv.writeJSON(out) // indented for a person
	}
	return tokenout.WriteJSON(w, out)
}

// soonWindow is when an expiry turns yellow in a table.
const soonWindow = 7 * 24 * time.Hour

func (inv *invocation) writeTokenTable(rows []listed, now time.Time, withProfile bool) error {
	st, styled := inv.styles()
	var hasIPs, hasSecrets, hasOwners bool
	for _, r := range rows {
		t := r.t
		hasIPs = hasIPs || len(t.AllowedIPs) > 0
		hasSecrets = hasSecrets || t.Secret != "" || t.SecretNote != ""
		hasOwners = hasOwners || t.Owner != ""
	}
	tb := &table{header: []string{"ID", "NAME", "ACCESS", "EXPIRES", "LAST USED"}}
	if withProfile {
		tb.header = append([]string{"PROFILE"}, tb.header...)
	}
	if hasOwners {
		tb.header = append(tb.header, "OWNER")
	}
	if hasIPs {
		tb.header = append(tb.header, "ALLOWED IPS")
	}
	if hasSecrets {
		tb.header = append(tb.header, "SECRET")
	}
	for _, r := range rows {
		t := r.t
		name := plain(t.Name)
		if t.Self {
			name.text += " (you)" // the admin token this command ran with
		}
		row := []cell{plain(t.ID), name, plain(access(t)), expiryCell(t, now, st), lastUsedCell(t, now, st)}
		if withProfile {
			row = append([]cell{plain(t.Profile)}, row...)
		}
		if hasOwners {
			row = append(row, ownerCell(t, st))
		}
		if hasIPs {
			ips := strings.Join(t.AllowedIPs, ",")
			if ips == "" {
				ips = "any"
			}
			row = append(row, plain(ips))
		}
		if hasSecrets {
			row = append(row, secretCell(t, st))
		}
		tb.add(row...)
	}
	if len(rows) == 0 {
		inv.info("no tokens match")
		return nil
	}
	return tb.write(inv.io.Out, st, styled)
}

// ownerCell is who the token belongs to; "-" for the organisation's own.
func ownerCell(t client.Token, st themeStyles) cell {
	if t.Owner == "" {
		return cell{text: "-", style: st.Muted}
	}
	return plain(t.Owner)
}

// secretCell is the masked secret, or why the list holds none.
func secretCell(t client.Token, st themeStyles) cell {
	if t.Secret == "" && t.SecretNote != "" {
		return cell{text: "not kept (hash only)", style: st.Muted}
	}
	return cell{text: client.MaskSecret(t.Secret), style: st.Muted}
}

func expiryCell(t client.Token, now time.Time, st themeStyles) cell {
	switch {
	case t.ExpiryInvalid(): // unknown, so never "never"
		return cell{text: client.InvalidDate, style: st.Expired}
	case !t.Expires():
		return cell{text: "never", style: st.Muted}
	case t.ExpiredAt(now):
		return cell{text: "expired " + t.ExpiresAt.In(now.Location()).Format("2006-01-02") + " (" + relative(t.ExpiresAt, now) + ")", style: st.Expired}
	}
	c := cell{text: t.ExpiresAt.In(now.Location()).Format("2006-01-02") + " (" + relative(t.ExpiresAt, now) + ")"}
	if t.ExpiresWithin(now, soonWindow) {
		c.style = st.Expiring
	}
	return c
}

// lastUsedCell is when the token was last used: "never" only where the API
// says so; "not reported" where it does not report last use at all.
func lastUsedCell(t client.Token, now time.Time, st themeStyles) cell {
	switch {
	case t.InvalidDates.Has(client.DateLastUsed):
		return cell{text: client.InvalidDate, style: st.Expired}
	case !t.LastUseReported():
		return cell{text: "not reported", style: st.Muted}
	case t.LastUsedAt.IsZero():
		return cell{text: "never", style: st.Muted}
	}
	if !t.LastUsedAt.Before(now) {
		return plain("just now") // a server clock slightly ahead of ours
	}
	return plain(relative(t.LastUsedAt, now))
}
