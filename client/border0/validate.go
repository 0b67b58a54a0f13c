package border0

import (
	"fmt"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// createRequest is the body of POST /organizations/tokens.
type createRequest struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	ExpiresAt int64  `json:"expires_at,omitempty"` // unix seconds; omitted = never
}

// validate checks req before anything is sent and returns the body to send.
// Whatever Border0 cannot do (IP, scope, project or environment limits) is
// refused with a message, never silently dropped: the admin would believe
// the token is restricted when it is not.
func (p *Provider) validate(req client.NewToken) (createRequest, error) {
	v := &client.ValidationError{}
	name := strings.TrimSpace(req.Name)
	client.CheckName(v, name, NameMaxLen, "it is the only way to tell Border0 tokens apart")

	role := strings.ToLower(strings.TrimSpace(req.Role))
	switch {
	case role == "":
		v.Add(client.FieldRole, "choose a role: admin, member or connector")
	case !creatableRole(role):
		v.Add(client.FieldRole, fmt.Sprintf("%q is not a Border0 token role tokentui can create; choose admin, member or connector", clip(client.Sanitize(req.Role), 40)))
	}

	// The API takes whole seconds: compare at that precision so an expiry a
	// fraction of a second away is refused here, not by the server.
	if !req.ExpiresAt.IsZero() && req.ExpiresAt.Unix() <= p.now().Unix() {
		v.Add(client.FieldExpiresAt, "the expiry must be in the future (leave it empty for a token that never expires)")
	}

	client.RefuseUnsupported(v, req, Descriptor)

	if len(v.Fields) > 0 {
		return createRequest{}, v
	}
	body := createRequest{Name: name, Role: role}
	if !req.ExpiresAt.IsZero() {
		body.ExpiresAt = req.ExpiresAt.Unix()
	}
	return body, nil
}
