package unleash

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// roles are Unleash's token types. Descriptions follow Unleash's own
// documentation of API tokens.
var roles = []client.Role{
	{Name: "client", Creatable: true, Description: "Server-side SDKs and Unleash Edge/Proxy: read feature flags, register applications, send usage metrics. One environment; secret."},
	{Name: "backend", Creatable: true, Description: "The newer name for a client token (server-side SDKs); Unleash 8.2 lists it as client."},
	{Name: "frontend", Creatable: true, Description: "Browser and mobile apps through the Frontend API: evaluated flags for one environment; not secret."},
	{Name: "admin", Creatable: false, Reason: adminNotCreatable, Description: "Full read and write access to every project, environment and setting of the server."},
}

func roleByName(name string) (client.Role, bool) {
	for _, r := range roles {
		if r.Name == name {
			return r, true
		}
	}
	return client.Role{}, false
}

type projectList struct {
	Projects *[]struct {
		ID          string     `json:"id"`
		Name        string     `json:"name"`
		Description string     `json:"description"`
		ArchivedAt  *time.Time `json:"archivedAt"`
	} `json:"projects"`
}

type environmentList struct {
	Environments *[]struct {
		Name      string `json:"name"`
		Type      string `json:"type"`
		Enabled   bool   `json:"enabled"`
		SortOrder int    `json:"sortOrder"`
	} `json:"environments"`
}

// Catalog loads the server's projects and environments. Projects
// lists real projects only: "*" (all projects, present and future) is always
// valid, and the form and CLI offer it themselves. Archived projects are
// left out because a token cannot be given one.
func (p *Provider) Catalog(ctx context.Context) (client.Catalog, error) {
	projects, err := p.projects(ctx)
	if err != nil {
		return client.Catalog{}, err
	}
	envs, err := p.environments(ctx)
	if err != nil {
		return client.Catalog{}, err
	}
	return client.Catalog{
		RoleLabel:    "Type",
		Roles:        append([]client.Role(nil), roles...),
		Projects:     projects,
		Environments: envs,
		AllowedIPs:   false,
		NameRequired: true,
		NeverExpires: true,
	}, nil
}

func (p *Provider) projects(ctx context.Context) ([]client.Option, error) {
	var list projectList
	if err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: projectsPath, List: true}, &list); err != nil {
		return nil, err
	}
	if list.Projects == nil {
		return nil, &client.ServerError{Message: `the projects answer has no "projects" list`}
	}
	var named []client.Option
	for _, pr := range *list.Projects {
		if pr.ArchivedAt != nil || pr.ID == "" {
			continue
		}
		label := pr.Name
		if label == "" {
			label = pr.ID
		}
		named = append(named, client.Option{ID: client.Sanitize(pr.ID), Label: client.Sanitize(label), Description: client.Sanitize(pr.Description)})
	}
	sort.SliceStable(named, func(i, j int) bool { return strings.ToLower(named[i].Label) < strings.ToLower(named[j].Label) })
	return named, nil
}

func (p *Provider) environments(ctx context.Context) ([]client.Option, error) {
	var list environmentList
	if err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: environmentsPath, List: true}, &list); err != nil {
		return nil, err
	}
	if list.Environments == nil {
		return nil, &client.ServerError{Message: `the environments answer has no "environments" list`}
	}
	envs := *list.Environments
	sort.SliceStable(envs, func(i, j int) bool { return envs[i].SortOrder < envs[j].SortOrder })
	var out []client.Option
	for _, e := range envs {
		if e.Name == "" {
			continue
		}
		desc := client.Sanitize(e.Type)
		if !e.Enabled {
			// Offered all the same: the server takes tokens for it, and a
			// token that lives there must be recreatable (rotate).
			desc = strings.TrimPrefix(desc+" · disabled in Unleash", " · ")
		}
		out = append(out, client.Option{ID: client.Sanitize(e.Name), Label: client.Sanitize(e.Name), Description: desc})
	}
	return out, nil
}
