package profile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const exampleConfig = `# three systems
default: prod-ga
profiles:
  prod-ga:    {provider: goodaccess, url: https://integration.goodaccess.com, token_env: GA_TOKEN}
  border0:    {provider: border0, token_command: "pass show border0/admin"}
  unleash:
    provider: unleash
    url: https://unleash.example.com/
    token_env: UNLEASH_ADMIN_TOKEN
    ca_file: ~/corp.pem
`

func noEnv(string) string { return "" }

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseConfigExample(t *testing.T) {
	cfg, err := ParseConfig([]byte(exampleConfig), "/cfg/config.yaml", true, envOf(map[string]string{"HOME": "/home/ada"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Default != "prod-ga" {
		t.Errorf("default = %q", cfg.Default)
	}
	if got := strings.Join(cfg.Names(), ","); got != "prod-ga,border0,unleash" {
		t.Fatalf("names in file order = %q", got)
	}
	ga, _ := cfg.Lookup("prod-ga")
	if ga.Provider != "goodaccess" || ga.TokenEnv != "GA_TOKEN" || ga.Origin != "config.yaml line 4" {
		t.Errorf("prod-ga = %+v", ga)
	}
	b0, _ := cfg.Lookup("border0")
	if b0.URL != "https://api.border0.com/api/v1" {
		t.Errorf("border0 default URL = %q", b0.URL)
	}
	if b0.TokenCommand != "pass show border0/admin" {
		t.Errorf("token_command = %q", b0.TokenCommand)
	}
	un, _ := cfg.Lookup("unleash")
	if un.URL != "https://unleash.example.com" {
		t.Errorf("trailing slash kept: %q", un.URL)
	}
	if un.CAFile != "/home/ada/corp.pem" {
		t.Errorf("ca_file = %q", un.CAFile)
	}
	for _, p := range cfg.Profiles {
		if err := p.Err(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
}

func TestParseConfigErrorsNameTheLine(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown profile key", "profiles:\n  a:\n    provider: border0\n    tokn_env: X\n", "config.yaml line 4: unknown key \"tokn_env\" in profile \"a\""},
		{"unknown top key", "default: a\nprofile:\n  a: {provider: border0}\n", "line 2: unknown key \"profile\" at the top level"},
		{"insecure not bool", "profiles:\n  a: {provider: border0, insecure: yes please}\n", "line 2: insecure in profile \"a\" must be true or false"},
		{"default undefined", "default: b\nprofiles:\n  a: {provider: border0}\n", "line 1: default names profile \"b\", which is not defined (defined: a)"},
		{"profile not a map", "profiles:\n  a: border0\n", "line 2: profile \"a\" must be a mapping"},
		{"list value", "profiles:\n  a:\n    provider: [border0]\n", "line 3: provider in profile \"a\" must be a string"},
		{"duplicate key", "profiles:\n  a:\n    provider: border0\n    provider: unleash\n", "line 4"},
		{"syntax", "profiles:\n  a: {provider: border0\n", "not valid YAML"},
		{"top-level list", "- a\n- b\n", "line 1: expected keys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(c.yaml), "/x/config.yaml", true, noEnv)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *ConfigError", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %q\nwant it to contain %q", err, c.want)
			}
		})
	}
}

func TestParseConfigEmptyFileHasNoProfiles(t *testing.T) {
	for _, in := range []string{"", "# nothing yet\n", "profiles:\n"} {
		cfg, err := ParseConfig([]byte(in), "c.yaml", true, noEnv)
		if err != nil || len(cfg.Profiles) != 0 || !cfg.Exists {
			t.Errorf("%q: cfg=%+v err=%v", in, cfg, err)
		}
	}
}

func TestProfileProblems(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown provider", "profiles:\n  a: {provider: gitlab}\n", `unknown provider "gitlab"`},
		{"no provider", "profiles:\n  a: {url: https://x.example}\n", "no provider"},
		{"unleash without url", "profiles:\n  a: {provider: unleash}\n", "set url"},
		{"plain http", "profiles:\n  a: {provider: unleash, url: http://unleash.corp.example}\n", "plain http"},
		{"not a url", "profiles:\n  a: {provider: unleash, url: unleash.corp.example}\n", "not an http(s) URL"},
		{"two sources", "profiles:\n  a: {provider: border0, token_env: A, token_command: b}\n", "more than one token source"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := ParseConfig([]byte(c.yaml), "/x/config.yaml", true, noEnv)
			if err != nil {
				t.Fatal(err)
			}
			perr := cfg.Profiles[0].Err()
			if perr == nil || !strings.Contains(perr.Error(), c.want) || !strings.Contains(perr.Error(), "config.yaml line 2") {
				t.Errorf("Err() = %v, want %q and the line", perr, c.want)
			}
		})
	}
}

