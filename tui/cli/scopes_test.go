package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestScopes(t *testing.T) {
	r := run(t, runOpts{}, "scopes", "--demo")
	for _, want := range []string{"token.create", "Create a new API token", "Logs", "Presets", "Allowed IPs (--ip): supported"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("goodaccess scopes lack %q", want)
		}
	}
	r = run(t, runOpts{}, "scopes", "--demo", "--provider", "border0")
	for _, want := range []string{"--role", "connector", "Allowed IPs (--ip): not supported"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("border0 scopes lack %q:\n%s", want, r.out)
		}
	}
}

func TestScopesJSON(t *testing.T) {
	r := run(t, runOpts{}, "scopes", "--demo", "--provider", "unleash", "--json")
	var v map[string]any
	if err := json.Unmarshal([]byte(r.out), &v); err != nil || r.code != 0 {
		t.Fatalf("exit %d: %v", r.code, err)
	}
	if keys(v) != "allowed_ips,environments,name_max_len,name_required,never_expires,owner_label,owner_none,owners,presets,profile,projects,provider,role_label,roles,scope_groups" {
		t.Fatalf("keys %s", keys(v))
	}
	if len(v["projects"].([]any)) == 0 || len(v["environments"].([]any)) == 0 || v["role_label"] != "Type" {
		t.Errorf("%v", v)
	}
	role := v["roles"].([]any)[0].(map[string]any)
	if keys(role) != "creatable,description,name,reason" {
		t.Errorf("role keys %s", keys(role))
	}
	r = run(t, runOpts{}, "scopes", "--demo", "--json")
	json.Unmarshal([]byte(r.out), &v)
	group := v["scope_groups"].([]any)[0].(map[string]any)
	if keys(group) != "name,scopes" || keys(group["scopes"].([]any)[0].(map[string]any)) != "description,name" {
		t.Errorf("group %v", group)
	}
}
