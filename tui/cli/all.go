package cli

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// --all-profiles: list, check and find read every profile of the config
// file at once, concurrently. A profile that cannot be read is named on
// stderr and makes the exit code non-zero, but never hides what the
// others said.

// profileRun is one profile of an all-profiles command: its session, or
// why it could not be read.
type profileRun struct {
	prof profile.Profile
	s    *session // nil when err is set
	err  error
}

// connectAll resolves every profile (profile.ResolveAll) and opens each,
// reading what the command needs, all at once. Token sources that may
// wait for a person still ask one at a time (profile.Token).
func (inv *invocation) connectAll(ctx context.Context, what reads) ([]profileRun, error) {
	sel, err := inv.resolve(profile.ResolveAll)
	if err != nil {
		return nil, err
	}
	runs := make([]profileRun, len(sel.Profiles))
	var wg sync.WaitGroup
	for i, p := range sel.Profiles {
		runs[i].prof = p
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[i].s, runs[i].err = openSession(ctx, p, what)
		}()
	}
	wg.Wait()
	return runs, nil
}

// sessions are the runs that could be read, in config order.
func sessions(runs []profileRun) []*session {
	var out []*session
	for _, r := range runs {
		if r.s != nil {
			out = append(out, r.s)
		}
	}
	return out
}

// reportFailed names each profile that could not be read on stderr and
// returns the exit code they stand for: 0 when there is none, their code
// when they agree (3: every one a refused admin token), else 1.
func (inv *invocation) reportFailed(runs []profileRun) int {
	code := exitcode.OK
	for _, r := range runs {
		if r.err == nil {
			continue
		}
		fmt.Fprintf(inv.io.Err, "%s: %s\n", inv.path, client.Scrub(profileError(r.prof, r.err)))
		switch c := exitCode(r.err); {
		case code == exitcode.OK:
			code = c
		case code != c:
			code = exitcode.Failure
		}
	}
	return code
}

// profileError is err naming its profile, once: profile errors name it
// already, an API's do not.
func profileError(p profile.Profile, err error) string {
	msg := err.Error()
	if strings.HasPrefix(msg, "profile "+p.Name) {
		return msg
	}
	return "profile " + p.Name + " (" + p.DisplayProvider() + "): " + msg
}

// failedOr is the exit code of a command whose own outcome is err, when
// some profiles could not be read: their code (already reported) unless
// err says worse.
func failedOr(err error, failed int) error {
	if err != nil || failed == exitcode.OK {
		return err
	}
	return &shownError{code: failed}
}
