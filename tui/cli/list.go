package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
)

// listFlags is what list was given.
type listFlags struct {
	asJSON   bool
	filter   string
	expiring string
	expired  bool
}

func listCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f listFlags
	cmd := inv.command(spec{
		name:    "list",
		usage:   "tokentui list [--json] [--filter TEXT] [--expiring 7d] [--expired]",
		summary: "list tokens as a table or JSON",
		about:   "List the tokens of the profile, sorted by name. --expiring and --expired\ntogether list both kinds; --filter narrows either.",
		args:    noArgs("to search, use --filter"),
		run:     func(ctx context.Context, _ []string) error { return inv.list(ctx, f) },
	})
	fs := cmd.Flags()
	fs.BoolVar(&f.asJSON, "json", false, "print JSON (fields in JSON.md); Unleash secrets are masked")
	fs.StringVar(&f.filter, "filter", "", "only tokens whose id, name, permissions or creator contain `TEXT` (any case)")
	fs.StringVar(&f.expiring, "expiring", "", "only tokens that are valid now and expire within `DURATION` (7d, 12h, 2w)")
	fs.BoolVar(&f.expired, "expired", false, "only tokens that have expired")
	inv.addProfileFlags(cmd)
	must(cmd.RegisterFlagCompletionFunc("filter", cobra.NoFileCompletions))
	must(cmd.RegisterFlagCompletionFunc("expiring", completeDurations))
	return cmd
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

	s, err := inv.connect(ctx, readTokens)
	if err != nil {
		return err
	}
	now := inv.io.Now()
	kept := f.keep(s.tokens, now, window)
	order := nameOrder(kept)

	if f.asJSON {
		token := func(pos int) jsonToken { return toJSON(&kept[order[pos]], now) }
		if inv.io.OutIsTerminal {
			out := make([]jsonToken, len(order))
			for pos := range out {
				out[pos] = token(pos)
			}
			return inv.writeJSON(out) // indented for a person
		}
		return writeTokensJSON(inv.io.Out, len(order), token)
	}
	return inv.writeTokenTable(kept, order, now)
}

// keep is the tokens the flags ask for (tokens itself, filtered in place);
// expiring within window, if not 0.
func (f listFlags) keep(tokens []client.Token, now time.Time, window time.Duration) []client.Token {
	text := strings.ToLower(strings.TrimSpace(f.filter))
	if text == "" && !f.expired && window == 0 {
		return tokens
	}
	kept := tokens[:0]
	for i := range tokens {
		t := &tokens[i]
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
	return kept
}

// soonWindow is when an expiry turns yellow in a table.
const soonWindow = 7 * 24 * time.Hour

// writeTokenTable writes tokens in order as an aligned table: the rows are
// made on every core into the table's compact store (no string or style
// kept per cell), then written.
func (inv *invocation) writeTokenTable(tokens []client.Token, order []int32, now time.Time) error {
	if len(tokens) == 0 {
		inv.info("no tokens match")
		return nil
	}
	var hasIPs, hasSecrets, hasOwners bool
	for i := range tokens {
		t := &tokens[i]
		hasIPs = hasIPs || len(t.AllowedIPs) > 0
		hasSecrets = hasSecrets || t.Secret != "" || t.SecretNote != ""
		hasOwners = hasOwners || t.Owner != ""
	}
	tb := newTable("ID", "NAME", "ACCESS", "EXPIRES", "LAST USED")
	tb.addColumn(hasOwners, "OWNER")
	tb.addColumn(hasIPs, "ALLOWED IPS")
	tb.addColumn(hasSecrets, "SECRET")
	tb.addRows(len(order), func(pos int, row []cell) []cell {
		t := &tokens[order[pos]]
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
	})
	st, styled := inv.styles()
	return tb.write(inv.io.Out, st, styled)
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
		return cell{text: "expired " + t.ExpiresAt.In(now.Location()).Format("2006-01-02") + " (" + relative(t.ExpiresAt, now) + ")", tone: toneExpired}
	}
	c := cell{text: t.ExpiresAt.In(now.Location()).Format("2006-01-02") + " (" + relative(t.ExpiresAt, now) + ")"}
	if t.ExpiresWithin(now, soonWindow) {
		c.tone = toneExpiring
	}
	return c
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
