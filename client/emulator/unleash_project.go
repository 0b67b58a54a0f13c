package emulator

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/tokentui/tokentui/client/jsonappend"
)

// Editors and project API tokens, as unleash-server 8.2.0 answers them
// (observed with the personal access token of a user with the Editor root
// role): the admin API's token routes refuse to create, change or delete
// (403 PermissionError) and list only client and frontend tokens; the
// project routes /api/admin/projects/{id}/api-tokens create and delete
// tokens of that one project.

// IssueEditorToken returns a personal access token ("user:<hex>") of a
// user with the Editor root role.
func (u *Unleash) IssueEditorToken() string {
	secret := "user:" + randomHex(unleashHashHex/2)
	u.mu.Lock()
	u.editors[secret] = true
	u.mu.Unlock()
	return secret
}

func (u *Unleash) isEditor(cred string) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.editors[cred]
}

// refuseEditor answers the token routes an editor may not use; true when
// it did.
func (u *Unleash) refuseEditor(w http.ResponseWriter, r *http.Request, path string) bool {
	if path != unleashTokensPath && !strings.HasPrefix(path, unleashTokensPath+"/") {
		return false
	}
	verb := map[string]string{http.MethodPost: "CREATE", http.MethodPut: "UPDATE", http.MethodDelete: "DELETE"}[r.Method]
	if verb == "" {
		return false
	}
	unleashPermissionError(w, "ADMIN", verb+"_CLIENT_API_TOKEN", verb+"_FRONTEND_API_TOKEN")
	return true
}

// unleashPermissionError is the server's 403 naming the permissions that
// would do.
func unleashPermissionError(w http.ResponseWriter, perms ...string) {
	need := `the "` + perms[0] + `" permission`
	if len(perms) > 1 {
		need = "one of the following permissions: \"" + strings.Join(perms, `", "`) + `"`
	}
	msg := "You don't have the required permissions to perform this operation. To perform this action, you need " + need + "."
	b := unleashErrorBody(true, "PermissionError", msg, []unleashDetail{{Message: msg}})
	b = append(b[:len(b)-1], `,"permissions":`...)
	b = append(jsonappend.Strings(b, perms), '}')
	unleashWrite(w, http.StatusForbidden, b)
}

// serveProject routes /api/admin/projects/{id}/api-tokens[/{token}].
func (u *Unleash) serveProject(w http.ResponseWriter, r *http.Request, caller unleashToken, path string, body any) {
	rest := strings.TrimPrefix(path, "/api/admin/projects/")
	project, tail, _ := strings.Cut(rest, "/")
	project, err := url.PathUnescape(project)
	if err != nil || tail != "api-tokens" && !strings.HasPrefix(tail, "api-tokens/") {
		unleashNotFound(w, r)
		return
	}
	verb := map[string]string{http.MethodGet: "READ", http.MethodPost: "CREATE", http.MethodDelete: "DELETE"}[r.Method]
	key, hasKey := strings.CutPrefix(tail, "api-tokens/")
	if verb == "" || hasKey != (r.Method == http.MethodDelete) {
		unleashNotFound(w, r)
		return
	}
	u.mu.Lock()
	known := u.projectExistsLocked(project)
	u.mu.Unlock()
	switch {
	case !known && caller.editor:
		unleashPermissionError(w, verb+"_PROJECT_API_TOKEN")
	case !known:
		unleashWrite(w, http.StatusNotFound, []byte(`{"name":"NotFoundError","message":"No project found","details":[{"message":"No project found"}]}`))
	case r.Method == http.MethodGet:
		u.listTokens(w, func(t *unleashToken) bool { return u.accessible(caller, t, project) })
	case r.Method == http.MethodPost:
		if unleashContentTypeOK(w, r) {
			u.createInProject(w, caller, project, body)
		}
	default:
		key, _ = url.PathUnescape(key)
		u.deleteInProject(w, caller, project, key)
	}
}

// accessible: an admin API token sees every token on a project route (the
// server does not filter them); anyone else the non-admin tokens of it.
func (u *Unleash) accessible(caller unleashToken, t *unleashToken, project string) bool {
	if !caller.editor {
		return true
	}
	if t.typ == "admin" {
		return false
	}
	for _, p := range t.projects {
		if p == project {
			return true
		}
	}
	return false
}

// createInProject: the global create's schema (without its oneOf remark),
// the project in the path (a "projects" in the body is dropped), and for
// an editor an environment it holds the permission in.
func (u *Unleash) createInProject(w http.ResponseWriter, caller unleashToken, project string, body any) {
	if obj, ok := body.(map[string]any); ok {
		delete(obj, "projects")
		delete(obj, "project")
	}
	req, details, schema := unleashParseCreate(body)
	if schema && len(details) > 1 {
		details = details[:1] // the project route's schema has no oneOf
	}
	if len(details) > 0 {
		unleashBadData(w, schema, details)
		return
	}
	if caller.editor {
		u.mu.Lock()
		known := u.environmentExistsLocked(req.environment)
		u.mu.Unlock()
		if !known || req.environment == "*" {
			unleashPermissionError(w, "CREATE_PROJECT_API_TOKEN")
			return
		}
	}
	req.projects = []string{project}
	u.createParsed(w, req)
}

// deleteInProject: 200 for a token of this project alone, 400 for one of
// several, 404 (no body) for one not among those the caller may see.
func (u *Unleash) deleteInProject(w http.ResponseWriter, caller unleashToken, project, key string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	i, ok := u.findLocked(key)
	switch {
	case !ok || !u.accessible(caller, u.tokens[i], project):
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusNotFound)
	case len(u.tokens[i].projects) != 1 || u.tokens[i].projects[0] != project:
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusBadRequest)
	default:
		u.removeLocked(key)
		unleashEmpty(w)
	}
}
