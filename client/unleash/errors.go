package unleash

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// apiError is Unleash's error body. Errors raised before a handler runs
// (schema validation, authentication, unknown paths) carry an id; errors
// raised by handlers do not; a wrong token type gets only a message.
type apiError struct {
	Name    string `json:"name"`
	Message string `json:"message"`
	Details []struct {
		Message string `json:"message"`
		Path    string `json:"path"`
	} `json:"details"`
}

// Messages the server sends that the provider recognises.
const (
	wrongTokenTypeMessage = "invalid token: expected a different token type for this endpoint"
	adminNotCreatable     = "Unleash 8.2 creates admin tokens only from server start-up configuration"
	// oneOfNoise is the schema validator's remark that accompanies every
	// schema error on create; it says nothing about what to fix.
	oneOfNoise = "must match exactly one schema in oneOf"
)

var (
	youSentRe    = regexp.MustCompile(`You sent (.*)\.$`)
	requiredRe   = regexp.MustCompile("^The `[^`]*` property is required")
	accessNeedRe = regexp.MustCompile(`access \[([A-Z_]+)\]`)
)

// parseError reads an Unleash error body for the rest layer. It never fails:
// anything it does not understand leaves the rest layer's generic message.
func parseError(status int, body []byte) rest.ErrorInfo {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return rest.ErrorInfo{}
	}
	switch status {
	case 401:
		return rest.ErrorInfo{Message: unauthorizedMessage(e)}
	case 403:
		return forbiddenInfo(e)
	case 400, 422:
		if e.Name == "BadDataError" {
			return badDataInfo(e)
		}
		if e.Name == "ExceedsLimitError" {
			return rest.ErrorInfo{Message: e.Message + " Revoke tokens that are no longer used (the limit is the server's UNLEASH_API_TOKENS_LIMIT)."}
		}
	}
	return rest.ErrorInfo{Message: e.Message}
}

// unauthorizedMessage names which of Unleash's two 401s it is: they need
// different fixes.
func unauthorizedMessage(e apiError) string {
	switch e.Name {
	case "AuthenticationRequired":
		return "Unleash received no token (set " + TokenEnv + ")"
	case "UnauthorizedError":
		return "Unleash does not accept this token: it is unknown, revoked or expired"
	}
	return e.Message
}

func forbiddenInfo(e apiError) rest.ErrorInfo {
	if strings.Contains(e.Message, wrongTokenTypeMessage) {
		return rest.ErrorInfo{Message: "this is not an admin token; the admin API needs an Unleash admin API token or a personal access token (Unleash says: " + wrongTokenTypeMessage + ")"}
	}
	info := rest.ErrorInfo{Message: e.Message}
	if m := accessNeedRe.FindStringSubmatch(e.Message); m != nil {
		info.Need = m[1]
	}
	return info
}

// badDataInfo maps each detail onto the form field it is about. Details that
// fit no field stay in Message, so nothing the server said is dropped.
func badDataInfo(e apiError) rest.ErrorInfo {
	info := rest.ErrorInfo{Fields: map[string][]string{}}
	var loose []string
	for _, d := range e.Details {
		if d.Path == "/body" && strings.Contains(d.Message, oneOfNoise) && len(e.Details) > 1 {
			continue
		}
		field, msg := detailField(d.Path, d.Message)
		if field == "" {
			loose = append(loose, d.Message)
			continue
		}
		info.Fields[field] = append(info.Fields[field], msg)
	}
	if len(loose) > 0 {
		info.Message = "Unleash refused the request: " + strings.Join(loose, " ")
	}
	if len(info.Fields) == 0 && info.Message == "" {
		info.Message = e.Message
	}
	return info
}

// detailField finds the field a detail is about, from its path (schema
// errors) or its wording (the other validators), and rewrites the common
// messages as something a person can act on.
func detailField(path, msg string) (field, text string) {
	switch {
	case path == "/body/tokenName" || strings.Contains(msg, `"tokenName"`):
		field = client.FieldName
	case path == "/body/type":
		field = client.FieldRole
	case path == "/body/environment" || strings.HasPrefix(msg, "Environment=") ||
		strings.Contains(msg, `"environment"`) || strings.Contains(msg, "scoped to all environments"):
		field = client.FieldEnvironment
	case strings.HasPrefix(path, "/body/projects") || path == "/body/project" ||
		strings.HasPrefix(msg, "Project=") || strings.Contains(msg, `"projects"`):
		field = client.FieldProjects
	case path == "/body/expiresAt":
		field = client.FieldExpiresAt
	default:
		return "", ""
	}
	return field, friendly(field, msg)
}

func friendly(field, msg string) string {
	sent := ""
	if m := youSentRe.FindStringSubmatch(msg); m != nil {
		sent = m[1]
	}
	switch {
	case requiredRe.MatchString(msg):
		return "is required"
	case strings.HasSuffix(msg, "is not allowed to be empty."):
		return "must not be empty"
	case strings.Contains(msg, "must contain at least 1 items"):
		return "choose at least one project, or * for all"
	case field == client.FieldRole && strings.Contains(msg, "must match pattern"):
		text := "must be client, backend or frontend, not " + sent
		if strings.EqualFold(sent, `"admin"`) {
			text += "; " + adminNotCreatable
		}
		return text
	case field == client.FieldExpiresAt && strings.Contains(msg, `format "date-time"`):
		return "must be a date and time such as 2030-01-31T12:00:00Z, not " + sent
	}
	return msg
}

// v2ProjectFK is the constraint a v2 token's unknown project violates:
// with secure token storage, Unleash 8.2.0 does not check that the
// projects exist, and the database refuses the insert with a 500 (observed).
const v2ProjectFK = "api_tokens_v2_project_project_fkey"

// explainUnknownProject turns that 500 into what it means. The insert runs
// in a transaction that is rolled back, so no token exists (the
// integration suite checks the count): it is a refusal, not an unknown
// outcome.
func explainUnknownProject(err error) error {
	var se *client.ServerError
	if errors.As(err, &se) && se.Status == 500 && strings.Contains(se.Message, v2ProjectFK) {
		return &client.ValidationError{Fields: map[string][]string{client.FieldProjects: {
			"a project does not exist (Unleash's secure token storage refused the token with a database error; nothing was created)"}}}
	}
	return err
}

// explainHTML400 replaces the rest layer's generic answer to an HTML 400.
// Unleash sends one only when it cannot parse the JSON body, which for this
// provider means something between it and the server mangled the request.
func explainHTML400(err error) error {
	var v *client.ValidationError
	if errors.As(err, &v) && len(v.Fields) == 0 && strings.Contains(v.Message, "HTML") {
		return &client.ValidationError{Message: "Unleash could not read the request body as JSON (it answered 400 with an HTML page); a proxy between tokentui and Unleash may be altering requests"}
	}
	return err
}
