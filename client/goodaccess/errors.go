package goodaccess

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// parseError reads a GoodAccess error body. The API documents none of its
// error bodies, so every spelling seen in its house style and in third-party
// clients is accepted: "message", "error_description", "error" (string or
// object), "errors" (field -> [messages] or field -> message) and, for 403,
// "required_scope". Anything that is not JSON yields an empty ErrorInfo and
// the rest layer falls back to the status.
func parseError(status int, body []byte) rest.ErrorInfo {
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) != nil {
		return rest.ErrorInfo{}
	}
	var info rest.ErrorInfo
	for _, key := range []string{"message", "error_description", "error"} {
		if m := messageOf(raw[key]); m != "" {
			info.Message = m
			break
		}
	}
	var unplaced []string
	fields := fieldMessages(raw["errors"])
	if fields == nil { // "errors": ["...", ...] or "errors": "..."
		if m := messageOf(raw["errors"]); m != "" && m != info.Message {
			unplaced = append(unplaced, m)
		}
	}
	for apiField, msgs := range fields {
		field, ok := fieldFor(apiField)
		if !ok {
			// A field the form does not have: keep the message where a
			// person will see it instead of filing it under a key no one
			// displays.
			for _, m := range msgs {
				unplaced = append(unplaced, apiField+": "+m)
			}
			continue
		}
		if info.Fields == nil {
			info.Fields = map[string][]string{}
		}
		info.Fields[field] = append(info.Fields[field], msgs...)
	}
	if len(unplaced) > 0 {
		sort.Strings(unplaced)
		info.Message = strings.TrimSpace(strings.Join(append([]string{info.Message}, unplaced...), " "))
	}
	if status == 403 {
		info.Need = strings.TrimSpace(messageOf(raw["required_scope"]))
		if info.Need == "" {
			info.Need = scopeIn(info.Message)
		}
	}
	return info
}

// messageOf reads a string, or the "message"/"error_description" of an
// object, or the first string of an array.
func messageOf(m json.RawMessage) string {
	if len(m) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		return strings.TrimSpace(s)
	}
	var obj struct {
		Message     string `json:"message"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(m, &obj) == nil {
		if obj.Message != "" {
			return strings.TrimSpace(obj.Message)
		}
		return strings.TrimSpace(obj.Description)
	}
	var list []string
	if json.Unmarshal(m, &list) == nil {
		return strings.TrimSpace(strings.Join(list, "; "))
	}
	return ""
}

// fieldMessages reads {"field": ["msg", ...]} or {"field": "msg"}.
func fieldMessages(m json.RawMessage) map[string][]string {
	var raw map[string]json.RawMessage
	if len(m) == 0 || json.Unmarshal(m, &raw) != nil {
		return nil
	}
	out := map[string][]string{}
	for field, v := range raw {
		var list []string
		if json.Unmarshal(v, &list) == nil {
			out[field] = append(out[field], list...)
			continue
		}
		if s := messageOf(v); s != "" {
			out[field] = append(out[field], s)
		}
	}
	return out
}

// apiFields maps the API's field names (and the spellings a variant of it
// might use) to the form's.
var apiFields = map[string]string{
	"name":        client.FieldName,
	"scopes":      client.FieldScopes,
	"scope":       client.FieldScopes,
	"expires_at":  client.FieldExpiresAt,
	"expiresat":   client.FieldExpiresAt,
	"expiration":  client.FieldExpiresAt,
	"allowed_ips": client.FieldAllowedIPs,
	"allowedips":  client.FieldAllowedIPs,
	"ips":         client.FieldAllowedIPs,
}

// fieldFor maps "allowed_ips.0" or "scopes.3" to the client.Field* key.
func fieldFor(apiField string) (string, bool) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(apiField)), ".")
	f, ok := apiFields[base]
	return f, ok
}

// scopeWord matches a GoodAccess-looking scope: "token.delete",
// "access-card.read-all". The action list keeps host names and sentences
// ("integration.goodaccess.com") from passing for scopes.
var scopeWord = regexp.MustCompile(`\b[a-z][a-z-]*\.(?:create|read-all|read|update|delete|disconnect|add)\b`)

// scopeIn finds the scope a 403 message names, preferring one the catalog
// knows ("Missing scope: token.delete").
func scopeIn(msg string) string {
	words := scopeWord.FindAllString(strings.ToLower(msg), -1)
	for _, w := range words {
		if knownScopes[w] {
			return w
		}
	}
	if len(words) > 0 {
		return words[0]
	}
	return ""
}

// notFound makes a 404 say what was not found; the API's own message
// ("Token not found") would read "Token not found not found".
func notFound(err error, what string) error {
	if _, ok := err.(*client.NotFoundError); ok {
		return &client.NotFoundError{What: what}
	}
	return err
}
