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
		{hash, 0, "", "", "", false}, // legacy: bare hex
		{"project-a:development." + hash, 1, "project-a", "project-a", "development", false},
		{"[]:production." + hash, 1, "[]", SeveralProjects, "production", false},
		{"*:development." + hash, 1, "*", AllProjects, "development", false},
		{"*:*.unleash-insecure-admin-api-token", 1, "*", AllProjects, "*", true},
		{"*:*." + hash, 1, "*", AllProjects, "*", true},
		{"default:production.25eebee01db45a2819f309d415d747ecffeb1048ff7724e71fab63b1", 1, "default", "default", "production", false},
		{"default:production." + strings.Repeat("ab", 32), 1, "default", "default", "production", false}, // 64 digits, as older docs describe
		{strings.Repeat("ab", 32), 0, "", "", "", false},
		{"my.proj:prod.eu." + hash, 1, "my.proj", "my.proj", "prod.eu", false}, // dots in ids
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

// The v2 secrets of the real 8.2.0 server in shared/specs/unleash-secure-tokens.md:
// selectors and secret parts hold "_" and "-", so nothing may split on "_".
func TestUnleashParseSecretV2FromTheRealServer(t *testing.T) {
	cases := []struct{ secret, selector, part, env string }{
		{"default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI", "oCMDWlZC_Z82MEpzo1zNLQ", "default", "production"},
		{"default:development.v2_mkqyTQnoRi5V7Fv5rOWWjg_MLqmitobonYKwNVP14spWOYWe9-Bi6QLx-T0R3m3t14", "mkqyTQnoRi5V7Fv5rOWWjg", "default", "development"},
		{"*:development.v2_6KpkZSp5sQPFb_vJrM6nEA_r-m-yujFBqVMlyXzYEOQr1Ncw1du8xlRXhUnkN8RUZQ", "6KpkZSp5sQPFb_vJrM6nEA", "*", "development"},
		{"*:production.v2_tWORFwBvPW_-Cz-BTl_ZoQ_q0kN6oEtrm85cHw7xvqOPsCFZ6A3TfEhgF79lxS5mAQ", "tWORFwBvPW_-Cz-BTl_ZoQ", "*", "production"},
	}
	for _, c := range cases {
		info, ok := ParseSecret(c.secret)
		if !ok || info.Version != 2 || info.Selector != c.selector || info.ProjectsPart != c.part || info.Environment != c.env || info.Admin {
			t.Errorf("ParseSecret(%.30s…) = %+v, %v", c.secret, info, ok)
		}
		secretPart := c.secret[len(c.secret)-43:]
		if s := info.String() + info.Format(); strings.Contains(s, secretPart) || !strings.Contains(s, c.selector) {
			t.Errorf("String/Format = %q", s)
		}
		if !IsSelector(info.Selector) || IsSelector(c.secret) {
			t.Errorf("IsSelector(%q)", info.Selector)
		}
	}
	for _, s := range []string{
		"default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRA",   // secret part one short
		"default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI=", // padding
		"default:production.v2_oCMDWlZC_Z82MEpzo1zN+Q_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI",  // not base64url
	} {
		if info, ok := ParseSecret(s); ok {
			t.Errorf("ParseSecret(%.40s…) = %+v, want not recognised", s, info)
		}
	}
}

func TestUnleashParseSecretRefusesOtherText(t *testing.T) {
	for _, s := range []string{
		"",
		"be44368985f7",                           // too short
		strings.Repeat("g", 56),                  // not hex
		strings.Repeat("a", 57),                  // odd length
		"default:production.not-hex-at-all",      // a v1 with a non-hex hash (only admin may)
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
		"default:production." + strings.Repeat("a", 56): "v1 secret: project default, environment production",
		"[]:development." + strings.Repeat("a", 56):     "v1 secret: " + SeveralProjects + ", environment development",
		"*:*.x":                 "v1 secret: all projects, all environments (an admin token)",
		strings.Repeat("a", 56): "legacy secret (from before Unleash 4.3): projects and environment are not in the secret",
		"*:production.v2_tWORFwBvPW_-Cz-BTl_ZoQ_q0kN6oEtrm85cHw7xvqOPsCFZ6A3TfEhgF79lxS5mAQ": "v2 secret: all projects, environment production, selector tWORFwBvPW_-Cz-BTl_ZoQ",
	} {
		info, _ := ParseSecret(secret)
		if got := info.String(); got != want {
			t.Errorf("%q: %q, want %q", secret[:8], got, want)
		}
	}
}
