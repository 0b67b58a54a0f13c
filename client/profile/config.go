package profile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // timezone: works on systems without a zone database

	"go.yaml.in/yaml/v3"

	"github.com/tokentui/tokentui/client"
)

// Config is what config.yaml says.
type Config struct {
	Path string
	// Exists is false when there is no config file (a first start).
	Exists bool
	// Default names the profile used when nothing else selects one.
	Default     string
	defaultLine int
	// Profiles in the order the file lists them.
	Profiles []Profile
}

// Lookup returns the named profile.
func (c Config) Lookup(name string) (Profile, bool) {
	for _, p := range c.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// Names lists the profile names in file order.
func (c Config) Names() []string {
	names := make([]string, len(c.Profiles))
	for i, p := range c.Profiles {
		names[i] = p.Name
	}
	return names
}

// DefaultConfigPath is $XDG_CONFIG_HOME/tokentui/config.yaml, or
// ~/.config/tokentui/config.yaml when XDG_CONFIG_HOME is unset or relative
// (the XDG spec says to ignore relative values).
func DefaultConfigPath(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "tokentui", "config.yaml")
	}
	home := getenv("HOME")
	if home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			home = h
		}
	}
	return filepath.Join(home, ".config", "tokentui", "config.yaml")
}

// maxConfigSize keeps a mistaken path (a log file, /dev/zero) from being read
// whole.
const maxConfigSize = 1 << 20

// LoadConfig reads the config file at path. A missing file is not an error:
// it returns a Config with Exists false. getenv serves token_env lookups
// later (nil: os.Getenv).
func LoadConfig(path string, getenv func(string) string) (Config, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{Path: path}, nil
	}
	if err != nil {
		return Config{Path: path}, &ConfigError{Path: path, Msg: "cannot read: " + client.Sanitize(pathErrReason(err))}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Config{Path: path}, &ConfigError{Path: path, Msg: "cannot read: " + client.Sanitize(err.Error())}
	}
	if !st.Mode().IsRegular() {
		return Config{Path: path}, &ConfigError{Path: path, Msg: "is not a regular file"}
	}
	if st.Size() > maxConfigSize {
		return Config{Path: path}, &ConfigError{Path: path, Msg: "is larger than 1 MiB; is this the right file?"}
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return Config{Path: path}, &ConfigError{Path: path, Msg: "cannot read: " + client.Sanitize(err.Error())}
	}
	return ParseConfig(data, path, isPrivate(st.Mode()), getenv)
}

// isPrivate: no permission bits for group or others. Windows reports no
// such bits, so the rule cannot be checked there and is not applied.
func isPrivate(mode fs.FileMode) bool {
	return runtime.GOOS == "windows" || mode.Perm()&0o077 == 0
}

// profileKeys are the keys a profile may have, with what each holds.
var profileKeys = map[string]string{
	"provider":      "string",
	"url":           "string",
	"token_env":     "string",
	"token_command": "string",
	"token_keyring": "keyring",
	"token":         "string",
	"ca_file":       "string",
	"insecure":      "bool",
	"timezone":      "string",
	"check_ignore":  "list",
}

