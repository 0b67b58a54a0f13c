package profile

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// Options are the inputs of profile selection: the global flags and the
// environment.
type Options struct {
	Demo     bool   // --demo: the in-process emulators
	Profile  string // --profile NAME
	Provider string // --provider goodaccess|border0|unleash (ad hoc)
	URL      string // --url URL (ad hoc)
	Insecure bool   // --insecure: allow plain http to a non-loopback host
	CAFile   string // --ca-file PATH: PEM bundle for a private CA

	// ConfigPath overrides DefaultConfigPath (tests).
	ConfigPath string
	// Env reads environment variables; nil means os.Getenv.
	Env func(string) string
	// Clock pins the demo emulators' time; nil means the wall clock.
	Clock func() time.Time
	// StartDemo starts the in-process emulators for --demo (the emulator
	// package's demo wiring; this package does not import the emulators).
	// Nil: --demo is refused.
	StartDemo DemoStarter
}

// DemoStarter starts the demo emulators and returns their profiles (with
// their admin tokens in memory, see DemoProfile) and the function that
// stops them.
type DemoStarter func(clock func() time.Time) (profiles []Profile, stop func(), err error)

// DemoProfile is the profile of one running demo emulator: its kind, its
// URL and its admin token, held in memory.
func DemoProfile(kind, url, token string) Profile {
	p := WithLiteralToken("demo-"+kind, kind, url, token)
	p.Demo, p.Origin = true, "demo"
	return p
}

// selfHostedNote is "; required for unleash" for the self-hosted kinds.
func selfHostedNote() string {
	var kinds []string
	for _, d := range registry.All() {
		if d.DefaultURL == "" {
			kinds = append(kinds, d.Kind)
		}
	}
	if len(kinds) == 0 {
		return ""
	}
	return "; required for " + strings.Join(kinds, ", ")
}

// RegisterFlags defines the profile flags on fs, writing into o. The
// command line spells them GNU-style: --profile NAME, --ca-file=FILE.
func (o *Options) RegisterFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.Demo, "demo", false, "use the built-in demo emulators (in memory; nothing persists between runs)")
	fs.StringVar(&o.Profile, "profile", "", "use the profile called `NAME` (from the config file, or demo-* with --demo)")
	fs.StringVar(&o.Provider, "provider", "", "ad hoc profile: `KIND` of system ("+registry.KindList()+"); token from $TOKENTUI_TOKEN or the provider's own variable")
	fs.StringVar(&o.URL, "url", "", "ad hoc profile: base `URL` (default: the provider's public API"+selfHostedNote()+")")
	fs.BoolVar(&o.Insecure, "insecure", false, "allow plain http:// to a host that is not loopback (sends the admin token unencrypted)")
	fs.StringVar(&o.CAFile, "ca-file", "", "PEM `FILE` of the CA that signed the server's certificate")
}

// Selection is the outcome of Resolve: the profile to open and every
// profile the TUI can switch to.
type Selection struct {
	Selected Profile
	// Profiles holds Selected and the config's other profiles, Selected
	// first when it is not one of the config's.
	Profiles   []Profile
	ConfigPath string
	// ConfigErr is a config file problem that did not stop this selection
	// (flags or the environment chose the profile); worth a warning.
	ConfigErr error

	stopDemo func() // nil unless the demo emulators run
}

// SelectedIndex is the position of Selected in Profiles (0 when absent), the
// form the dashboard's profile switcher takes.
func (s *Selection) SelectedIndex() int {
	for i, p := range s.Profiles {
		if p.Name == s.Selected.Name {
			return i
		}
	}
	return 0
}

// Demo reports whether the selection runs the in-process emulators.
func (s *Selection) Demo() bool { return s.stopDemo != nil }

// Close stops the demo emulators, if any. Safe to call on nil and twice.
func (s *Selection) Close() {
	if s == nil || s.stopDemo == nil {
		return
	}
	s.stopDemo()
	s.stopDemo = nil
}

