package cli

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// --url alone means GoodAccess for the commands as for the dashboard.
func TestURLAloneIsTheLegacyProvider(t *testing.T) {
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	r := run(t, runOpts{env: map[string]string{"TOKENTUI_TOKEN": g.AdminToken}}, "list", "--json", "--url", g.URL)
	if r.code != exitcode.OK || len(decodeList(t, r.out)) != g.Len() {
		t.Fatalf("list --url: exit %d err %q", r.code, r.err)
	}
	r = run(t, runOpts{env: map[string]string{"TOKENTUI_TOKEN": g.AdminToken}}, "check", "--url", g.URL)
	if r.code == exitcode.Usage {
		t.Fatalf("check --url: exit %d err %q", r.code, r.err)
	}
}

// TOKENTUI_URL without TOKENTUI_TOKEN is a missing admin token (exit 3),
// not a missing profile.
func TestLegacyURLWithoutTokenIsAMissingToken(t *testing.T) {
	r := run(t, runOpts{env: map[string]string{"TOKENTUI_URL": "https://integration.goodaccess.com"}}, "list")
	if r.code != exitcode.Auth || !strings.Contains(r.err, "cannot get the admin token: $TOKENTUI_TOKEN is empty or not set") {
		t.Fatalf("exit %d err %q", r.code, r.err)
	}
	if strings.Contains(r.err, "no profile configured") {
		t.Errorf("said no profile: %q", r.err)
	}
}

// Every help text spells long flags GNU-style: --flag, never -flag.
func TestHelpWritesFlagsWithTwoDashes(t *testing.T) {
	single := regexp.MustCompile(`(^|[\s(\[,'"])-[a-z][a-z-]+`)
	for _, name := range append(slices.Clone(commandsWithProfile), "", "inspect", "version", "auth", "auth set", "auth delete", "completion") {
		r := run(t, runOpts{}, append(strings.Fields(name), "--help")...)
		if r.code != 0 || r.out == "" || r.err != "" {
			t.Errorf("%q --help: exit %d, stderr %q", name, r.code, r.err)
		}
		for _, line := range strings.Split(r.out, "\n") {
			if m := single.FindString(line); m != "" {
				t.Errorf("%q --help writes %q: %s", name, strings.TrimSpace(m), line)
			}
		}
	}
}
