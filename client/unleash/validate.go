package unleash

import (
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// buildCreate checks a create request before anything is sent, because some
// of what Unleash would do with it is surprising (a past expiry is accepted
// and gives a token that never works) and some it cannot do at all (IPs,
// scopes), and turns it into the request body. Every problem is reported at
// once, per field.
func buildCreate(req client.NewToken, now time.Time) (createBody, error) {
	verr := &client.ValidationError{}
	body := createBody{
		TokenName:   strings.TrimSpace(req.Name),
		Type:        strings.ToLower(strings.TrimSpace(req.Role)),
		Environment: strings.TrimSpace(req.Environment),
		Projects:    cleanProjects(req.Projects),
	}

	if body.TokenName == "" {
		verr.Add(client.FieldName, "is required")
	}
	switch role, known := roleByName(body.Type); {
	case body.Type == "":
		verr.Add(client.FieldRole, "choose a type: client, backend or frontend")
	case !known:
		verr.Add(client.FieldRole, "must be client, backend or frontend, not "+client.Sanitize(req.Role))
	case !role.Creatable:
		verr.Add(client.FieldRole, role.Reason)
	}
	switch body.Environment {
	case "":
		verr.Add(client.FieldEnvironment, "choose an environment")
	case "*":
		verr.Add(client.FieldEnvironment, "client, backend and frontend tokens work in one environment; only admin tokens have all of them")
	}
	if len(body.Projects) == 0 {
		verr.Add(client.FieldProjects, "choose at least one project, or * for all")
	}
	if !req.ExpiresAt.IsZero() {
		if !req.ExpiresAt.After(now) {
			verr.Add(client.FieldExpiresAt, "is in the past: Unleash would create a token that is refused on every use")
		} else {
			body.ExpiresAt = wireTime(req.ExpiresAt)
		}
	}
	client.RefuseUnsupported(verr, req, Descriptor)
	if len(verr.Fields) > 0 {
		return createBody{}, verr
	}
	return body, nil
}

// cleanProjects trims, drops blanks and duplicates (Unleash answers a
// duplicate with a 500), and reduces a list holding "*" to just "*", as the
// server itself does: all projects already include the others.
func cleanProjects(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range in {
		p = strings.TrimSpace(p)
		if p == "" || seen[p] {
			continue
		}
		if p == "*" {
			return []string{"*"}
		}
		seen[p] = true
		out = append(out, p)
	}
	return out
}
