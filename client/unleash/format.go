package unleash

import (
	"fmt"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// SecretInfo is what an Unleash secret says about itself, read without asking
// the server.
type SecretInfo struct {
	// Version is Unleash's own numbering: 1 for
	// "<projects>:<environment>.<hex>", which the server stores as it is and
	// lists in full, and 2 for the secure
	// "<projects>:<environment>.v2_<selector>_<secret>" of Unleash 8.2+
	// (UNLEASH_EXPERIMENTAL_SECURE_TOKEN), of which the server keeps only a
	// hash. 0 is the bare hex of Unleash before 4.3 (Legacy).
	Version int
	// ProjectsPart is the secret's projects part as written: a project id,
	// "[]" or "*". Empty for a legacy secret.
	ProjectsPart string
	// Projects describes that part for people: the project id, "several
	// projects (not listed in the secret)" or "all projects".
	Projects string
	// Environment is the environment part; "*" means every environment.
	// Empty for a legacy secret.
	Environment string
	// Admin is true for "*:*." secrets: an admin token, which Unleash 8.2
	// creates only from its start-up configuration (INIT_ADMIN_API_TOKENS),
	// so its hash part may be any text.
	Admin bool
	// Selector is a v2 secret's 22-character selector: not a credential,
	// but the id the admin API lists the token by and addresses it with.
	Selector string
}

// Legacy reports whether the secret is the bare hex of Unleash before 4.3.
func (s SecretInfo) Legacy() bool { return s.Version == 0 }

// Descriptions of the projects part of a secret.
const (
	AllProjects      = "all projects"
	SeveralProjects  = "several projects (not listed in the secret)"
	minHashHexDigits = 32
	// v1HashHexDigits is what Unleash 4.3 to 8.2 make (28 random bytes);
	// its documentation says 64, which older secrets may have.
	v1HashHexDigits = 56
)

// ParseSecret recognises an Unleash API token secret. It never returns the
// secret part, so a SecretInfo is safe to print (a v2 selector is an id,
// not a credential).
//
// A v1 hash is 56 hex digits on every server observed; the documentation
// says 64, so any even run of at least 32 is accepted. A v2 tail is matched
// as the server matches it, anchored at the end
// (\.v2_([A-Za-z0-9_-]{22})_([A-Za-z0-9_-]{43})$): either part may hold "_"
// or "-", so it is never split on "_".
func ParseSecret(secret string) (SecretInfo, bool) {
	if isHexHash(secret) {
		return SecretInfo{Version: 0}, true
	}
	colon := strings.IndexByte(secret, ':')
	if colon <= 0 {
		return SecretInfo{}, false
	}
	projects, rest := secret[:colon], secret[colon+1:]
	dot := strings.LastIndexByte(rest, '.')
	if dot <= 0 || dot == len(rest)-1 {
		return SecretInfo{}, false
	}
	env, tail := rest[:dot], rest[dot+1:]
	if !validPart(projects) || !validPart(env) {
		return SecretInfo{}, false
	}
	info := SecretInfo{Version: 1, ProjectsPart: projects, Environment: env, Admin: projects == "*" && env == "*"}
	switch {
	case client.IsSecureV2(tail):
		info.Version, info.Selector = 2, tail[len("v2_"):len("v2_")+selectorLen]
	case !info.Admin && !isHexHash(tail):
		return SecretInfo{}, false
	}
	switch projects {
	case "*":
		info.Projects = AllProjects
	case "[]":
		info.Projects = SeveralProjects
	default:
		info.Projects = projects
	}
	return info, true
}

// selectorLen is the length of a v2 selector: 16 random bytes, base64url.
const selectorLen = 22

// IsSelector reports whether s can be a v2 selector, which the admin API
// lists in place of a secure token's secret.
func IsSelector(s string) bool { return len(s) == selectorLen && client.IsBase64URL(s) }

// String is a one-line description: "v1 secret: project default,
// environment production".
func (s SecretInfo) String() string {
	if s.Legacy() {
		return "legacy secret (from before Unleash 4.3): projects and environment are not in the secret"
	}
	env := "environment " + s.Environment
	if s.Environment == "*" {
		env = "all environments"
	}
	projects := s.Projects
	if s.ProjectsPart != "*" && s.ProjectsPart != "[]" {
		projects = "project " + s.Projects
	}
	out := fmt.Sprintf("v%d secret: %s, %s", s.Version, projects, env)
	if s.Version == 2 {
		out += ", selector " + s.Selector
	}
	if s.Admin {
		out += " (an admin token)"
	}
	return out
}

// Format is the one line the dashboard's detail pane shows: "v1 ·
// projects: default · environment: production".
func (s SecretInfo) Format() string {
	if s.Legacy() {
		return "legacy (before Unleash 4.3): says nothing about projects or environment"
	}
	out := fmt.Sprintf("v%d · projects: %s · environment: %s", s.Version, s.Projects, s.environmentWords())
	if s.Version == 2 {
		out = "v2 (secure storage) · projects: " + s.Projects + " · environment: " + s.environmentWords() + " · selector: " + s.Selector
	}
	if s.Admin {
		out += " · admin"
	}
	return out
}

// environmentWords is the environment part for people: "*" is "all
// environments".
func (s SecretInfo) environmentWords() string {
	if s.Environment == "*" {
		return "all environments"
	}
	return s.Environment
}

func isHexHash(s string) bool {
	return len(s) >= minHashHexDigits && len(s)%2 == 0 && client.IsHex(s)
}

// validPart accepts what Unleash allows in project ids and environment names
// (URL-friendly text) plus "[]"; anything with spaces or controls is not a
// secret.
func validPart(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}
