package unleash

import (
	"fmt"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// SecretInfo is what an Unleash secret says about itself, read without asking
// the server.
type SecretInfo struct {
	// Version is 1 for the bare hexadecimal secrets of Unleash before 4.3 and
	// 2 for "<projects>:<environment>.<hash>".
	Version int
	// ProjectsPart is the secret's projects part as written: a project id,
	// "[]" or "*". Empty for version 1.
	ProjectsPart string
	// Projects describes that part for people: the project id, "several
	// projects (not listed in the secret)" or "all projects".
	Projects string
	// Environment is the environment part; "*" means every environment.
	// Empty for version 1.
	Environment string
	// Admin is true for "*:*." secrets: an admin token, which Unleash 8.2
	// creates only from its start-up configuration (INIT_ADMIN_API_TOKENS),
	// so its hash part may be any text.
	Admin bool
}

// Descriptions of the projects part of a v2 secret.
const (
	AllProjects      = "all projects"
	SeveralProjects  = "several projects (not listed in the secret)"
	minHashHexDigits = 32
)

// ParseSecret recognises an Unleash API token secret. It never returns the
// hash part, so a SecretInfo is safe to print.
//
// The Unleash documentation says the hash is 64 hexadecimal digits, but the
// servers generate 56 (28 random bytes) and the documentation's own examples
// have 56, so any even run of at least 32 hex digits is accepted.
func ParseSecret(secret string) (SecretInfo, bool) {
	if isHexHash(secret) {
		return SecretInfo{Version: 1}, true
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
	env, hash := rest[:dot], rest[dot+1:]
	if !validPart(projects) || !validPart(env) {
		return SecretInfo{}, false
	}
	info := SecretInfo{Version: 2, ProjectsPart: projects, Environment: env, Admin: projects == "*" && env == "*"}
	if !info.Admin && !isHexHash(hash) {
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

// String is a one-line description: "v2 secret: project default, environment
// production".
func (s SecretInfo) String() string {
	if s.Version == 1 {
		return "v1 secret (from before Unleash 4.3): projects and environment are not in the secret"
	}
	env := "environment " + s.Environment
	if s.Environment == "*" {
		env = "all environments"
	}
	projects := s.Projects
	if s.ProjectsPart != "*" && s.ProjectsPart != "[]" {
		projects = "project " + s.Projects
	}
	out := fmt.Sprintf("v2 secret: %s, %s", projects, env)
	if s.Admin {
		out += " (an admin token)"
	}
	return out
}

// Format is the one line the dashboard's detail pane shows: "v2 ·
// projects: default · environment: production".
func (s SecretInfo) Format() string {
	if s.Version == 1 {
		return "v1 (before Unleash 4.3): says nothing about projects or environment"
	}
	out := "v2 · projects: " + s.Projects + " · environment: " + s.environmentWords()
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
