package profile

import (
	"errors"
	"strings"
	"testing"
)

func resolveAllWith(t *testing.T, config string, opts Options) (*Selection, error) {
	t.Helper()
	return resolveUsing(t, ResolveAll, config, nil, opts)
}

func TestResolveAllTakesEveryProfile(t *testing.T) {
	const config = "default: b0\nprofiles:\n  ga: {provider: goodaccess, token_env: GA}\n  b0: {provider: border0}\n  broken: {provider: nosuch}\n  un: {provider: unleash, url: \"http://unleash.corp.example\"}\n"
	sel, err := resolveAllWith(t, config, Options{Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names(sel.Profiles), " "); got != "ga b0 broken un" {
		t.Fatalf("profiles %q", got)
	}
	if sel.Selected.Name != "b0" {
		t.Errorf("selected %q, want the default", sel.Selected.Name)
	}
	// Kept, to be shown with what is wrong with them.
	if sel.Profiles[2].Err() == nil {
		t.Error("the unknown provider is not refused")
	}
	// --insecure reaches every profile: plain http to a non-loopback host.
	if err := sel.Profiles[3].Err(); err != nil {
		t.Errorf("--insecure did not reach un: %v", err)
	}

	demo, err := resolveAllWith(t, "", Options{Demo: true})
	if err != nil || strings.Join(names(demo.Profiles), " ") != "demo-goodaccess demo-border0 demo-unleash" || !demo.Demo() {
		t.Fatalf("demo: %v %v", demo, err)
	}
}

func TestResolveAllRefusesWhatPicksOneProfile(t *testing.T) {
	for _, opts := range []Options{{Profile: "ga"}, {Provider: "border0"}, {URL: "https://x.example"}, {CAFile: "/ca.pem"}, {Demo: true, Profile: "demo-border0"}} {
		_, err := resolveAllWith(t, twoProfiles, opts)
		var sel *SelectError
		if !errors.As(err, &sel) || !strings.Contains(err.Error(), "--all-profiles") {
			t.Errorf("%+v: %v, want a SelectError naming --all-profiles", opts, err)
		}
	}
	_, err := resolveAllWith(t, "", Options{})
	var none *NoProfileError
	if !errors.As(err, &none) {
		t.Errorf("no config: %v, want a NoProfileError", err)
	}
}
