package unleash

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// Project API tokens: /api/admin/projects/{project}/api-tokens. The admin
// token of an Unleash editor or project owner (a personal access token)
// may not create or delete tokens at /api/admin/api-tokens (403), but may
// for one project at a time on the project's route (observed on 8.2.0 with
// an Editor's token, whose root role holds CREATE_PROJECT_API_TOKEN and
// DELETE_PROJECT_API_TOKEN). There is no such route for an expiry.

// projectBody is the project route's create body: the project is the path.
type projectBody struct {
	TokenName   string `json:"tokenName"`
	Type        string `json:"type"`
	Environment string `json:"environment"`
	ExpiresAt   string `json:"expiresAt,omitempty"`
}

// onlyProject is the one project a token is for, or "" when it is for
// all of them or several: the project route takes exactly one.
func onlyProject(projects []string) string {
	if len(projects) == 1 && projects[0] != "*" {
		return projects[0]
	}
	return ""
}

func projectTokensPath(project string) string {
	return projectsPath + "/" + url.PathEscape(project) + "/api-tokens"
}

// createInProject retries a create the global route refused (forbidden)
// on the route of its one project. The refusal made nothing, so this is
// not a blind retry.
func (p *Provider) createInProject(ctx context.Context, body createBody, refused error) (rest.Response, error) {
	project := onlyProject(body.Projects)
	if project == "" {
		return rest.Response{}, withHint(refused, "this admin token may not create tokens for every project or for several; an Unleash editor or project owner can create one for a single project: choose one")
	}
	return p.api.Do(ctx, rest.Request{Method: http.MethodPost, Path: projectTokensPath(project),
		Body: projectBody{TokenName: body.TokenName, Type: body.Type, Environment: body.Environment, ExpiresAt: body.ExpiresAt}})
}

// revokeInProject retries a revoke the global route refused on the route
// of the token's one project: 200 revoked, 404 not one of the project's
// tokens (or gone), 400 a token of several projects.
func (p *Provider) revokeInProject(ctx context.Context, t client.Token, refused error) error {
	project := onlyProject(t.Projects)
	if project == "" {
		return withHint(refused, "this admin token may revoke only the tokens of a single project (on its project route); this one is for "+projectsText(t.Projects))
	}
	path, err := tokenPath(t)
	if err != nil {
		return err
	}
	_, err = p.api.Do(ctx, rest.Request{Method: http.MethodDelete, Path: projectTokensPath(project) + path[len(tokensPath):]})
	var nf *client.NotFoundError
	var ve *client.ValidationError
	switch {
	case errors.As(err, &nf):
		return &client.NotFoundError{What: "token " + shown(t) + " among the tokens of project " + client.Sanitize(project) + " this admin token may manage"}
	case errors.As(err, &ve):
		return &client.ValidationError{Message: "Unleash refused to revoke " + shown(t) + " through project " + client.Sanitize(project) + ": a project route revokes only tokens of that project alone"}
	}
	return err
}

// projectsText is a token's projects for a sentence.
func projectsText(projects []string) string {
	if len(projects) == 0 || len(projects) == 1 && projects[0] == "*" {
		return "all projects"
	}
	return "several projects"
}

func isForbidden(err error) bool {
	var fe *client.ForbiddenError
	return errors.As(err, &fe)
}

// withHint adds to a ForbiddenError what this admin token can do instead.
func withHint(err error, hint string) error {
	var fe *client.ForbiddenError
	if errors.As(err, &fe) {
		fe.Message += " (" + hint + ")"
	}
	return err
}
