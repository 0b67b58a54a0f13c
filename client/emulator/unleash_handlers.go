package emulator

import (
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tokentui/tokentui/client/jsonappend"
)

const unleashTokensPath = "/api/admin/api-tokens"

// serveAdmin routes an authenticated admin-API request; path has no
// trailing slash.
func (u *Unleash) serveAdmin(w http.ResponseWriter, r *http.Request, caller unleashToken, path string, body any) {
	if caller.editor && u.refuseEditor(w, r, path) {
		return
	}
	visible := func(t *unleashToken) bool { return !caller.editor || t.typ != "admin" }
	switch {
	case strings.HasPrefix(path, "/api/admin/projects/"):
		u.serveProject(w, r, caller, path, body)
	case path == unleashTokensPath && r.Method == http.MethodGet:
		u.listTokens(w, visible)
	case path == unleashTokensPath && r.Method == http.MethodPost:
		if unleashContentTypeOK(w, r) {
			u.createToken(w, body)
		}
	case strings.HasPrefix(path, unleashTokensPath+"/") && !strings.Contains(path[len(unleashTokensPath)+1:], "/"):
		key, err := url.PathUnescape(path[len(unleashTokensPath)+1:])
		if err != nil {
			unleashNotFound(w, r)
			return
		}
		switch r.Method {
		case http.MethodGet: // by name: names are not unique, so a list
			u.listTokens(w, func(t *unleashToken) bool { return t.name == key && visible(t) })
		case http.MethodPut:
			if unleashContentTypeOK(w, r) {
				u.updateExpiry(w, key, body)
			}
		case http.MethodDelete:
			u.mu.Lock()
			u.removeLocked(key) // unknown secrets are fine: 200 all the same
			u.mu.Unlock()
			unleashEmpty(w)
		default:
			unleashNotFound(w, r)
		}
	case path == "/api/admin/projects" && r.Method == http.MethodGet:
		u.listProjects(w)
	case path == "/api/admin/environments" && r.Method == http.MethodGet:
		u.listEnvironments(w)
	default:
		unleashNotFound(w, r)
	}
}

// unleashContentTypeOK refuses bodies that are not JSON with a 415, as the
// server does for its POST and PUT routes.
func unleashContentTypeOK(w http.ResponseWriter, r *http.Request) bool {
	if unleashIsJSON(r) {
		return true
	}
	given := "you didn't provide one"
	if ct := r.Header.Get("Content-Type"); ct != "" {
		given = ct
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			given = mt
		}
	}
	unleashError(w, http.StatusUnsupportedMediaType, true, "ContentTypeError",
		"We do not accept the content-type you provided ("+given+"). Try using one of the content-types we do accept instead (application/json) and make sure the body is in the corresponding format.")
	return false
}

// listTokens lists like the server: its v1 store first, then its v2
// store (the two are concatenated).
func (u *Unleash) listTokens(w http.ResponseWriter, keep func(*unleashToken) bool) {
	u.mu.Lock()
	b := make([]byte, 0, 64+330*len(u.tokens))
	b = append(b, `{"tokens":[`...)
	first := true
	for _, secure := range []bool{false, true} {
		for _, t := range u.tokens {
			if t.secure != secure || !keep(t) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			if secure {
				b = unleashAppendSecureListed(b, t)
			} else {
				b = unleashAppendListed(b, t)
			}
		}
	}
	u.mu.Unlock()
	unleashWrite(w, http.StatusOK, append(b, "]}"...))
}

// createToken is the service stage of create, in the server's order: the
// all-environments rule, the environment, the token limit, then the
// projects one by one as the database would insert them.
func (u *Unleash) createToken(w http.ResponseWriter, body any) {
	req, details, schema := unleashParseCreate(body)
	if len(details) > 0 {
		unleashBadData(w, schema, details)
		return
	}
	u.createParsed(w, req)
}

// createParsed makes a token of a create request that passed the schema.
func (u *Unleash) createParsed(w http.ResponseWriter, req unleashNewToken) {
	for _, p := range req.projects {
		if p == "*" {
			req.projects = []string{"*"}
			break
		}
	}
	if req.environment == "*" {
		switch req.typ {
		case "client", "backend":
			unleashBadDataMessage(w, "Client token cannot be scoped to all environments")
			return
		case "frontend":
			unleashBadDataMessage(w, "Frontend token cannot be scoped to all environments")
			return
		}
	}

	u.mu.Lock()
	defer u.mu.Unlock()
	if !u.environmentExistsLocked(req.environment) {
		unleashBadDataMessage(w, "Environment="+req.environment+" does not exist")
		return
	}
	if len(u.tokens) >= u.maxTokens {
		msg := "Failed to create api token. You can't create more than the established limit of " + strconv.Itoa(u.maxTokens) + "."
		unleashError(w, http.StatusBadRequest, false, "ExceedsLimitError", msg)
		return
	}
	if msg := u.projectProblemLocked(req.projects); msg != "" {
		if strings.HasPrefix(msg, "Project=") {
			unleashBadDataMessage(w, msg)
		} else {
			unleashError(w, http.StatusInternalServerError, false, "UnknownError", msg)
		}
		return
	}

	t := &unleashToken{
		name:        req.name,
		typ:         unleashStoredType(req.typ),
		projects:    req.projects,
		environment: req.environment,
		createdAt:   u.clock.now(),
		expiresAt:   req.expiresAt, // a past expiry is accepted; the token then never works
	}
	if u.secure {
		t.typ = req.typ // the v2 store keeps "backend"
		secret := t.makeSecure(unleashRandom64(16), unleashRandom64(32))
		u.addLocked(t)
		unleashWrite(w, http.StatusCreated, unleashAppendSecureCreated(nil, t, secret))
		return
	}
	t.secret = unleashSecret(req.projects, req.environment, randomHex(unleashHashHex/2))
	u.addLocked(t)
	unleashWrite(w, http.StatusCreated, unleashAppendCreated(nil, t, req.typ))
}