func TestInsecureAllowsPlainHTTP(t *testing.T) {
	cfg, err := ParseConfig([]byte("profiles:\n  a: {provider: unleash, url: http://unleash.corp.example, insecure: true}\n  b: {provider: unleash, url: http://127.0.0.1:4242}\n  c: {provider: unleash, url: http://localhost:4242}\n"), "c.yaml", true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cfg.Profiles {
		if err := p.Err(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
}

// writeConfig writes content with the given mode into a temp dir.
func writeConfig(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // umask may have narrowed it
		t.Fatal(err)
	}
	return path
}

const literalConfig = "profiles:\n  a: {provider: border0, token: lit-3f9a}\n"

func TestLiteralTokenNeedsPrivateFile(t *testing.T) {
	path := writeConfig(t, literalConfig, 0o644)
	cfg, err := LoadConfig(path, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Profiles[0]
	perr := p.Err()
	if perr == nil || !strings.Contains(perr.Error(), "chmod 600") || !strings.Contains(perr.Error(), "token_env, token_command or token_keyring") {
		t.Fatalf("Err() = %v, want the chmod advice", perr)
	}
	if strings.Contains(perr.Error(), "lit-3f9a") {
		t.Fatal("the error quotes the token")
	}
	if _, err := p.Token(t.Context()); err == nil {
		t.Fatal("Token() of a refused profile succeeded")
	}

	for _, mode := range []os.FileMode{0o600, 0o400} {
		path = writeConfig(t, literalConfig, mode)
		cfg, err = LoadConfig(path, noEnv)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := cfg.Profiles[0].Token(t.Context())
		if err != nil || tok != "lit-3f9a" {
			t.Errorf("mode %o: Token() = %q, %v", mode, tok, err)
		}
	}
}

func TestLoadConfigMissingFileIsNoError(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join(t.TempDir(), "nope.yaml"), noEnv)
	if err != nil || cfg.Exists {
		t.Fatalf("cfg=%+v err=%v", cfg, err)
	}
}

func TestDefaultConfigPath(t *testing.T) {
	if got := DefaultConfigPath(envOf(map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/ada"})); got != "/xdg/tokentui/config.yaml" {
		t.Errorf("with XDG: %q", got)
	}
	if got := DefaultConfigPath(envOf(map[string]string{"HOME": "/home/ada"})); got != "/home/ada/.config/tokentui/config.yaml" {
		t.Errorf("without XDG: %q", got)
	}
	if got := DefaultConfigPath(envOf(map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/home/ada"})); got != "/home/ada/.config/tokentui/config.yaml" {
		t.Errorf("relative XDG must be ignored: %q", got)
	}
}

// timezone: says where a profile's API reads and writes times without a
// zone (GoodAccess's "Y-m-d H:i:s"); it reaches the connection.
func TestParseConfigTimeZone(t *testing.T) {
	cfg, err := ParseConfig([]byte("profiles:\n  ga: {provider: goodaccess, token_env: X, timezone: Europe/Prague}\n  b0: {provider: border0}\n"), "/c/config.yaml", true, envOf(map[string]string{"X": "tok"}))
	if err != nil {
		t.Fatal(err)
	}
	ga, _ := cfg.Lookup("ga")
	if ga.TimeZone == nil || ga.TimeZone.String() != "Europe/Prague" {
		t.Fatalf("timezone %v", ga.TimeZone)
	}
	if b0, _ := cfg.Lookup("b0"); b0.TimeZone != nil {
		t.Errorf("a profile without timezone has %v", b0.TimeZone)
	}
	conn, err := ga.Connection(context.Background())
	if err != nil || conn.TimeZone != ga.TimeZone {
		t.Errorf("connection %+v, %v", conn, err)
	}
	for _, bad := range []string{"Mars/Olympus", "Local", `""`} {
		_, err := ParseConfig([]byte("profiles:\n  ga: {provider: goodaccess, timezone: "+bad+"}\n"), "/c/config.yaml", true, noEnv)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Line != 2 || !strings.Contains(err.Error(), "IANA name") {
			t.Errorf("timezone %s: %v", bad, err)
		}
	}
}
