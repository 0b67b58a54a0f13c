package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// gaNameMaxLen is the longest name the API accepts, in characters.
const gaNameMaxLen = 255

// gaValidation is the API's 400 body, in the Laravel style its other
// endpoints use: a summary plus messages per field ("allowed_ips.1").
type gaValidation struct {
	Message string              `json:"message"`
	Errors  map[string][]string `json:"errors,omitempty"`
}

func (v *gaValidation) add(field, msg string) {
	if v.Errors == nil {
		v.Errors = map[string][]string{}
	}
	v.Errors[field] = append(v.Errors[field], msg)
}

// gaCreateRequest is a create body that passed validation.
type gaCreateRequest struct {
	name       string
	scopes     []string
	allowedIPs []string
	expiresAt  time.Time
}

// gaParseCreate reads and validates a create body. Each field is
// decoded on its own so a wrong type is reported against that field, the way
// the real API's validator reports it, instead of failing the whole body.
func gaParseCreate(body io.Reader, now time.Time, zone *time.Location, ignoreScopes bool) (gaCreateRequest, *gaValidation) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return gaCreateRequest{}, &gaValidation{Message: "The request body is too large or could not be read."}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return gaCreateRequest{}, &gaValidation{Message: "The request body must be a valid JSON object."}
	}
	v := &gaValidation{}
	req := gaCreateRequest{
		name:       gaParseName(fields["name"], v),
		allowedIPs: gaParseIPs(fields["allowed_ips"], v),
		expiresAt:  gaParseExpiry(fields["expires_at"], now, zone, v),
	}
	if !ignoreScopes { // not in the documented body: such a server reads none
		req.scopes = gaParseScopes(fields["scopes"], v)
	}
	if len(v.Errors) > 0 {
		v.Message = "The given data was invalid."
		return gaCreateRequest{}, v
	}
	return req, nil
}

func gaParseName(m json.RawMessage, v *gaValidation) string {
	var name string
	if m == nil || gaIsNull(m) {
		return ""
	}
	if err := json.Unmarshal(m, &name); err != nil {
		v.add("name", "The name must be a string.")
	} else if n := utf8.RuneCountInString(name); n > gaNameMaxLen {
		v.add("name", fmt.Sprintf("The name may not be greater than %d characters.", gaNameMaxLen))
	}
	return name
}

func gaParseScopes(m json.RawMessage, v *gaValidation) []string {
	var scopes []string
	switch {
	case m == nil || gaIsNull(m):
		v.add("scopes", "The scopes field is required.")
	case json.Unmarshal(m, &scopes) != nil:
		v.add("scopes", "The scopes must be an array of strings.")
	case len(scopes) == 0:
		v.add("scopes", "The scopes field is required.")
	default:
		gaCheckItems(v, "scopes", scopes, func(s string) bool { return goodAccessScopeSet[s] }, "The selected scopes.%d is invalid.")
	}
	return scopes
}

func gaParseIPs(m json.RawMessage, v *gaValidation) []string {
	ips := []string{}
	if m == nil || gaIsNull(m) {
		return ips
	}
	if err := json.Unmarshal(m, &ips); err != nil {
		v.add("allowed_ips", "The allowed ips must be an array of strings.")
		return []string{}
	}
	if ips == nil {
		ips = []string{}
	}
	gaCheckItems(v, "allowed_ips", ips, gaValidIPEntry, "The allowed_ips.%d must be a valid IP address or CIDR range.")
	return ips
}

// gaCheckItems reports each invalid or repeated item of a list field
// against its index ("scopes.1"), as Laravel's validator does.
func gaCheckItems(v *gaValidation, field string, items []string, valid func(string) bool, invalid string) {
	seen := map[string]bool{}
	for i, item := range items {
		key := fmt.Sprintf("%s.%d", field, i)
		switch {
		case !valid(item):
			v.add(key, fmt.Sprintf(invalid, i))
		case seen[item]:
			v.add(key, fmt.Sprintf("The %s.%d field has a duplicate value.", field, i))
		}
		seen[item] = true
	}
}

func gaParseExpiry(m json.RawMessage, now time.Time, zone *time.Location, v *gaValidation) time.Time {
	var s string
	if m == nil || gaIsNull(m) {
		return time.Time{}
	}
	if err := json.Unmarshal(m, &s); err != nil {
		v.add("expires_at", "The expires at must be a string.")
		return time.Time{}
	}
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(gaDateLayout, s, zone)
	switch {
	case err != nil:
		v.add("expires_at", "The expires at does not match the format Y-m-d H:i:s.")
	case !t.After(now):
		v.add("expires_at", "The expires at must be a date after now.")
	default:
		return t
	}
	return time.Time{}
}

func gaIsNull(m json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(m), []byte("null")) }