func knownProfileKeys() string {
	keys := make([]string, 0, len(profileKeys))
	for k := range profileKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// ParseConfig parses the content of a config file. private says whether the
// file is readable by its owner alone; a literal token is refused otherwise.
func ParseConfig(data []byte, path string, private bool, getenv func(string) string) (Config, error) {
	cfg := Config{Path: path, Exists: true}
	base := filepath.Base(path)
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := syntaxError(err, data)
		return cfg, &ConfigError{Path: path, Line: line, Msg: "not valid YAML: " + msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return cfg, nil // an empty file: no profiles yet
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return cfg, &ConfigError{Path: path, Line: root.Line, Msg: "expected keys `default` and `profiles` at the top level"}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if seen[key.Value] {
			return cfg, &ConfigError{Path: path, Line: key.Line, Msg: fmt.Sprintf("key %s appears twice", showKey(key.Value))}
		}
		seen[key.Value] = true
		switch key.Value {
		case "default":
			if val.Kind != yaml.ScalarNode {
				return cfg, &ConfigError{Path: path, Line: val.Line, Msg: "default must be a profile name"}
			}
			cfg.Default, cfg.defaultLine = val.Value, key.Line
		case "profiles":
			if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
				continue
			}
			if val.Kind != yaml.MappingNode {
				return cfg, &ConfigError{Path: path, Line: val.Line, Msg: "profiles must map names to profiles, such as `work: {provider: border0}`"}
			}
			profiles, err := parseProfiles(val, path, base, private, getenv)
			if err != nil {
				return cfg, err
			}
			cfg.Profiles = profiles
		default:
			return cfg, &ConfigError{Path: path, Line: key.Line, Msg: fmt.Sprintf("unknown key %s at the top level (known: default, profiles)", showKey(key.Value))}
		}
	}
	if cfg.Default != "" {
		if _, ok := cfg.Lookup(cfg.Default); !ok {
			return cfg, &ConfigError{Path: path, Line: cfg.defaultLine, Msg: fmt.Sprintf("default names profile %s, which is not defined (defined: %s)", showValue(cfg.Default), orNone(cfg.Names()))}
		}
	}
	return cfg, nil
}

