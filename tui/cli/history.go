package cli

import (
	"context"
	"os"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/history"
)

// History: every create and revoke a command carries out (or tries, or may
// have carried out) is appended to the history file that the dashboard
// writes too. A history that cannot be written is a warning: the token
// work is done either way. The demo's actions are not written: its tokens
// exist only in memory.

// historyLog is the history file the environment names; nil for the demo.
func (inv *invocation) historyLog() history.Log {
	if inv.global.Demo {
		return nil
	}
	path, err := history.DefaultPath(inv.io.Env, os.UserHomeDir)
	if err != nil {
		inv.warn("history not kept: " + err.Error())
		return nil
	}
	return &history.File{Path: path}
}

// record appends what was done on s's profile, saying on stderr when it
// cannot: a warning, never a failure of the command.
func (inv *invocation) record(s *session, recs ...history.Record) {
	log := inv.historyLog()
	if log == nil || len(recs) == 0 {
		return
	}
	for i := range recs {
		recs[i].Via, recs[i].Profile, recs[i].Provider = history.ViaCLI, s.prof.Name, s.prov.Kind()
	}
	if err := log.Append(recs...); err != nil {
		inv.warn("the history was not written (the token work is done): " + err.Error())
	}
}

// historyFlags is what history was given.
type historyFlags struct {
	asJSON  bool
	profile string
	last    int
}

func historyCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f historyFlags
	cmd := inv.command(spec{
		name:    "history",
		usage:   "tokentui history [--json] [--profile NAME] [--last N]",
		summary: "show what tokentui did: every create, rotate, revoke and expiry change",
		about: `Show the history of what tokentui did, oldest first: every create, rotate,
revoke and expiry change made from the dashboard or the command line, with
its time, profile, provider, token id and name, grants and expiry, and its
outcome (ok, failed, or unknown: the answer was lost, so it may have been
carried out). It never holds a secret or an admin token. It is kept in
$XDG_STATE_HOME/tokentui/history.jsonl (~/.local/state/tokentui by default),
readable by you alone; past 1 MiB it moves to history.1.jsonl, replacing the
one before. The demo's actions are not written.`,
		args: noArgs(""),
		run:  func(_ context.Context, _ []string) error { return inv.history(f) },
	})
	fs := cmd.Flags()
	fs.BoolVar(&f.asJSON, "json", false, "print JSON: an array of records (fields in JSON.md)")
	fs.StringVar(&f.profile, "profile", "", "only the records of the profile called `NAME`")
	fs.IntVar(&f.last, "last", 0, "only the last `N` records (0: all)")
	must(cmd.RegisterFlagCompletionFunc("profile", inv.completeProfiles))
	must(cmd.RegisterFlagCompletionFunc("last", cobra.NoFileCompletions))
	return cmd
}

func (inv *invocation) history(f historyFlags) error {
	if f.last < 0 {
		return usagef("--last %d: give a number of records, or 0 for all", f.last)
	}
	path, err := history.DefaultPath(inv.io.Env, os.UserHomeDir)
	if err != nil {
		return err
	}
	recs, warnings, err := (&history.File{Path: path}).Read()
	for _, w := range warnings {
		inv.warn(w)
	}
	if err != nil {
		return err
	}
	kept := []history.Record{} // [] in JSON when there is none
	for _, r := range recs {
		if f.profile == "" || r.Profile == f.profile {
			kept = append(kept, r)
		}
	}
	if f.last > 0 && len(kept) > f.last {
		kept = kept[len(kept)-f.last:]
	}
	if f.asJSON {
		return inv.writeJSON(kept)
	}
	if len(kept) == 0 {
		inv.info("no history yet in " + path)
		return nil
	}
	return inv.writeHistory(kept)
}

// writeHistory prints records as a table, times in local time.
func (inv *invocation) writeHistory(recs []history.Record) error {
	tb := newTable("TIME", "ACTION", "OUTCOME", "PROFILE", "ID", "NAME", "DETAIL")
	now := inv.io.Now()
	for _, r := range recs {
		outcome := plain(r.Outcome)
		if r.Outcome != history.OutcomeOK {
			outcome.tone = toneExpired
		}
		tb.add(plain(r.Time.In(now.Location()).Format("2006-01-02 15:04:05")), plain(r.Action), outcome,
			plain(r.Profile), plain(r.TokenID), plain(r.Name), plain(r.Summary()))
	}
	st, styled := inv.styles()
	return tb.write(inv.io.Out, st, styled)
}
