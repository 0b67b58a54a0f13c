package border0

import (
	"context"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// roles are the roles of organisation tokens, described in the words of
// Border0's portal (Admin, Member, Read Only, Client Access Only) and its
// documentation. "connector" comes from the seed and Border0's CLI, which
// makes connector tokens with it. Read Only is listed but not offered:
// Border0 does not publish its wire spelling (its Terraform docs write
// "read only", with a space), and a guess could create the wrong thing.
var roles = []client.Role{
	{
		Name:        "admin",
		Description: "Admin: full account privileges.",
		Creatable:   true,
	},
	{
		Name:        "member",
		Description: "Member: can create, connect and delete sockets and view everything in the organization, but cannot escalate to admin or change organization settings.",
		Creatable:   true,
	},
	{
		Name:        "connector",
		Description: "Like member, but manages only the resources it created; meant for the Border0 connector.",
		Creatable:   true,
	},
	{
		Name:        "client",
		Description: "Client Access Only: may connect to sockets, but not use the admin API.",
		Creatable:   true,
	},
	{
		Name:        "read only",
		Description: "Read Only: may use the admin API to read, not to change anything.",
		Reason:      "Border0 does not publish how the API spells this role; create it in the Border0 portal",
	},
}

// Catalog says what a Border0 token can be given: a role and an expiry for
// an organisation token, or an owner (a service account or a connector),
// whose role the token takes. The owners are read from the server.
func (p *Provider) Catalog(ctx context.Context) (client.Catalog, error) {
	accounts, connectors, err := p.owners(ctx)
	if err != nil {
		return client.Catalog{}, err
	}
	c := catalog()
	for _, a := range accounts {
		if a.Name == "" {
			continue
		}
		desc := "service account · role " + client.Sanitize(a.Role)
		if a.Active != nil && !*a.Active {
			desc += " · inactive: its tokens are refused until it is activated"
		}
		if d := client.Sanitize(strings.TrimSpace(a.Description)); d != "" {
			desc += " · " + d
		}
		c.Owners = append(c.Owners, client.Option{ID: a.Name, Label: client.Sanitize(a.Name), Description: desc})
	}
	for _, cn := range connectors {
		if cn.ID == "" {
			continue
		}
		desc := "connector · its tokens run the Border0 connector"
		if d := client.Sanitize(strings.TrimSpace(cn.Description)); d != "" {
			desc += " · " + d
		}
		c.Owners = append(c.Owners, client.Option{ID: connectorOwner + cn.ID, Label: connectorName(cn), Description: desc})
	}
	return c, nil
}

// catalog returns a fresh Catalog each time, so a caller that edits it does
// not change what the next caller sees.
func catalog() client.Catalog {
	return client.Catalog{
		RoleLabel:     "Role",
		Roles:         append([]client.Role(nil), roles...),
		OwnerLabel:    "Owner",
		OwnerNone:     "none: an organisation token, with a role of its own",
		OwnerSetsRole: true,
		AllowedIPs:    false,
		NameMaxLen:    NameMaxLen,
		NameRequired:  true,
		NeverExpires:  true,
	}
}

// creatableRole reports whether tokentui may ask Border0 for role.
func creatableRole(role string) bool {
	for _, r := range roles {
		if r.Name == role {
			return r.Creatable
		}
	}
	return false
}

// creatableRoles lists them for a message: "admin, member, connector or
// client".
func creatableRoles() string {
	var names []string
	for _, r := range roles {
		if r.Creatable {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
