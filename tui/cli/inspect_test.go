package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/tui/exitcode"
)

const seedBorder0JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJvcmdfaWQiOiJteS1hd2Vzb21lLW9yZy1pZCIsInR5cGUiOiJ0b2tlbiIsInVzZXJfaWQiOiJ0aGlzLWlzLW15LXVzZXItaWQifQ.m6sk5616to2_y_Y4hA2BbjCD_a_h64A7Rs6hWbUWS4k"

func TestInspect(t *testing.T) {
	v1 := "default:production.25ee8d7b2a1c4f0e9d3b6a5c8e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b"
	v2 := "default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_0WZ7FeTetq55lDs_6b3_r_l6P2eD6XJkBu19mRXmRAI"
	legacy := strings.Repeat("a1b2c3d4", 7)
	cases := []struct {
		name   string
		args   []string
		stdin  string
		secret string
		want   []string
	}{
		{"unleash v1 argument", []string{v1}, "", v1, []string{"Unleash API token (v1 format)", "Projects: default", "Environment: production"}},
		{"unleash v2 argument", []string{v2}, "", v2, []string{"Unleash API token (v2 format: secure token storage", "Selector: oCMDWlZC_Z82MEpzo1zNLQ", "Masked: default:production.v2_oCMDWlZC_Z82MEpzo1zNLQ_…"}},
		{"unleash legacy stdin dash", []string{"-"}, legacy + "\n", legacy, []string{"legacy format", "56 hex digits"}},
		{"border0 stdin", nil, seedBorder0JWT + "\n", seedBorder0JWT, []string{"Border0", "Organisation: my-awesome-org-id", "Expires: never"}},
		{"unknown", []string{"hunter2hunter2"}, "", "hunter2hunter2", []string{"not a format tokentui recognises", "Length: 14 characters"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// No profile exists here: inspect must not need one.
			r := run(t, runOpts{stdin: c.stdin}, append([]string{"inspect"}, c.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			for _, w := range c.want {
				if !strings.Contains(r.out, w) {
					t.Errorf("output lacks %q:\n%s", w, r.out)
				}
			}
			if strings.Contains(r.out, c.secret) || strings.Contains(r.err, c.secret) {
				t.Error("the whole secret is printed")
			}
		})
	}
}

func TestInspectJSON(t *testing.T) {
	r := run(t, runOpts{stdin: seedBorder0JWT}, "inspect", "--json")
	var v struct {
		Kind   string
		Masked string
		Fields []map[string]string
	}
	if err := json.Unmarshal([]byte(r.out), &v); err != nil || r.code != 0 {
		t.Fatalf("exit %d: %v\n%s", r.code, err, r.out)
	}
	if v.Kind != "border0" || v.Masked == "" || len(v.Fields) == 0 || keysOf(v.Fields[0]) != "key,label,value" {
		t.Errorf("%+v", v)
	}
}

func keysOf(m map[string]string) string {
	a := map[string]any{}
	for k, v := range m {
		a[k] = v
	}
	return keys(a)
}

func TestInspectUsage(t *testing.T) {
	if r := run(t, runOpts{}, "inspect"); r.code != exitcode.Usage || !strings.Contains(r.err, "no token given") {
		t.Errorf("empty stdin: exit %d err %q", r.code, r.err)
	}
	if r := run(t, runOpts{}, "inspect", "a", "b"); r.code != exitcode.Usage {
		t.Errorf("two tokens: exit %d", r.code)
	}
	if r := run(t, runOpts{stdin: strings.Repeat("x", 70<<10)}, "inspect"); r.code != exitcode.Usage {
		t.Errorf("huge stdin: exit %d", r.code)
	}
}
