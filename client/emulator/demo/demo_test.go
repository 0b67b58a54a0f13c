package demo

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
)

func TestDemoStartsOneEmulatorPerProvider(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	r, err := StartEmulators(func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	profiles := r.Profiles()
	if !slices.Equal(r.Kinds, registry.Kinds()) {
		t.Fatalf("kinds %v, want the registry's %v", r.Kinds, registry.Kinds())
	}
	seen := map[string]bool{}
	for i, p := range profiles {
		if p.URL == "" || seen[p.URL] || !p.Demo || p.Name != "demo-"+r.Kinds[i] || p.Provider != r.Kinds[i] {
			t.Errorf("profile %d: %s %s %s demo=%v duplicate=%v", i, p.Name, p.Provider, p.URL, p.Demo, seen[p.URL])
		}
		seen[p.URL] = true
	}
	r.Close()
	r.Close() // twice is fine
	if _, err := http.Get(profiles[0].URL + "/api/v1/tokens"); err == nil {
		t.Error("the first emulator still answers after Close")
	}
}

// Every demo profile opens through the registry and lists tokens with the
// admin token it holds in memory.
func TestEveryDemoProfileOpensAndLists(t *testing.T) {
	sel, err := profile.Resolve(profile.Options{Demo: true, StartDemo: Start, Env: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer sel.Close()
	if !sel.Demo() || len(sel.Profiles) != len(registry.Kinds()) || sel.Selected.Name != "demo-"+registry.Kinds()[0] {
		t.Fatalf("demo=%v selected %s of %d", sel.Demo(), sel.Selected.Name, len(sel.Profiles))
	}
	for _, p := range sel.Profiles {
		if p.Err() != nil {
			t.Errorf("%s: %v", p.Name, p.Err())
		}
		prov, err := profile.Open(t.Context(), p)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if prov.Kind() != p.Provider {
			t.Errorf("%s: kind %q", p.Name, prov.Kind())
		}
		tokens, err := prov.List(t.Context())
		if err != nil || len(tokens) == 0 {
			t.Errorf("%s: %d tokens, %v", p.Name, len(tokens), err)
		}
	}
}

func TestExtraKnob(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == ExtraEnv {
				return v
			}
			return ""
		}
	}
	for v, want := range map[string]int{"": 0, " ": 0, "0": 0, "100000": 100000, " 12 ": 12} {
		if n, err := extraTokens(env(v)); err != nil || n != want {
			t.Errorf("%q: %d, %v; want %d", v, n, err, want)
		}
	}
	for _, v := range []string{"-1", "1e5", "lots", "1000001", "12\x1b[31m"} {
		_, err := extraTokens(env(v))
		if err == nil {
			t.Errorf("%q accepted", v)
			continue
		}
		if strings.ContainsRune(err.Error(), 0x1b) || !strings.Contains(err.Error(), ExtraEnv) {
			t.Errorf("%q: error %q", v, err)
		}
	}
}

func TestExtraFillsEveryEmulator(t *testing.T) {
	plain, err := StartEmulators(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	t.Setenv(ExtraEnv, "50")
	r, err := StartEmulators(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i, inst := range r.Instances {
		if got, base := inst.Len(), plain.Instances[i].Len(); got != base+50 {
			t.Errorf("%s holds %d tokens, want %d+50", r.Kinds[i], got, base)
		}
	}
	t.Setenv(ExtraEnv, "many")
	if r2, err := StartEmulators(nil); err == nil {
		r2.Close()
		t.Error("StartEmulators accepted an unreadable extra count")
	}
}
