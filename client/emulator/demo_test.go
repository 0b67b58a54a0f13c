package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestDemoStartsThreeDistinctEmulators(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	d, err := StartDemo(func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	eps := d.Endpoints()
	if len(eps) != 3 {
		t.Fatalf("%d endpoints", len(eps))
	}
	seen := map[string]bool{}
	for _, e := range eps {
		if e.URL == "" || e.AdminToken == "" || seen[e.URL] {
			t.Errorf("endpoint %s: url %q, token set %v, duplicate %v", e.Name, e.URL, e.AdminToken != "", seen[e.URL])
		}
		seen[e.URL] = true
	}
	want := []string{"goodaccess", "border0", "unleash"}
	for i, e := range eps {
		if e.Provider != want[i] || e.Name != "demo-"+want[i] {
			t.Errorf("endpoint %d = %s/%s", i, e.Name, e.Provider)
		}
	}
	d.Close()
	d.Close() // twice is fine
	if _, err := http.Get(eps[0].URL + "/api/v1/tokens"); err == nil {
		t.Error("the GoodAccess emulator still answers after Close")
	}
}

func TestDemoExtraKnob(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == DemoExtraEnv {
				return v
			}
			return ""
		}
	}
	for v, want := range map[string]int{"": 0, " ": 0, "0": 0, "100000": 100000, " 12 ": 12} {
		if n, err := demoExtra(env(v)); err != nil || n != want {
			t.Errorf("%q: %d, %v; want %d", v, n, err, want)
		}
	}
	for _, v := range []string{"-1", "1e5", "lots", "1000001", "12\x1b[31m"} {
		_, err := demoExtra(env(v))
		if err == nil {
			t.Errorf("%q accepted", v)
			continue
		}
		if strings.ContainsRune(err.Error(), 0x1b) || !strings.Contains(err.Error(), DemoExtraEnv) {
			t.Errorf("%q: error %q", v, err)
		}
	}
}

func TestDemoExtraFillsEveryEmulator(t *testing.T) {
	plain, err := StartDemo(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	t.Setenv(DemoExtraEnv, "50")
	d, err := StartDemo(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for name, c := range map[string][2]int{
		"goodaccess": {d.GoodAccess.Len(), plain.GoodAccess.Len()},
		"border0":    {d.Border0.Len(), plain.Border0.Len()},
		"unleash":    {d.Unleash.Len(), plain.Unleash.Len()},
	} {
		if c[0] != c[1]+50 {
			t.Errorf("%s holds %d tokens, want %d+50", name, c[0], c[1])
		}
	}

	t.Setenv(DemoExtraEnv, "many")
	if d2, err := StartDemo(nil); err == nil {
		d2.Close()
		t.Error("StartDemo accepted an unreadable extra count")
	}
}
