package profile

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// Error is a profile that cannot be used as written: it names the profile,
// where it was defined, and what to change.
type Error struct {
	Profile string
	Where   string // "config.yaml line 4", "--provider/--url", ...
	Msg     string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("profile ")
	b.WriteString(quoteName(e.Profile))
	if e.Where != "" {
		b.WriteString(" (" + e.Where + ")")
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// TokenError: the admin token could not be obtained (variable unset, command
// failed). Scripts treat it like a refused token: the credentials are the
// problem.
type TokenError struct {
	Profile string
	Reason  string
}

func (e *TokenError) Error() string {
	return fmt.Sprintf("profile %s: cannot get the admin token: %s", quoteName(e.Profile), e.Reason)
}

// ConfigError: the config file cannot be read or parsed. Line is 0 when the
// problem is not on one line.
type ConfigError struct {
	Path string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// NoProfileError: nothing says which profile to use. Its message tells a
// first-time user how to add one, and that --demo exists.
type NoProfileError struct {
	ConfigPath string
	// Available are the config's profiles when there are several and no
	// default; empty when there are none.
	Available []string
}

func (e *NoProfileError) Error() string {
	if len(e.Available) > 0 {
		return fmt.Sprintf("%s has several profiles (%s) and no default: pass --profile NAME, or add a line `default: NAME` to it",
			e.ConfigPath, strings.Join(e.Available, ", "))
	}
	first, rest := exampleKinds()
	return fmt.Sprintf(`no profile configured. Add one to %s, for example:

  default: work
  profiles:
    work:
      provider: %s%s
      token_env: %s # or token_command: "pass show %s/admin"

or name one on the command line: %s.
To look around without any account, run: tokentui --demo`,
		e.ConfigPath, first.Kind, rest, cmp.Or(first.TokenEnv, SharedTokenEnv), first.Kind, adHocExample())
}

// exampleKinds is the first provider, for the example, and a comment
// naming the others: "   # or border0, unleash (unleash also needs url:)".
func exampleKinds() (client.Descriptor, string) {
	all := registry.All()
	var others, selfHosted []string
	for _, d := range all[1:] {
		others = append(others, d.Kind)
		if d.DefaultURL == "" {
			selfHosted = append(selfHosted, d.Kind)
		}
	}
	comment := ""
	if len(others) > 0 {
		comment = "   # or " + strings.Join(others, ", ")
	}
	if len(selfHosted) > 0 {
		comment += " (" + strings.Join(selfHosted, ", ") + " also needs url:)"
	}
	return all[0], comment
}

// adHocExample is a --provider line for a provider with a public API:
// "--provider border0 (token from $TOKENTUI_TOKEN or $BORDER0_ADMIN_TOKEN)".
func adHocExample() string {
	all := registry.All()
	d := all[len(all)-1]
	for _, c := range all[1:] {
		if c.DefaultURL != "" && c.TokenEnv != "" {
			d = c
			break
		}
	}
	envs := strings.Join(DefaultTokenEnvs(d.Kind), " or $")
	return "--provider " + d.Kind + " (token from $" + envs + ")"
}

func quoteName(name string) string {
	if name == "" {
		return `""`
	}
	return name
}

// SelectError: the flags name a profile that does not exist or cannot be
// built (--url without --provider, an unknown provider).
type SelectError struct{ Msg string }

func (e *SelectError) Error() string { return e.Msg }

func selectErrorf(format string, args ...any) error {
	return &SelectError{Msg: fmt.Sprintf(format, args...)}
}
