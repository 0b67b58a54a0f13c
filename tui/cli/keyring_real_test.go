//go:build keyring && linux

package cli

// The keychain against a real Secret Service: .ci/keyring.sh starts
// gnome-keyring in a private D-Bus session and runs these (go test -tags
// keyring -run RealKeychain). They fail, never skip, without one: a green
// run must mean the real service was used.

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	ss "github.com/zalando/go-keyring/secret_service"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// secretServiceItems counts the items the Secret Service itself holds for
// entry, asking it over D-Bus directly (not through the library the code
// under test uses, whose provider a unit test may have swapped for a mock).
func secretServiceItems(t *testing.T, entry string) int {
	t.Helper()
	svc, err := ss.NewSecretService()
	if err != nil {
		t.Fatalf("no Secret Service on the session bus: %v", err)
	}
	items, err := svc.SearchItems(svc.GetLoginCollection(), map[string]string{"service": profile.KeyringService, "username": entry})
	if err != nil {
		t.Fatalf("SearchItems: %v", err)
	}
	return len(items)
}

func TestRealKeychainAuthSetListDelete(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no session D-Bus: run .ci/keyring.sh, which starts one with gnome-keyring")
	}
	g := goodAccess(t, emulator.GoodAccessOptions{NoSeed: true})
	entry := fmt.Sprintf("tokentui-ci-%d", time.Now().UnixNano())
	o := withConfig(t, "profiles:\n  ci: {provider: goodaccess, url: "+g.URL+", token_keyring: "+entry+"}\n", nil)
	t.Cleanup(func() { run(t, o, "auth", "delete", "ci", "--yes") })

	// Nothing stored yet: the command needing the token says how to store it.
	if r := run(t, o, "list", "--profile", "ci"); r.code != exitcode.Auth || !strings.Contains(r.err, "tokentui auth set ci") {
		t.Fatalf("before auth set: exit %d %q", r.code, r.err)
	}

	o.stdin = g.AdminToken + "\n"
	if r := run(t, o, "auth", "set", "ci"); r.code != 0 {
		t.Fatalf("auth set: exit %d %q", r.code, r.err)
	}
	if n := secretServiceItems(t, entry); n != 1 {
		t.Fatalf("the Secret Service holds %d items for %s, want 1", n, entry)
	}
	o.stdin = ""
	if r := run(t, o, "list", "--profile", "ci", "--json"); r.code != 0 || len(decodeList(t, r.out)) != g.Len() {
		t.Fatalf("list with the keychain token: exit %d %q", r.code, r.err)
	}

	// Replacing needs --yes without a terminal; it replaces, not adds.
	o.stdin = "wrong-token"
	if r := run(t, o, "auth", "set", "ci"); r.code != exitcode.Usage {
		t.Fatalf("replace without --yes: exit %d %q", r.code, r.err)
	}
	if r := run(t, o, "auth", "set", "ci", "--yes"); r.code != 0 || secretServiceItems(t, entry) != 1 {
		t.Fatalf("replace: exit %d %q, %d items", r.code, r.err, secretServiceItems(t, entry))
	}
	o.stdin = ""
	if r := run(t, o, "list", "--profile", "ci"); r.code != exitcode.Auth {
		t.Fatalf("the replaced (wrong) token is not the one used: exit %d %q", r.code, r.err)
	}

	if r := run(t, o, "auth", "delete", "ci", "--yes"); r.code != 0 || secretServiceItems(t, entry) != 0 {
		t.Fatalf("auth delete: exit %d %q", r.code, r.err)
	}
	if r := run(t, o, "auth", "delete", "ci", "--yes"); r.code != exitcode.Failure {
		t.Fatalf("second delete: exit %d %q", r.code, r.err)
	}
}

func TestRealKeychainProfileToken(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no session D-Bus: run .ci/keyring.sh, which starts one with gnome-keyring")
	}
	entry := fmt.Sprintf("tokentui-ci-%d", time.Now().UnixNano())
	cfg, err := profile.ParseConfig([]byte("profiles:\n  p: {provider: border0, token_keyring: "+entry+"}\n"), "/ci/config.yaml", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Profiles[0]
	if err := profile.StoreToken(t.Context(), p, "b0-real-keychain"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = profile.DeleteStoredToken(t.Context(), p) })
	if tok, err := p.Token(t.Context()); err != nil || tok != "b0-real-keychain" {
		t.Fatalf("Token() = %q, %v", tok, err)
	}
}
