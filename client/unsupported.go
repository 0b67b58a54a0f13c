package client

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RefuseUnsupported adds a validation message for every part of req that
// the provider d cannot honour (scopes, a role, projects, an environment,
// IP limits), per field. Providers call it before sending a create: a
// restriction that is silently dropped would leave the admin believing a
// token is limited when it is not.
func RefuseUnsupported(v *ValidationError, req NewToken, d Descriptor) {
	name, can := d.DisplayName, d.Can
	if len(req.Scopes) > 0 && !can.Scopes {
		v.Add(FieldScopes, name+" tokens have no scopes; "+can.accessHint())
	}
	if strings.TrimSpace(req.Role) != "" && can.Role == "" {
		v.Add(FieldRole, name+" tokens have no role; "+can.accessHint())
	}
	if len(req.Projects) > 0 && !can.Projects {
		v.Add(FieldProjects, name+" tokens have no projects; "+can.accessHint())
	}
	if strings.TrimSpace(req.Environment) != "" && !can.Environment {
		v.Add(FieldEnvironment, name+" tokens have no environment; "+can.accessHint())
	}
	if strings.TrimSpace(req.Owner) != "" && can.Owner == "" {
		v.Add(FieldOwner, name+" tokens belong to the organisation; they have no owner to choose")
	}
	if len(req.AllowedIPs) > 0 && !can.AllowedIPs {
		v.Add(FieldAllowedIPs, name+" tokens cannot be restricted to IP addresses; remove the addresses")
	}
}

// accessHint says what does decide a token's access: "their role decides
// what they may do", "choose scopes instead".
func (c Capabilities) accessHint() string {
	parts := c.grantWords()
	switch {
	case c.Scopes && len(parts) == 0:
		return "choose scopes instead"
	case len(parts) == 0:
		return "they carry no permissions of their own"
	case len(parts) == 1:
		return "their " + parts[0] + " decides what they may do"
	}
	return "their " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + " decide what they may do"
}

// CheckName adds what is wrong with a token name: empty (whyRequired says
// why the provider needs one), longer than maxLen characters (0: no limit),
// not valid UTF-8, or holding control characters.
func CheckName(v *ValidationError, name string, maxLen int, whyRequired string) {
	switch n := utf8.RuneCountInString(name); {
	case strings.TrimSpace(name) == "":
		v.Add(FieldName, "a name is required: "+whyRequired)
	case !utf8.ValidString(name):
		v.Add(FieldName, "the name is not valid UTF-8")
	case maxLen > 0 && n > maxLen:
		v.Add(FieldName, fmt.Sprintf("the name is %d characters; at most %d are allowed", n, maxLen))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		v.Add(FieldName, "the name may not contain control characters")
	}
}
