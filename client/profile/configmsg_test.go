package profile

import (
	"errors"
	"strings"
	"testing"
)

// secretish is what a careless paste puts in a config file; no message
// about the file may repeat it.
const secretish = "ga_9f8e7d6c5b4a39281706f5e4d3c2b1a0"

func TestConfigErrorsNeverQuoteAValue(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"alias to a missing anchor", "profiles:\n  a:\n    provider: border0\n    token: *" + secretish + "\n", "line 4: not valid YAML: an alias"},
		{"token as a key", "profiles:\n  a:\n    provider: border0\n    " + secretish + ": x\n", "line 4: unknown key (not shown"},
		{"token as a top-level key", secretish + ": 1\n", "line 1: unknown key (not shown"},
		{"token as the default", "default: " + secretish + "\nprofiles:\n  a: {provider: border0}\n", "line 1: default names profile (a value of 35 characters, not shown)"},
		{"token as the provider", "profiles:\n  a: {provider: " + secretish + "}\n", ""},
		{"token in a quoted key", "profiles:\n  a:\n    \"" + secretish + "\n", "not valid YAML"},
		{"token after a tab", "profiles:\n  a:\n\t" + secretish + ": 1\n", "not valid YAML"},
		{"token with an unknown escape", "profiles:\n  a: {provider: border0, token: \"\\q" + secretish + "\"}\n", "not valid YAML"},
		{"token as a tag", "profiles:\n  a: {provider: border0, token: !<" + secretish + "> x}\n", ""},
		{"token as an anchor", "profiles:\n  a: {provider: border0, token: &" + secretish + " [x]}\n", "must be a string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := ParseConfig([]byte(c.yaml), "/x/config.yaml", true, noEnv)
			if err == nil {
				// Parsed: then the profile's own check must not quote it either.
				if len(cfg.Profiles) > 0 {
					err = cfg.Profiles[0].Err()
				}
			}
			if err == nil {
				return
			}
			if strings.Contains(err.Error(), secretish) || strings.Contains(err.Error(), secretish[:12]) {
				t.Fatalf("the message quotes the value: %v", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %q, want %q", err, c.want)
			}
		})
	}
}

func TestConfigErrorsStillNameMistypedKeys(t *testing.T) {
	_, err := ParseConfig([]byte("profiles:\n  a:\n    provider: border0\n    token_envv: X\n"), "/x/config.yaml", true, noEnv)
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 4 || !strings.Contains(err.Error(), `unknown key "token_envv"`) || !strings.Contains(err.Error(), "did you mean token_env?") {
		t.Fatalf("err = %v", err)
	}
	_, err = ParseConfig([]byte("profiles:\n  a: {provider: border0\n"), "/x/config.yaml", true, noEnv)
	if err == nil || !strings.Contains(err.Error(), "line ") || !strings.Contains(err.Error(), "did not find expected ',' or '}'") {
		t.Fatalf("a syntax error names the line and the parser's problem: %v", err)
	}
}

func TestConfigValuesOfTheWrongType(t *testing.T) {
	for in, want := range map[string]string{
		"profiles:\n  a: {provider: 42}\n":                        `line 2: provider in profile "a" must be a string`,
		"profiles:\n  a: {provider: border0, insecure: yes}\n":    `line 2: insecure in profile "a" must be true or false`,
		"profiles:\n  a: {provider: border0, token_keyring: 7}\n": `line 2: token_keyring in profile "a" must be true`,
	} {
		_, err := ParseConfig([]byte(in), "/x/config.yaml", true, noEnv)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", in, err, want)
		}
	}
}

func TestShowValue(t *testing.T) {
	for in, want := range map[string]string{
		"prod":                  `"prod"`,
		"two words":             "(a value of 9 characters, not shown)",
		"":                      "(a value of 0 characters, not shown)",
		"\x1b[31mred":           "(a value of 8 characters, not shown)",
		strings.Repeat("x", 25): "(a value of 25 characters, not shown)",
	} {
		if got := showValue(in); got != want {
			t.Errorf("showValue(%q) = %q, want %q", in, got, want)
		}
	}
}
