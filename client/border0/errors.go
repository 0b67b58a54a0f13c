package border0

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// parseError reads Border0's error bodies: {"status_code": 400,
// "error_message": "..."}, or {"message": "..."} on some endpoints. A short
// plain-text body (a proxy's "404 page not found") becomes the message.
func parseError(status int, body []byte) rest.ErrorInfo {
	body = bytes.TrimSpace(body)
	var e struct {
		ErrorMessage string          `json:"error_message"`
		Message      string          `json:"message"`
		Error        json.RawMessage `json:"error"`
	}
	var msg string
	if err := json.Unmarshal(body, &e); err == nil {
		msg = firstNonEmpty(e.ErrorMessage, e.Message, stringValue(e.Error))
	} else if len(body) > 0 && len(body) <= 200 && body[0] != '{' && body[0] != '[' && utf8.Valid(body) {
		msg = string(body)
	}
	msg = strings.TrimSpace(msg)
	info := rest.ErrorInfo{Message: msg}
	switch status {
	case 403:
		info.Need = neededRole(msg)
	case 400, 422:
		if field := fieldOf(msg); field != "" {
			info.Fields = map[string][]string{field: {msg}}
			info.Message = ""
		}
	}
	return info
}

// roleRequired finds the role a 403 names: "forbidden: admin role required".
var roleRequired = regexp.MustCompile(`(?i)\b(admin|member|connector|client)\s+role\b`)

// neededRole returns "admin role" when the message names the missing role,
// so ForbiddenError says what the admin token lacks.
func neededRole(msg string) string {
	m := roleRequired.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1]) + " role"
}

// fieldOf maps a validation message to the form field it is about, by the
// field name it starts with ("name is required", "bad request: expires_at
// has the wrong type"), so the form can show it next to that field.
func fieldOf(msg string) string {
	m := strings.ToLower(msg)
	m = strings.TrimPrefix(m, "bad request:")
	m = strings.TrimSpace(m)
	switch {
	case strings.HasPrefix(m, "name"):
		return client.FieldName
	case strings.HasPrefix(m, "role"):
		return client.FieldRole
	case strings.HasPrefix(m, "expires_at"), strings.HasPrefix(m, "expiry"), strings.HasPrefix(m, "expiration"):
		return client.FieldExpiresAt
	}
	return ""
}

// stringValue returns raw as a string if it is a JSON string.
func stringValue(raw json.RawMessage) string {
	var s string
	if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
