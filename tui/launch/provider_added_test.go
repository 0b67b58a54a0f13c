package launch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// acme is a fourth provider that exists only in this test. Registering its
// descriptor is the whole of "adding a provider": the config file, the
// flags, --help and the dashboard's profile switcher take it up with no
// other change.
var acmeDescriptor = client.Descriptor{
	Kind:        "acme",
	DisplayName: "Acme Tokens",
	DefaultURL:  "https://api.acme.test",
	TokenEnv:    "ACME_ADMIN_TOKEN",
	Can:         client.Capabilities{Role: "role"},
	New: func(c client.Connection) (client.Provider, error) {
		return acmeProvider{token: c.Token}, nil
	},
}

type acmeProvider struct{ token string }

func (acmeProvider) Kind() string        { return acmeDescriptor.Kind }
func (acmeProvider) DisplayName() string { return acmeDescriptor.DisplayName }
func (p acmeProvider) List(context.Context) ([]client.Token, error) {
	return []client.Token{{ID: "ac3e0001", Name: "acme-warehouse-sync", Role: "reader"}}, nil
}
func (acmeProvider) Create(context.Context, client.NewToken) (client.Created, error) {
	return client.Created{}, &client.ValidationError{Message: "not in this test"}
}
func (acmeProvider) Revoke(context.Context, client.Token) error { return nil }
func (acmeProvider) Catalog(context.Context) (client.Catalog, error) {
	return client.Catalog{RoleLabel: "Role", Roles: []client.Role{{Name: "reader", Creatable: true}}}, nil
}

func registerAcme(t *testing.T) {
	t.Helper()
	t.Cleanup(registry.Register(acmeDescriptor))
}

func TestAddedProviderInConfigAndSwitcher(t *testing.T) {
	registerAcme(t)
	dir := t.TempDir()
	config := "default: warehouse\nprofiles:\n" +
		"  warehouse: {provider: acme, token_env: ACME_WAREHOUSE}\n" +
		"  corp: {provider: goodaccess, token_env: GA}\n"
	if err := os.MkdirAll(filepath.Join(dir, "tokentui"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tokentui", "config.yaml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"XDG_CONFIG_HOME": dir, "ACME_WAREHOUSE": "acme-admin", "GA": "ga-admin"}
	var opts tui.Options
	var stderr bytes.Buffer
	code := execute(nil, func(k string) string { return env[k] }, &stderr, func(o tui.Options) error { opts = o; return nil })
	if code != exitcode.OK || len(opts.Profiles) != 2 {
		t.Fatalf("exit %d, %d profiles; stderr %q", code, len(opts.Profiles), stderr.String())
	}
	acme := opts.Profiles[opts.Profile]
	if acme.Name != "warehouse" || acme.DisplayProvider() != "Acme Tokens" || acme.URL != "https://api.acme.test" || acme.Err() != nil {
		t.Fatalf("selected %s (%s, %s): %v", acme.Name, acme.DisplayProvider(), acme.URL, acme.Err())
	}

	// The dashboard opens it through the registry, lists its tokens, and
	// the switcher names it beside the built-in provider.
	opts.Now = func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC) }
	tm := teatest.NewTestModel(t, tui.New(opts), teatest.WithInitialTermSize(120, 35))
	t.Cleanup(func() { _ = tm.Quit() })
	waitFor(t, tm, "acme-warehouse-sync")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("p")})
	waitFor(t, tm, "Switch profile", "warehouse", "Acme Tokens", "corp", "GoodAccess")
}

func TestAddedProviderAdHocAndHelp(t *testing.T) {
	registerAcme(t)
	var opts tui.Options
	env := map[string]string{"ACME_ADMIN_TOKEN": "acme-admin"}
	var stderr bytes.Buffer
	code := execute([]string{"--provider", "acme"}, envOf(t, env), &stderr, func(o tui.Options) error { opts = o; return nil })
	if code != exitcode.OK {
		t.Fatalf("--provider acme: exit %d: %s", code, stderr.String())
	}
	p := opts.Profiles[opts.Profile]
	if p.Name != "acme@api.acme.test" || p.TokenSource() != "$TOKENTUI_TOKEN or $ACME_ADMIN_TOKEN" {
		t.Errorf("ad hoc profile %s, token from %s", p.Name, p.TokenSource())
	}
	if tok, err := p.Token(context.Background()); err != nil || tok != "acme-admin" {
		t.Errorf("token: %v", err)
	}

	stderr.Reset()
	if code := execute([]string{"--help"}, envOf(t, nil), &stderr, neverStarts(t)); code != exitcode.OK {
		t.Fatalf("--help: exit %d", code)
	}
	help := stderr.String()
	for _, want := range []string{"acme         Acme Tokens: role, expiry", "https://api.acme.test", "$ACME_ADMIN_TOKEN", "goodaccess, border0, unleash, acme"} {
		if !strings.Contains(help, want) {
			t.Errorf("--help lacks %q:\n%s", want, help)
		}
	}
}

// waitFor waits until the screen shows every one of wants.
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range wants {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second))
}
