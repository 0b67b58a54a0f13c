package profile

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/registry"
)

const twoProfiles = "default: ga\nprofiles:\n  ga: {provider: goodaccess, token_env: GA}\n  b0: {provider: border0}\n"

func resolveWith(t *testing.T, config string, env map[string]string, opts Options) (*Selection, error) {
	t.Helper()
	return resolveUsing(t, Resolve, config, env, opts)
}

// resolveUsing selects with resolve (Resolve, ResolveAll) from a config
// written to a temp dir, the environment env and the stub demo.
func resolveUsing(t *testing.T, resolve func(Options) (*Selection, error), config string, env map[string]string, opts Options) (*Selection, error) {
	t.Helper()
	opts.ConfigPath = filepath.Join(t.TempDir(), "config.yaml")
	if config != "" {
		opts.ConfigPath = writeConfig(t, config, 0o600)
	}
	opts.Env = envOf(env)
	opts.StartDemo = stubDemo
	sel, err := resolve(opts)
	if sel != nil {
		t.Cleanup(sel.Close)
	}
	return sel, err
}

func TestSelectionOrder(t *testing.T) {
	legacy := map[string]string{"TOKENTUI_URL": "https://ga.corp.example", "TOKENTUI_TOKEN": "t"}
	cases := []struct {
		name   string
		config string
		env    map[string]string
		opts   Options
		want   string // selected profile name
	}{
		{"demo beats everything", twoProfiles, legacy, Options{Demo: true, Provider: "unleash", URL: "https://x.example"}, "demo-unleash"},
		{"demo default", "", nil, Options{Demo: true}, "demo-goodaccess"},
		{"demo by profile", "", nil, Options{Demo: true, Profile: "demo-border0"}, "demo-border0"},
		{"ad hoc beats --profile", twoProfiles, legacy, Options{Provider: "unleash", URL: "https://unleash.corp.example", Profile: "b0"}, "unleash@unleash.corp.example"},
		{"ad hoc default URL", "", nil, Options{Provider: "border0"}, "border0@api.border0.com"},
		{"--profile beats legacy env", twoProfiles, legacy, Options{Profile: "b0"}, "b0"},
		{"legacy env beats config default", twoProfiles, legacy, Options{}, "env"},
		{"config default", twoProfiles, nil, Options{}, "ga"},
		{"the only profile", "profiles:\n  solo: {provider: border0}\n", nil, Options{}, "solo"},
		// TOKENTUI_URL alone is still the env profile: opening it says the
		// token is missing, rather than another profile opening unasked.
		{"legacy env without its token", "profiles:\n  solo: {provider: border0}\n", map[string]string{"TOKENTUI_URL": "https://x.example"}, Options{}, "env"},
		{"--url alone is the legacy provider", "", nil, Options{URL: "https://x.example"}, "goodaccess@x.example"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sel, err := resolveWith(t, c.config, c.env, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if sel.Selected.Name != c.want {
				t.Errorf("selected %q, want %q", sel.Selected.Name, c.want)
			}
			if sel.Profiles[0].Name != c.want && !inList(sel.Profiles, c.want) {
				t.Errorf("profiles %v lack the selected one", names(sel.Profiles))
			}
		})
	}
}

func TestAdHocProfileIsListedFirstBeforeConfigProfiles(t *testing.T) {
	sel, err := resolveWith(t, twoProfiles, nil, Options{Provider: "border0"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names(sel.Profiles), ","); got != "border0@api.border0.com,ga,b0" {
		t.Errorf("profiles = %s", got)
	}
}

func TestAdHocTokenFromEnvironment(t *testing.T) {
	sel, err := resolveWith(t, "", map[string]string{"UNLEASH_ADMIN_TOKEN": "*:*.abc"}, Options{Provider: "unleash", URL: "http://127.0.0.1:4242"})
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := sel.Selected.Token(t.Context()); err != nil || tok != "*:*.abc" {
		t.Fatalf("Token() = %q, %v", tok, err)
	}
}

func TestAdHocErrors(t *testing.T) {
	cases := []struct {
		opts Options
		want string
	}{
		{Options{Provider: "gitlab"}, "not one of goodaccess, border0, unleash"},
		{Options{Provider: "unleash"}, "needs --url"},
		{Options{Provider: "unleash", URL: "http://unleash.corp.example"}, "plain http"},
	}
	for _, c := range cases {
		_, err := resolveWith(t, "", nil, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.opts, err, c.want)
		}
	}
	if _, err := resolveWith(t, "", nil, Options{Provider: "unleash", URL: "http://unleash.corp.example", Insecure: true}); err != nil {
		t.Errorf("--insecure: %v", err)
	}
}

