package profile

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// Profile is one way to reach one token system: which provider, where, and
// where its admin token comes from. It holds no token itself, except the
// in-memory tokens of demo profiles and a literal from a private config file.
type Profile struct {
	Name     string
	Provider string // a kind of the registry: "goodaccess", "border0", …
	URL      string // base URL, never empty for a usable profile
	CAFile   string // optional PEM bundle for a private CA
	Insecure bool   // allow plain http:// to a non-loopback host
	// TimeZone is where the API's times without a zone are read and
	// written (timezone: in config.yaml); nil means UTC.
	TimeZone *time.Location
	// Demo marks the profiles of the in-process emulators.
	Demo bool
	// Origin says where the profile was defined, for messages:
	// "config.yaml line 4", "--provider/--url", "TOKENTUI_URL", "demo".
	Origin string

	// TokenEnv is the variable named in the config (token_env); empty means
	// the defaults (TOKENTUI_TOKEN, then the provider's own variable).
	TokenEnv string
	// TokenCommand is run with sh -c; its stdout is the token.
	TokenCommand string
	// KeyringEntry names the OS keychain entry holding the token
	// (token_keyring; see keyring.go); empty when the token is elsewhere.
	KeyringEntry string

	// CheckIgnore are the findings `tokentui check` leaves out for this
	// profile (check_ignore): a token's ID, ID prefix or name, alone or
	// with ":finding" ("tokentui admin:no-expiry").
	CheckIgnore []string

	literal       string // a token written in a private config file, or a demo token
	hasLiteral    bool
	literalPublic bool // the literal came from a file others can read: refused
	getenv        func(string) string
}

// Err reports why the profile cannot be used (nil when it can): an unknown
// provider, a missing or refused URL, conflicting token sources, or a
// literal token in a config file other users can read.
func (p Profile) Err() error {
	where := p.where()
	d, ok := descriptorOf(p.Provider)
	if !ok {
		if p.Provider == "" {
			return &Error{Profile: p.Name, Where: where, Msg: "no provider: set provider to one of " + registry.KindList()}
		}
		return &Error{Profile: p.Name, Where: where, Msg: fmt.Sprintf("unknown provider %s: use one of %s", showValue(p.Provider), registry.KindList())}
	}
	if p.URL == "" {
		return &Error{Profile: p.Name, Where: where, Msg: d.DisplayName + " is self-hosted: set url to your instance, such as " + d.URLExample}
	}
	if err := checkURL(p.URL, p.Insecure); err != nil {
		return &Error{Profile: p.Name, Where: where, Msg: err.Error()}
	}
	sources := 0
	for _, set := range []bool{p.hasLiteral, p.TokenEnv != "", p.TokenCommand != "", p.KeyringEntry != ""} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return &Error{Profile: p.Name, Where: where, Msg: "more than one token source: keep only one of token, token_env, token_command, token_keyring"}
	}
	if p.hasLiteral && p.literalPublic {
		return &Error{Profile: p.Name, Where: where, Msg: "a literal token is accepted only when the config file is readable by you alone: run chmod 600 on it, or use token_env, token_command or token_keyring instead"}
	}
	return nil
}

// DisplayProvider is the provider's name for people ("GoodAccess").
func (p Profile) DisplayProvider() string {
	if d, ok := descriptorOf(p.Provider); ok {
		return d.DisplayName
	}
	return client.Sanitize(p.Provider)
}

// TokenSource says where the token will come from, never what it is:
// "$GA_TOKEN", "command `pass show x`", "$TOKENTUI_TOKEN or $BORDER0_ADMIN_TOKEN".
func (p Profile) TokenSource() string {
	switch {
	case p.Demo:
		return "demo (in memory)"
	case p.hasLiteral:
		return "config file"
	case p.TokenCommand != "":
		return "command `" + p.TokenCommand + "`"
	case p.KeyringEntry != "":
		return "keychain entry " + strconv.Quote(p.KeyringEntry)
	case p.TokenEnv != "":
		return "$" + p.TokenEnv
	}
	envs := DefaultTokenEnvs(p.Provider)
	for i := range envs {
		envs[i] = "$" + envs[i]
	}
	return strings.Join(envs, " or ")
}

