package fake

import (
	"net/http"
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