func (u *Unleash) updateExpiry(w http.ResponseWriter, key string, body any) {
	expiresAt, d := unleashParseExpiry(body)
	if d != nil {
		unleashBadData(w, true, []unleashDetail{*d})
		return
	}
	u.mu.Lock()
	if i, ok := u.findLocked(key); ok { // unknown ones: 200, nothing done
		u.tokens[i].expiresAt = expiresAt
	}
	u.mu.Unlock()
	unleashEmpty(w)
}

// projectProblemLocked is what the server says about the projects of a new
// token, in the order it inserts them: the v1 service checks that each
// exists ("Project=x does not exist", a 400); the v2 service (secure token
// storage) does not, and the database refuses the insert with a 500 (both
// observed on 8.2.0). A project named twice fails the insert in either.
// The transaction is rolled back: no token is made.
func (u *Unleash) projectProblemLocked(projects []string) string {
	table := "api_token_project"
	insert := "INSERT INTO api_token_project VALUES ($1, $2) - "
	if u.secure {
		table = "api_tokens_v2_project"
		insert = "INSERT INTO api_tokens_v2_project\n" + strings.Repeat(" ", 25) + "VALUES ($1, $2) - "
	}
	seen := map[string]bool{}
	for _, p := range projects {
		if p == "*" {
			continue
		}
		if !u.projectExistsLocked(p) {
			if u.secure {
				return insert + `insert or update on table "` + table + `" violates foreign key constraint "` + table + `_project_fkey"`
			}
			if p == "" {
				p = "invalid" // the server cannot name an empty id either
			}
			return "Project=" + p + " does not exist"
		}
		if seen[p] {
			return insert + `duplicate key value violates unique constraint "` + table + `_pkey"`
		}
		seen[p] = true
	}
	return ""
}

func (u *Unleash) environmentExistsLocked(name string) bool {
	for _, e := range u.environments {
		if e.name == name { // disabled ones too: the server checks existence only
			return true
		}
	}
	return false
}

func (u *Unleash) projectExistsLocked(id string) bool {
	for _, p := range u.projects {
		if p.id == id {
			return true
		}
	}
	return false
}

func (u *Unleash) listProjects(w http.ResponseWriter) {
	u.mu.Lock()
	defer u.mu.Unlock()
	b := []byte(`{"version":1,"projects":[`)
	for i, p := range u.projects {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = jsonappend.String(b, p.name)
		b = append(b, `,"id":`...)
		b = jsonappend.String(b, p.id)
		b = append(b, `,"description":`...)
		b = jsonappend.String(b, p.description)
		b = append(b, `,"health":100,"technicalDebt":0,"featureCount":0,"memberCount":0,"createdAt":`...)
		b = unleashAppendTime(b, p.createdAt)
		b = append(b, `,"archivedAt":null,"mode":"open","lastReportedFlagUsage":null,"lastUpdatedAt":null}`...)
	}
	unleashWrite(w, http.StatusOK, append(b, "]}"...))
}

func (u *Unleash) listEnvironments(w http.ResponseWriter) {
	u.mu.Lock()
	defer u.mu.Unlock()
	tokenCount := map[string]int{}
	for _, t := range u.tokens {
		tokenCount[t.environment]++
	}
	b := []byte(`{"version":1,"environments":[`)
	for i, e := range u.environments {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = jsonappend.String(b, e.name)
		b = append(b, `,"type":`...)
		b = jsonappend.String(b, e.typ)
		b = append(b, `,"sortOrder":`...)
		b = strconv.AppendInt(b, int64(e.sortOrder), 10)
		b = append(b, `,"enabled":`...)
		b = strconv.AppendBool(b, e.enabled)
		b = append(b, `,"protected":false,"requiredApprovals":null,"projectCount":`...)
		b = strconv.AppendInt(b, int64(len(u.projects)), 10)
		b = append(b, `,"apiTokenCount":`...)
		b = strconv.AppendInt(b, int64(tokenCount[e.name]), 10)
		b = append(b, `,"enabledToggleCount":0}`...)
	}
	unleashWrite(w, http.StatusOK, append(b, "]}"...))
}
