package table

import (
	"testing"
)

func TestIPAndListSummaries(t *testing.T) {
	if s, anyIP := ipSummary(nil); s != "any" || !anyIP {
		t.Errorf("ipSummary(nil) = %q, %v", s, anyIP)
	}
	if s, _ := ipSummary([]string{"10.0.0.0/8"}); s != "10.0.0.0/8" {
		t.Errorf("one IP: %q", s)
	}
	if s, anyIP := ipSummary([]string{"10.0.0.1", "10.0.0.2", "2001:db8::/32"}); s != "10.0.0.1 +2" || anyIP {
		t.Errorf("three IPs: %q", s)
	}
	if s := listSummary([]string{"*"}); s != "all" {
		t.Errorf("projects *: %q", s)
	}
	if s := listSummary([]string{"web", "api"}); s != "web +1" {
		t.Errorf("two projects: %q", s)
	}
}
