package tui

import (
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

func TestUnleashTableShowsTheSecretTailAt120(t *testing.T) {
	secret := "default:production.25ee5c1e8a16e4d2ab36c36e13d6a9bb01f8bcd2a6e7e28f0b1"
	tokens := []client.Token{tok("0123456789ab", "web-frontend", func(t *client.Token) {
		t.Role, t.Projects, t.Environment, t.Secret = "frontend", []string{"default"}, "production", secret
	})}
	cat := client.Catalog{RoleLabel: "Type"}
	m := loadedModel(t, &memProvider{}, tokens, &cat, 120, 35)
	table := m.tablePane()
	for _, want := range []string{"Secret", "25ee…b1", "Type", "Env", "Created"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	for _, unwanted := range []string{"Allowed IPs", "Scopes", "25ee5c1e"} {
		if strings.Contains(table, unwanted) {
			t.Errorf("table shows %q:\n%s", unwanted, table)
		}
	}
}

func TestDetailSaysAnyAddressOnlyWhereIPsCanBeRestricted(t *testing.T) {
	tk := tok("0123456789ab", "ci")
	ga := goodAccessCatalog(t)
	if got := strings.Join(detailLines(&tk, tokenfmt.NewCatalog(ga), "", testNow, 80), "\n"); !strings.Contains(got, "any address") {
		t.Errorf("GoodAccess detail lacks \"any address\":\n%s", got)
	}
	if got := strings.Join(detailLines(&tk, tokenfmt.NewCatalog(client.Catalog{RoleLabel: "Role"}), "", testNow, 80), "\n"); strings.Contains(got, "Allowed IPs") {
		t.Errorf("Border0 detail mentions allowed IPs:\n%s", got)
	}
}