func TestInsecureFlagAppliesToConfigProfile(t *testing.T) {
	cfg := "profiles:\n  u: {provider: unleash, url: http://unleash.corp.example}\n"
	if _, err := resolveWith(t, cfg, nil, Options{}); err == nil || !strings.Contains(err.Error(), "--insecure") {
		t.Fatalf("err = %v", err)
	}
	sel, err := resolveWith(t, cfg, nil, Options{Insecure: true, CAFile: "/etc/ca.pem"})
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Selected.Insecure || sel.Selected.CAFile != "/etc/ca.pem" || sel.Profiles[0].CAFile != "/etc/ca.pem" {
		t.Errorf("overrides not applied: %+v", sel.Selected)
	}
}

func TestNoProfileMessage(t *testing.T) {
	_, err := resolveWith(t, "", nil, Options{})
	var np *NoProfileError
	if !errors.As(err, &np) {
		t.Fatalf("err = %v, want *NoProfileError", err)
	}
	msg := err.Error()
	for _, want := range []string{np.ConfigPath, "provider: goodaccess", "token_env:", "tokentui --demo", "--provider"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestSeveralProfilesWithoutDefault(t *testing.T) {
	_, err := resolveWith(t, "profiles:\n  a: {provider: border0}\n  b: {provider: border0}\n", nil, Options{})
	var np *NoProfileError
	if !errors.As(err, &np) || !strings.Contains(err.Error(), "a, b") || !strings.Contains(err.Error(), "--profile") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnknownProfileNamesTheKnownOnes(t *testing.T) {
	_, err := resolveWith(t, twoProfiles, nil, Options{Profile: "prod"})
	if err == nil || !strings.Contains(err.Error(), "ga, b0") {
		t.Fatalf("err = %v", err)
	}
}

func TestBrokenConfigDoesNotBlockAdHoc(t *testing.T) {
	sel, err := resolveWith(t, "profiles:\n  a: {provder: border0}\n", nil, Options{Provider: "border0"})
	if err != nil {
		t.Fatal(err)
	}
	if sel.ConfigErr == nil || len(sel.Profiles) != 1 {
		t.Errorf("ConfigErr=%v profiles=%v", sel.ConfigErr, names(sel.Profiles))
	}
	if _, err := resolveWith(t, "profiles:\n  a: {provder: border0}\n", nil, Options{}); err == nil {
		t.Error("a broken config must fail when it is what selects")
	}
}

func TestDemoProfilesHoldWorkingTokens(t *testing.T) {
	sel, err := resolveWith(t, "", nil, Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Demo() || len(sel.Profiles) != 3 {
		t.Fatalf("demo=%v profiles=%v", sel.Demo(), names(sel.Profiles))
	}
	for _, p := range sel.Profiles {
		if !p.Demo || p.Err() != nil {
			t.Errorf("%s: demo=%v err=%v", p.Name, p.Demo, p.Err())
		}
		if tok, err := p.Token(t.Context()); err != nil || tok != "admin-of-"+p.Provider {
			t.Errorf("%s: Token() = %v", p.Name, err)
		}
	}
	if _, err := resolveWith(t, "", nil, Options{Demo: true, Profile: "prod"}); err == nil {
		t.Error("--demo --profile prod must be refused")
	}
	if !stopped {
		t.Error("a refused demo selection left the emulators running")
	}
	if _, err := Resolve(Options{Demo: true}); err == nil {
		t.Error("--demo without a demo starter must be refused")
	}
}

// stopped records that stubDemo's stop function ran.
var stopped bool

// stubDemo stands in for the emulators (client/emulator/demo, which imports
// this package): one demo profile per registered provider.
func stubDemo(func() time.Time) ([]Profile, func(), error) {
	stopped = false
	var out []Profile
	for _, kind := range registry.Kinds() {
		out = append(out, DemoProfile(kind, "http://127.0.0.1:1/"+kind, "admin-of-"+kind))
	}
	return out, func() { stopped = true }, nil
}

func names(ps []Profile) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func inList(ps []Profile, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

func TestSelectedIndexFindsTheSelectedProfile(t *testing.T) {
	s := &Selection{
		Selected: Profile{Name: "b"},
		Profiles: []Profile{{Name: "a"}, {Name: "b"}, {Name: "c"}},
	}
	if got := s.SelectedIndex(); got != 1 {
		t.Errorf("SelectedIndex = %d, want 1", got)
	}
	s.Selected = Profile{Name: "gone"}
	if got := s.SelectedIndex(); got != 0 {
		t.Errorf("SelectedIndex of a profile not in the list = %d, want 0", got)
	}
}
