package profile

import (
	"os"
	"sync"
)

// ResolveAll selects every profile of the config file at once (the
// all-profiles table, list and check --all-profiles, find): with --demo,
// every demo profile. Profiles that cannot be used (Err) are kept, so
// whoever shows them can say why. --profile, --provider and --url pick
// one profile and are refused beside it, as is --ca-file, which a profile
// sets for itself (ca_file); --insecure applies to every profile.
// Selected is the default profile, or the first. The caller must Close
// the selection.
func ResolveAll(opts Options) (*Selection, error) {
	for flag, set := range map[string]bool{"--profile": opts.Profile != "", "--provider": opts.Provider != "", "--url": opts.URL != "", "--ca-file": opts.CAFile != ""} {
		if set {
			return nil, selectErrorf("%s picks one profile; --all-profiles takes every profile of the config file (set ca_file per profile)", flag)
		}
	}
	if opts.Demo {
		return resolveDemo(opts)
	}
	getenv := opts.Env
	if getenv == nil {
		getenv = os.Getenv
	}
	path := opts.ConfigPath
	if path == "" {
		path = DefaultConfigPath(getenv)
	}
	cfg, err := LoadConfig(path, getenv)
	if err != nil {
		return nil, err
	}
	if len(cfg.Profiles) == 0 {
		return nil, &NoProfileError{ConfigPath: path}
	}
	sel := &Selection{ConfigPath: path, Selected: cfg.Profiles[0]}
	for _, p := range cfg.Profiles {
		if opts.Insecure {
			p.Insecure = true
		}
		if p.Name == cfg.Default {
			sel.Selected = p
		}
		sel.Profiles = append(sel.Profiles, p)
	}
	return sel, nil
}

// promptMu lets one token source at a time wait for a person (a password
// manager's PIN, a keychain's unlock prompt) when several profiles are
// opened at once: two prompts racing for one terminal or screen would
// confuse whoever answers them.
var promptMu sync.Mutex
