package cli

import (
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// forProviders prefixes a flag's help with the providers whose tokens take
// it ("GoodAccess: "), read from the registry so no provider is named by
// hand; "" when every provider or none takes it.
func forProviders(takes func(client.Capabilities) bool) string {
	var names []string
	all := registry.All()
	for _, d := range all {
		if takes(d.Can) {
			names = append(names, d.DisplayName)
		}
	}
	if len(names) == 0 || len(names) == len(all) {
		return ""
	}
	return strings.Join(names, ", ") + ": "
}

func canScopes(c client.Capabilities) bool      { return c.Scopes }
func canProjects(c client.Capabilities) bool    { return c.Projects }
func canEnvironment(c client.Capabilities) bool { return c.Environment }
func canAllowedIPs(c client.Capabilities) bool  { return c.AllowedIPs }
func canOwner(c client.Capabilities) bool       { return c.Owner != "" }

func hasRoleWord(word string) func(client.Capabilities) bool {
	return func(c client.Capabilities) bool { return c.Role == word }
}
