package unleash

import (
	"strings"
	"testing"
)

func TestUnleashParseSecretOnTheDocumentationExamples(t *testing.T) {
	const hash = "be44368985f7fb3237c584ef86f3d6bdada42ddbd63a019d26955178" // the seed's own example
	cases := []struct {
		secret              string
		version             int
		part, projects, env string
		admin               bool
	}{
		{hash, 1, "", "", "", false},
		{"project-a:development." + hash, 2, "project-a", "project-a", "development", false},
		{"[]:production." + hash, 2, "[]", SeveralProjects, "production", false},
		{"*:development." + hash, 2, "*", AllProjects, "development", false},
		{"*:*.unleash-insecure-admin-api-token", 2, "*", AllProjects, "*", true},
		{"*:*." + hash, 2, "*", AllProjects, "*", true},
		{"default:production.25eebee01db45a2819f309d415d747ecffeb1048ff7724e71fab63b1", 2, "default", "default", "production", false},
		{strings.Repeat("ab", 32), 1, "", "", "", false},                       // 64 digits, as the docs describe v1
		{"my.proj:prod.eu." + hash, 2, "my.proj", "my.proj", "prod.eu", false}, // dots in ids
	}
	for _, c := range cases {
		info, ok := ParseSecret(c.secret)
		if !ok || info.Version != c.version || info.ProjectsPart != c.part || info.Projects != c.projects || info.Environment != c.env || info.Admin != c.admin {
			t.Errorf("ParseSecret(%.30s…) = %+v, %v", c.secret, info, ok)
		}
		if s := info.String(); strings.Contains(s, hash) || s == "" {
			t.Errorf("String() = %q", s)
		}
	}
}

func TestUnleashParseSecretRefusesOtherText(t *testing.T) {
	for _, s := range []string{
		"",
		"be44368985f7",                           // too short
		strings.Repeat("g", 56),                  // not hex
		strings.Repeat("a", 57),                  // odd length
		"default:production.not-hex-at-all",      // a v2 with a non-hex hash (only admin may)
		"default:production.",                    // no hash
		":production." + strings.Repeat("a", 56), // no projects
		"default:." + strings.Repeat("a", 56),    // no environment
		"default production." + strings.Repeat("a", 56),
		"user:9981f838db8fa6457c8354944e76e2f1f7a7607c623f33cc7af012af", // a personal access token
		"Bearer *:*.x",
	} {
		if info, ok := ParseSecret(s); ok {
			t.Errorf("ParseSecret(%q) = %+v, want not recognised", s, info)
		}
	}
}

func TestUnleashSecretInfoString(t *testing.T) {
	for secret, want := range map[string]string{
		"default:production." + strings.Repeat("a", 56): "v2 secret: project default, environment production",
		"[]:development." + strings.Repeat("a", 56):     "v2 secret: " + SeveralProjects + ", environment development",
		"*:*.x":                 "v2 secret: all projects, all environments (an admin token)",
		strings.Repeat("a", 56): "v1 secret (from before Unleash 4.3): projects and environment are not in the secret",
	} {
		info, _ := ParseSecret(secret)
		if got := info.String(); got != want {
			t.Errorf("%q: %q, want %q", secret[:8], got, want)
		}
	}
}
