package border0

import "github.com/tokentui/tokentui/client"

// roles are the roles tokentui offers, described as Border0's documentation
// describes them. Border0's code also knows "client", which its portal does
// not offer for organisation tokens, so neither do we.
var roles = []client.Role{
	{
		Name:        "admin",
		Description: "Full account privileges.",
		Creatable:   true,
	},
	{
		Name:        "member",
		Description: "Can create, connect and delete sockets and view everything in the organization, but cannot escalate to admin or change organization settings.",
		Creatable:   true,
	},
	{
		Name:        "connector",
		Description: "Like member, but manages only the resources it created; meant for the Border0 connector.",
		Creatable:   true,
	},
}

// catalog returns a fresh Catalog each time, so a caller that edits it does
// not change what the next caller sees.
func catalog() client.Catalog {
	return client.Catalog{
		RoleLabel:    "Role",
		Roles:        append([]client.Role(nil), roles...),
		AllowedIPs:   false,
		NameMaxLen:   NameMaxLen,
		NameRequired: true,
		NeverExpires: true,
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
