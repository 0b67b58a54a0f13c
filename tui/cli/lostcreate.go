package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/exitcode"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// lostCreateJSON is create --json's output when the create's outcome is
// unknown (exit 4); see JSON.md.
type lostCreateJSON struct {
	Outcome    string      `json:"outcome"`  // "unknown"
	Accepted   bool        `json:"accepted"` // the server answered 2xx: the token exists
	Error      string      `json:"error"`
	Candidates []string    `json:"candidates"`
	Searched   bool        `json:"searched"` // the list could be read afterwards
	Found      []jsonToken `json:"found"`
}

// searchTimeout bounds the look at the list after a lost create.
const searchTimeout = 30 * time.Second

// reportLostCreate is create's answer when the server may have made the
// token but its answer was lost or unreadable: it says so, does not retry
// (that could make a second token), prints on stdout whatever in the answer
// may be the secret, looks for a token of that name made since, and says
// how to revoke it. It exits 4.
func (inv *invocation) reportLostCreate(ctx context.Context, s *session, req client.NewToken, u *client.UnknownOutcomeError, asJSON bool, sentAt time.Time) error {
	name := client.Sanitize(req.Name)
	if u.Accepted {
		inv.info(fmt.Sprintf("tokentui: the token %q was created on %s, but the answer could not be read: %s", name, s.prof.Name, u.Err))
	} else {
		inv.info(fmt.Sprintf("tokentui: the token %q may have been created on %s: %s", name, s.prof.Name, u.Err))
	}
	inv.info("tokentui does not retry: the request reached the server, and a second one could create a second token.")

	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), searchTimeout)
	defer cancel()
	tokens, searchErr := s.prov.List(sctx)
	found := client.Appeared(tokens, req.Name, nil, sentAt)
	now := inv.io.Now()

	if asJSON {
		out := lostCreateJSON{Outcome: "unknown", Accepted: u.Accepted, Error: u.Err.Error(), Candidates: tokenout.OrEmpty(u.Candidates), Searched: searchErr == nil, Found: []jsonToken{}}
		for _, t := range found {
			out.Found = append(out.Found, s.object(&t, now))
		}
		if err := inv.writeJSON(out); err != nil {
			return err
		}
	} else {
		for _, c := range u.Candidates {
			fmt.Fprintln(inv.io.Out, c)
		}
	}
	inv.sayCandidates(len(u.Candidates), asJSON)
	inv.sayFound(found, searchErr, name, s.prof.Name, len(u.Candidates) > 0)
	return &shownError{code: exitcode.Unknown}
}

// sayCandidates tells, on stderr, what the strings on stdout are.
func (inv *invocation) sayCandidates(n int, asJSON bool) {
	where := "printed on stdout, one a line"
	if asJSON {
		where = `in "candidates"`
	}
	switch {
	case n == 1:
		inv.info("the answer held 1 string that may be the secret (a guess: check it before you rely on it), " + where)
	case n > 1:
		inv.info(fmt.Sprintf("the answer held %d strings, one of which may be the secret (a guess: check before you rely on one), %s", n, where))
	}
}

// sayFound tells what the list holds now, and what to do about it.
func (inv *invocation) sayFound(found []client.Token, searchErr error, name, profile string, candidates bool) {
	switch {
	case searchErr != nil:
		inv.info("could not read the token list to look for it (" + searchErr.Error() + "): check with 'tokentui list --filter " + shellWord(name) + "' before creating it again")
	case len(found) == 0:
		inv.info("no token named " + fmt.Sprintf("%q", name) + " is in the list now: it was probably not created, though a server may take a moment to list a new token. Check again with 'tokentui list --filter " + shellWord(name) + "' before creating it again.")
	default:
		var ids []string
		for _, t := range found {
			inv.info("it is in the list now: " + describe(t))
			ids = append(ids, t.ID)
		}
		what := "its secret was not received: nothing can use it"
		if candidates {
			what = "unless a string printed on stdout is its secret, nothing can use it"
		}
		inv.info(what + "; revoke it with 'tokentui revoke " + strings.Join(ids, " ") + "' and this command's profile flags (" + profile + ")")
	}
}

// shellWord quotes s for a shell command line when it needs it.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.@:/", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
