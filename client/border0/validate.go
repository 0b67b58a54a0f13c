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

// ownedRequest is the body of a service account's or a connector's new
// token. expires_at is always sent, 0 for never, as Border0's SDK sends it.
type ownedRequest struct {
	ConnectorID string `json:"connector_id,omitempty"`
	Name        string `json:"name"`
	ExpiresAt   int64  `json:"expires_at"`
}

// validate checks req before anything is sent and returns the body to send.
// Whatever Border0 cannot do (IP, scope, project or environment limits) is
// refused with a message, never silently dropped: the admin would believe
// the token is restricted when it is not.
func (p *Provider) validate(req client.NewToken) (createRequest, error) {
	v := &client.ValidationError{}
	name, expiresAt := p.checkCommon(v, req)
	role := strings.ToLower(strings.TrimSpace(req.Role))
	switch {
	case role == "":
		v.Add(client.FieldRole, "choose a role: "+creatableRoles())
	case !creatableRole(role):
		v.Add(client.FieldRole, fmt.Sprintf("%q is not a Border0 token role tokentui can create; choose %s", clip(client.Sanitize(req.Role), 40), creatableRoles()))
	}
	if len(v.Fields) > 0 {
		return createRequest{}, v
	}
	return createRequest{Name: name, Role: role, ExpiresAt: expiresAt}, nil
}

// validateOwned checks a token for a service account or a connector: it
// takes its role from its owner, so a role of its own is refused rather
// than silently dropped.
func (p *Provider) validateOwned(req client.NewToken, owner string) (ownedRequest, error) {
	v := &client.ValidationError{}
	name, expiresAt := p.checkCommon(v, req)
	if strings.TrimSpace(req.Role) != "" {
		v.Add(client.FieldRole, "a token of "+owner+" acts with its owner's role; leave the role out")
	}
	if len(v.Fields) > 0 {
		return ownedRequest{}, v
	}
	return ownedRequest{Name: name, ExpiresAt: expiresAt}, nil
}

// checkCommon checks the name, the expiry and what Border0 tokens cannot
// hold, and returns the name and the expiry in unix seconds (0: never).
func (p *Provider) checkCommon(v *client.ValidationError, req client.NewToken) (string, int64) {
	name := strings.TrimSpace(req.Name)
	client.CheckName(v, name, NameMaxLen, "it is the only way to tell Border0 tokens apart")
	// The API takes whole seconds: compare at that precision so an expiry a
	// fraction of a second away is refused here, not by the server.
	if !req.ExpiresAt.IsZero() && req.ExpiresAt.Unix() <= p.now().Unix() {
		v.Add(client.FieldExpiresAt, "the expiry must be in the future (leave it empty for a token that never expires)")
	}
	client.RefuseUnsupported(v, req, Descriptor)
	if req.ExpiresAt.IsZero() {
		return name, 0
	}
	return name, req.ExpiresAt.Unix()
}