func parseProfiles(m *yaml.Node, path, base string, private bool, getenv func(string) string) ([]Profile, error) {
	var out []Profile
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		nameNode, body := m.Content[i], m.Content[i+1]
		name := nameNode.Value
		if nameNode.Kind != yaml.ScalarNode || strings.TrimSpace(name) == "" || client.Sanitize(name) != name {
			return nil, &ConfigError{Path: path, Line: nameNode.Line, Msg: "a profile name must be plain text"}
		}
		if seen[name] {
			return nil, &ConfigError{Path: path, Line: nameNode.Line, Msg: fmt.Sprintf("profile %q is defined twice", name)}
		}
		seen[name] = true
		if body.Kind != yaml.MappingNode {
			return nil, &ConfigError{Path: path, Line: body.Line, Msg: fmt.Sprintf("profile %q must be a mapping such as {provider: border0, token_env: BORDER0_ADMIN_TOKEN}", name)}
		}
		p := Profile{Name: name, Origin: fmt.Sprintf("%s line %d", base, nameNode.Line), getenv: getenv}
		keys := map[string]bool{}
		for j := 0; j+1 < len(body.Content); j += 2 {
			k, v := body.Content[j], body.Content[j+1]
			if keys[k.Value] {
				return nil, &ConfigError{Path: path, Line: k.Line, Msg: fmt.Sprintf("key %s appears twice in profile %q", showKey(k.Value), name)}
			}
			keys[k.Value] = true
			if line, msg := p.setKey(k, v, private, getenv); msg != "" {
				return nil, &ConfigError{Path: path, Line: line, Msg: msg}
			}
		}
		if p.URL == "" {
			if d, ok := descriptorOf(p.Provider); ok {
				p.URL = d.DefaultURL
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// setKey applies one key of a profile's mapping. A problem comes back as
// the line it is on and what is wrong; the message never quotes a value,
// which might be a token.
func (p *Profile) setKey(k, v *yaml.Node, private bool, getenv func(string) string) (line int, problem string) {
	kind, known := profileKeys[k.Value]
	switch {
	case !known:
		return k.Line, fmt.Sprintf("unknown key %s in profile %q (known: %s)%s", showKey(k.Value), p.Name, knownProfileKeys(), didYouMean(k.Value))
	case kind == "list":
		return p.setList(k, v)
	case v.Kind != yaml.ScalarNode:
		return v.Line, fmt.Sprintf("%s in profile %q must be a %s", k.Value, p.Name, kindWords[kind])
	case kind == "bool":
		b, ok := yamlBool(v)
		if !ok {
			return v.Line, fmt.Sprintf("%s in profile %q must be true or false", k.Value, p.Name)
		}
		p.Insecure = b
		return 0, ""
	case kind == "keyring":
		return p.setKeyring(v)
	case v.Tag == "!!null":
		return 0, "" // `url:` with nothing after it: as if absent
	case v.Tag != "!!str" && kind == "string" && k.Value != "token":
		// A number or a date where a name or URL belongs is a typo worth
		// naming; a token may look like anything, and is never echoed.
		return v.Line, fmt.Sprintf("%s in profile %q must be a %s", k.Value, p.Name, kindWords[kind])
	}
	val := strings.TrimSpace(v.Value)
	switch k.Value {
	case "provider":
		p.Provider = strings.ToLower(val)
	case "url":
		p.URL = normaliseURL(val)
	case "token_env":
		p.TokenEnv = val
	case "token_command":
		p.TokenCommand = val
	case "token":
		// The value is never quoted in any message.
		p.literal, p.hasLiteral, p.literalPublic = val, true, !private
	case "ca_file":
		p.CAFile = expandHome(val, getenv)
	case "timezone":
		return p.setTimeZone(v.Line, val)
	}
	return 0, ""
}

// setTimeZone reads timezone: an IANA name (or UTC), for APIs whose times
// carry no zone. "Local" is refused: the zone of this machine says nothing
// about the server's.
func (p *Profile) setTimeZone(line int, name string) (int, string) {
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		return line, fmt.Sprintf("timezone in profile %q is not a time zone tokentui knows: use an IANA name such as Europe/Prague, or UTC", p.Name)
	}
	p.TimeZone = loc
	return 0, ""
}

// setKeyring reads token_keyring: true names the keychain entry after the
// profile, a string names it, false means no keychain.
func (p *Profile) setKeyring(v *yaml.Node) (int, string) {
	if b, ok := yamlBool(v); ok {
		if b {
			p.KeyringEntry = p.Name
		}
		return 0, ""
	}
	entry := strings.TrimSpace(v.Value)
	if v.Tag != "!!str" || entry == "" || client.Sanitize(entry) != entry {
		return v.Line, fmt.Sprintf("token_keyring in profile %q must be true (an entry named after the profile) or the name of a keychain entry", p.Name)
	}
	p.KeyringEntry = entry
	return 0, ""
}

// setList reads a list of plain strings (check_ignore): a YAML sequence,
// or one string.
func (p *Profile) setList(k, v *yaml.Node) (int, string) {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	var out []string
	for _, it := range items {
		val := strings.TrimSpace(it.Value)
		if it.Kind != yaml.ScalarNode || it.Tag == "!!null" || val == "" || client.Sanitize(val) != val {
			return it.Line, fmt.Sprintf("%s in profile %q must be a %s", k.Value, p.Name, kindWords["list"])
		}
		out = append(out, val)
	}
	p.CheckIgnore = out
	return 0, ""
}

// kindWords says what a key of each kind must hold, for messages.
var kindWords = map[string]string{
	"string":  "string",
	"bool":    "true or false",
	"keyring": "true or an entry name",
	"list":    "list of token IDs or names, such as [\"ci-deploy\", \"3f2a9c4e:no-expiry\"]",
}

// yamlBool reads a YAML 1.2 boolean: true or false, unquoted.
func yamlBool(v *yaml.Node) (bool, bool) {
	if v.Tag != "!!bool" {
		return false, false
	}
	b, err := strconv.ParseBool(v.Value)
	return b, err == nil
}

// expandHome turns a leading ~/ into the home directory, as a shell would.
func expandHome(path string, getenv func(string) string) string {
	if !strings.HasPrefix(path, "~/") {
		return path
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	home := getenv("HOME")
	if home == "" {
		return path
	}
	return filepath.Join(home, path[2:])
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// pathErrReason is the reason of an os error without the path, which the
// ConfigError already names.
func pathErrReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