// Resolve picks the profile, in this order: --demo, then --provider/--url
// (--url alone is registry.Legacy, as early versions had), then --profile,
// then TOKENTUI_URL (registry.Legacy, its token from TOKENTUI_TOKEN: when
// that is missing, opening the profile says so), then the config's
// default, then its only profile. The dashboard and every command resolve
// alike. When none applies it returns a *NoProfileError saying how to add
// one. The selected profile is checked (Err) but its token is not fetched
// yet: that happens in Open. The caller must Close the selection.
func Resolve(opts Options) (*Selection, error) {
	getenv := opts.Env
	if getenv == nil {
		getenv = os.Getenv
	}
	if opts.Demo {
		return resolveDemo(opts)
	}
	path := opts.ConfigPath
	if path == "" {
		path = DefaultConfigPath(getenv)
	}
	cfg, cfgErr := LoadConfig(path, getenv)
	sel := &Selection{ConfigPath: path}

	if opts.Provider != "" || opts.URL != "" {
		p, err := adHoc(opts, getenv)
		if err != nil {
			return nil, err
		}
		return sel.finish(p, false, cfg, cfgErr, opts)
	}
	if opts.Profile != "" {
		if cfgErr != nil {
			return nil, cfgErr
		}
		p, ok := cfg.Lookup(opts.Profile)
		if !ok {
			if !cfg.Exists {
				return nil, selectErrorf("no profile %q: there is no config file at %s", client.Sanitize(opts.Profile), path)
			}
			return nil, selectErrorf("no profile %q in %s (profiles: %s)", client.Sanitize(opts.Profile), path, orNone(cfg.Names()))
		}
		return sel.finish(p, true, cfg, nil, opts)
	}
	if u := getenv(LegacyURLEnv); u != "" {
		p := Profile{Name: "env", Provider: registry.Legacy().Kind, URL: normaliseURL(u), Origin: "$" + LegacyURLEnv, getenv: getenv, TokenEnv: SharedTokenEnv}
		return sel.finish(p, false, cfg, cfgErr, opts)
	}
	if cfgErr != nil {
		return nil, cfgErr
	}
	switch {
	case cfg.Default != "":
		p, _ := cfg.Lookup(cfg.Default) // ParseConfig checked it exists
		return sel.finish(p, true, cfg, nil, opts)
	case len(cfg.Profiles) == 1:
		return sel.finish(cfg.Profiles[0], true, cfg, nil, opts)
	}
	return nil, &NoProfileError{ConfigPath: path, Available: cfg.Names()}
}

// finish applies --insecure and --ca-file to the selected profile, checks
// it, and lists the profiles to switch between: the config's, after the
// selected one when that came from flags or the environment.
func (s *Selection) finish(p Profile, fromConfig bool, cfg Config, cfgErr error, opts Options) (*Selection, error) {
	if opts.Insecure {
		p.Insecure = true
	}
	if opts.CAFile != "" {
		p.CAFile = opts.CAFile
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	s.Selected, s.ConfigErr = p, cfgErr
	if !fromConfig {
		s.Profiles = append(s.Profiles, p)
	}
	if cfgErr != nil {
		return s, nil // a broken file offers nothing to switch to
	}
	for _, c := range cfg.Profiles {
		if fromConfig && c.Name == p.Name {
			c = p // with the flag overrides
		}
		s.Profiles = append(s.Profiles, c)
	}
	return s, nil
}

// adHoc builds the profile --provider/--url describe (--url alone: the
// legacy provider). Its token comes from TOKENTUI_TOKEN or the provider's
// own variable.
func adHoc(opts Options, getenv func(string) string) (Profile, error) {
	kind := strings.ToLower(strings.TrimSpace(opts.Provider))
	if kind == "" {
		kind = registry.Legacy().Kind
	}
	d, ok := descriptorOf(kind)
	if !ok {
		return Profile{}, selectErrorf("--provider %q is not one of %s", client.Sanitize(opts.Provider), registry.KindList())
	}
	u := normaliseURL(opts.URL)
	if u == "" {
		u = d.DefaultURL
	}
	if u == "" {
		return Profile{}, selectErrorf("--provider %s needs --url: %s is self-hosted", kind, d.DisplayName)
	}
	name := kind
	if parsed, err := url.Parse(u); err == nil && parsed.Host != "" {
		name = kind + "@" + parsed.Host
	}
	return Profile{Name: name, Provider: kind, URL: u, Origin: "--provider/--url", getenv: getenv}, nil
}

// resolveDemo starts the emulators and selects the first demo profile, or
// the one --profile names, or the one of --provider's kind.
func resolveDemo(opts Options) (*Selection, error) {
	if opts.StartDemo == nil {
		return nil, selectErrorf("--demo is not available in this build")
	}
	profiles, stop, err := opts.StartDemo(opts.Clock)
	if err != nil {
		return nil, fmt.Errorf("starting the demo emulators: %w", err)
	}
	if len(profiles) == 0 {
		stop()
		return nil, selectErrorf("the demo has no emulators")
	}
	want := profiles[0].Name
	switch {
	case opts.Profile != "":
		want = opts.Profile
	case opts.Provider != "":
		want = "demo-" + strings.ToLower(opts.Provider)
	}
	for _, p := range profiles {
		if p.Name == want {
			return &Selection{Selected: p, Profiles: profiles, stopDemo: stop}, nil
		}
	}
	stop()
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name
	}
	return nil, selectErrorf("with --demo, choose one of the demo profiles (%s); %q is not one", strings.Join(names, ", "), client.Sanitize(want))
}