// TokenMayPrompt reports whether fetching the token may wait for a person: a
// token_command (a password manager asking for its PIN) or the keychain (an
// unlock prompt). Shell completion fetches no such token.
func (p Profile) TokenMayPrompt() bool {
	return p.TokenCommand != "" || p.KeyringEntry != ""
}

// Token fetches the admin token: reads the variable, runs the command, asks
// the OS keychain, or returns the literal. A failure is a *TokenError whose message says what
// to set or fix and never contains a token.
func (p Profile) Token(ctx context.Context) (string, error) {
	if err := p.Err(); err != nil {
		return "", err
	}
	switch {
	case p.hasLiteral:
		return p.literal, nil
	case p.TokenCommand != "":
		promptMu.Lock()
		tok, err := runTokenCommand(ctx, p.TokenCommand, CommandTimeout)
		promptMu.Unlock()
		if err != nil {
			return "", &TokenError{Profile: p.Name, Reason: err.Error()}
		}
		return p.checkToken(tok, "the output of token_command")
	case p.KeyringEntry != "":
		promptMu.Lock()
		tok, err := keyringGet(ctx, p.KeyringEntry)
		promptMu.Unlock()
		if err != nil {
			return "", &TokenError{Profile: p.Name, Reason: keyringReason(err, p)}
		}
		return p.checkToken(strings.TrimSpace(tok), "the keychain entry")
	case p.TokenEnv != "":
		tok := strings.TrimSpace(p.env(p.TokenEnv))
		if tok == "" {
			return "", &TokenError{Profile: p.Name, Reason: fmt.Sprintf("$%s is empty or not set: export %s=<admin token>", p.TokenEnv, p.TokenEnv)}
		}
		return p.checkToken(tok, "$"+p.TokenEnv)
	}
	envs := DefaultTokenEnvs(p.Provider)
	for _, name := range envs {
		if tok := strings.TrimSpace(p.env(name)); tok != "" {
			return p.checkToken(tok, "$"+name)
		}
	}
	return "", &TokenError{Profile: p.Name, Reason: fmt.Sprintf("no admin token: export %s=<admin token> (or %s)", envs[0], strings.Join(envs[1:], ", "))}
}

// checkToken refuses a token that cannot be sent in a header: a value with
// inner whitespace is a multi-line file or a command that printed more than
// the token.
func (p Profile) checkToken(tok, from string) (string, error) {
	if strings.ContainsAny(tok, " \t\r\n") {
		return "", &TokenError{Profile: p.Name, Reason: from + " holds more than one word; it must be the token alone (for a password store, pipe through `head -n1`)"}
	}
	for _, r := range tok {
		if r < 0x20 || r == 0x7f {
			return "", &TokenError{Profile: p.Name, Reason: from + " contains control characters"}
		}
	}
	return tok, nil
}

// Connection resolves the token and returns what a provider constructor
// takes.
func (p Profile) Connection(ctx context.Context) (client.Connection, error) {
	tok, err := p.Token(ctx)
	if err != nil {
		return client.Connection{}, err
	}
	client.RememberSecret(tok) // whatever reports an error from here on masks it
	return client.Connection{BaseURL: p.URL, Token: tok, CAFile: p.CAFile, TimeZone: p.TimeZone}, nil
}

// String describes the profile for messages; it never includes a token.
func (p Profile) String() string {
	return fmt.Sprintf("%s (%s, %s)", p.Name, p.DisplayProvider(), p.URL)
}

func (p Profile) env(name string) string {
	if p.getenv != nil {
		return p.getenv(name)
	}
	return os.Getenv(name)
}

func (p Profile) where() string { return p.Origin }

// WithLiteralToken returns a profile whose token is held in memory. It is
// for the demo emulators and tests; real tokens come from the environment, a
// command or a private config file.
func WithLiteralToken(name, kind, url, token string) Profile {
	return Profile{Name: name, Provider: kind, URL: url, Origin: "in memory", literal: token, hasLiteral: true}
}
