package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// keychainConfig has a keychain profile pointing at a GoodAccess emulator,
// and one that reads its token elsewhere.
func keychainConfig(t *testing.T, url string) runOpts {
	return withConfig(t, "profiles:\n"+
		"  work: {provider: goodaccess, url: "+url+", token_keyring: true}\n"+
		"  shared: {provider: goodaccess, url: "+url+", token_keyring: ga-shared}\n"+
		"  env: {provider: goodaccess, url: "+url+", token_env: GA}\n", nil)
}

func stored(entry string) string {
	tok, err := keyring.Get(profile.KeyringService, entry)
	if err != nil {
		return ""
	}
	return tok
}

func TestAuthSetStoresAndListReadsIt(t *testing.T) {
	keyring.MockInit()
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	o := keychainConfig(t, g.URL)

	o.stdin = g.AdminToken + "\n"
	r := run(t, o, "auth", "set", "work")
	if r.code != 0 || r.out != "" || !strings.Contains(r.err, `stored the admin token of profile work in the keychain (entry "work")`) {
		t.Fatalf("auth set: exit %d, stdout %q, stderr %q", r.code, r.out, r.err)
	}
	if strings.Contains(r.err, g.AdminToken) || stored("work") != g.AdminToken {
		t.Fatalf("stored %q; stderr %q", stored("work"), r.err)
	}
	o.stdin = ""
	if r := run(t, o, "list", "--profile", "work", "--json"); r.code != 0 || len(decodeList(t, r.out)) != g.Len() {
		t.Fatalf("list with the stored token: exit %d %s", r.code, r.err)
	}

	// A named entry.
	o.stdin = g.AdminToken
	if r := run(t, o, "auth", "set", "shared"); r.code != 0 || stored("ga-shared") != g.AdminToken {
		t.Fatalf("auth set shared: exit %d %s", r.code, r.err)
	}
}

func TestAuthSetOnATerminalAsksAndReplacesOnlyWhenConfirmed(t *testing.T) {
	keyring.MockInit()
	o := keychainConfig(t, "https://integration.goodaccess.com")
	if err := keyring.Set(profile.KeyringService, "work", "old-token"); err != nil {
		t.Fatal(err)
	}
	o.terminal = true
	o.stdin = "n\n"
	r := run(t, o, "auth", "set", "work")
	if r.code != exitcode.Usage || !strings.Contains(r.err, "Replace it? [y/N]") || stored("work") != "old-token" {
		t.Fatalf("refused: exit %d stderr %q, stored %q", r.code, r.err, stored("work"))
	}
	o.stdin = "y\nnew-token\n"
	r = run(t, o, "auth", "set", "work")
	if r.code != 0 || !strings.Contains(r.err, "Admin token for profile work (GoodAccess): ") || stored("work") != "new-token" {
		t.Fatalf("confirmed: exit %d stderr %q, stored %q", r.code, r.err, stored("work"))
	}

	// Without a terminal, replacing needs --yes.
	o.terminal = false
	o.stdin = "newer-token"
	if r := run(t, o, "auth", "set", "work"); r.code != exitcode.Usage || !strings.Contains(r.err, "--yes") || stored("work") != "new-token" {
		t.Fatalf("no --yes: exit %d stderr %q", r.code, r.err)
	}
	if r := run(t, o, "auth", "set", "work", "--yes"); r.code != 0 || stored("work") != "newer-token" {
		t.Fatalf("--yes: exit %d stderr %q", r.code, r.err)
	}
}

func TestAuthSetRefusals(t *testing.T) {
	keyring.MockInit()
	o := keychainConfig(t, "https://integration.goodaccess.com")
	for _, c := range []struct {
		args  []string
		stdin string
		code  int
		want  string
	}{
		{[]string{"auth", "set"}, "tok", exitcode.Usage, "set takes one profile name (got 0 arguments)"},
		{[]string{"auth", "set", "work", "more"}, "tok", exitcode.Usage, "got 2 arguments"},
		{[]string{"auth", "set", "nope"}, "tok", exitcode.Usage, `no profile "nope"`},
		{[]string{"auth", "set", "env"}, "tok", exitcode.Usage, "profile env reads its admin token from $GA, not from the keychain"},
		{[]string{"auth", "set", "work"}, "  \n", exitcode.Usage, "no token given; nothing stored"},
		{[]string{"auth", "set", "work"}, "pass: s3cret\nuser: ada\n", exitcode.Usage, "nothing stored"},
		{[]string{"auth", "frob"}, "", exitcode.Usage, `tokentui auth: unknown command "frob" (use set, delete)`},
		{[]string{"auth"}, "", exitcode.Usage, "tokentui auth: name a command: set, delete"},
	} {
		o.stdin = c.stdin
		r := run(t, o, c.args...)
		if r.code != c.code || !strings.Contains(r.err, c.want) || r.out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d and %q", c.args, r.code, r.out, r.err, c.code, c.want)
		}
		if strings.Contains(r.err, "s3cret") {
			t.Errorf("%v: the input is echoed: %q", c.args, r.err)
		}
	}
	if tok := stored("work"); tok != "" {
		t.Errorf("something was stored: %q", tok)
	}
}

func TestAuthDelete(t *testing.T) {
	keyring.MockInit()
	o := keychainConfig(t, "https://integration.goodaccess.com")
	if r := run(t, o, "auth", "delete", "work", "--yes"); r.code != exitcode.Failure || !strings.Contains(r.err, "holds no token for profile work") {
		t.Fatalf("nothing stored: exit %d %q", r.code, r.err)
	}
	if err := keyring.Set(profile.KeyringService, "work", "tok"); err != nil {
		t.Fatal(err)
	}
	if r := run(t, o, "auth", "delete", "work"); r.code != exitcode.Usage || !strings.Contains(r.err, "pass --yes") || stored("work") != "tok" {
		t.Fatalf("no terminal, no --yes: exit %d %q", r.code, r.err)
	}
	o.terminal, o.stdin = true, "no\n"
	if r := run(t, o, "auth", "delete", "work"); r.code != exitcode.Usage || !strings.Contains(r.err, "stays valid on the server") || stored("work") != "tok" {
		t.Fatalf("declined: exit %d %q", r.code, r.err)
	}
	o.stdin = "y\n"
	if r := run(t, o, "auth", "delete", "work"); r.code != 0 || stored("work") != "" || !strings.Contains(r.err, "deleted the admin token of profile work") {
		t.Fatalf("confirmed: exit %d %q", r.code, r.err)
	}
}

func TestKeychainUnavailable(t *testing.T) {
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	t.Cleanup(keyring.MockInit)
	o := keychainConfig(t, "https://integration.goodaccess.com")
	o.stdin = "tok"
	if r := run(t, o, "auth", "set", "work"); r.code != exitcode.Failure || !strings.Contains(r.err, "the keychain is not available") || !strings.Contains(r.err, "org.freedesktop.secrets") {
		t.Fatalf("auth set: exit %d %q", r.code, r.err)
	}
	// A command that needs the token: exit 3, the token is missing.
	if r := run(t, o, "list", "--profile", "work"); r.code != exitcode.Auth || !strings.Contains(r.err, "the keychain is not available") {
		t.Fatalf("list: exit %d %q", r.code, r.err)
	}
}
