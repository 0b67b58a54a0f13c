package table

import (
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
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

// A token whose secret the provider keeps only a hash of says so in the
// Secret column; the Owner column names the owner, or the organisation.
func TestSecretNoteAndOwnerCells(t *testing.T) {
	secure := &client.Token{ID: "oCMDWlZC_Z82MEpzo1zNLQ", SecretNote: "Unleash keeps only a hash of it"}
	if text, tone := cellText(colSecret, secure, cellContext{now: time.Now()}); text != "not kept" || tone != theme.ToneMuted {
		t.Errorf("secure secret cell %q", text)
	}
	if text, _ := cellText(colOwner, &client.Token{Owner: "ci-bot"}, cellContext{now: time.Now()}); text != "ci-bot" {
		t.Errorf("owner cell %q", text)
	}
	if text, tone := cellText(colOwner, &client.Token{}, cellContext{now: time.Now()}); text != "—" || tone != theme.ToneMuted {
		t.Errorf("organisation token's owner cell %q", text)
	}
	cols := columnSpecs(presentFields{owner: true, secret: true}, nil, client.Capabilities{})
	var titles []string
	for _, c := range cols {
		titles = append(titles, c.title)
	}
	if got := strings.Join(titles, ","); !strings.Contains(got, "Owner") || !strings.Contains(got, "Secret") {
		t.Errorf("columns %s", got)
	}
}
