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
func gaParseCreate(body io.Reader, now time.Time) (gaCreateRequest, *gaValidation) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return gaCreateRequest{}, &gaValidation{Message: "The request body is too large or could not be read."}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return gaCreateRequest{}, &gaValidation{Message: "The request body must be a valid JSON object."}
	}
	v := &gaValidation{}
	var req gaCreateRequest

	if m, ok := fields["name"]; ok && !gaIsNull(m) {
		if err := json.Unmarshal(m, &req.name); err != nil {
			v.add("name", "The name must be a string.")
		} else if n := utf8.RuneCountInString(req.name); n > gaNameMaxLen {
			v.add("name", fmt.Sprintf("The name may not be greater than %d characters.", gaNameMaxLen))
		}
	}

	if m, ok := fields["scopes"]; !ok || gaIsNull(m) {
		v.add("scopes", "The scopes field is required.")
	} else if err := json.Unmarshal(m, &req.scopes); err != nil {
		v.add("scopes", "The scopes must be an array of strings.")
	} else if len(req.scopes) == 0 {
		v.add("scopes", "The scopes field is required.")
	} else {
		seen := map[string]bool{}
		for i, s := range req.scopes {
			key := fmt.Sprintf("scopes.%d", i)
			switch {
			case !goodAccessScopeSet[s]:
				v.add(key, fmt.Sprintf("The selected scopes.%d is invalid.", i))
			case seen[s]:
				v.add(key, fmt.Sprintf("The scopes.%d field has a duplicate value.", i))
			}
			seen[s] = true
		}
	}

	if m, ok := fields["allowed_ips"]; ok && !gaIsNull(m) {
		if err := json.Unmarshal(m, &req.allowedIPs); err != nil {
			v.add("allowed_ips", "The allowed ips must be an array of strings.")
		} else {
			seen := map[string]bool{}
			for i, ip := range req.allowedIPs {
				key := fmt.Sprintf("allowed_ips.%d", i)
				switch {
				case !gaValidIPEntry(ip):
					v.add(key, fmt.Sprintf("The allowed_ips.%d must be a valid IP address or CIDR range.", i))
				case seen[ip]:
					v.add(key, fmt.Sprintf("The allowed_ips.%d field has a duplicate value.", i))
				}
				seen[ip] = true
			}
		}
	}
	if req.allowedIPs == nil {
		req.allowedIPs = []string{}
	}

	if m, ok := fields["expires_at"]; ok && !gaIsNull(m) {
		var s string
		if err := json.Unmarshal(m, &s); err != nil {
			v.add("expires_at", "The expires at must be a string.")
		} else if s != "" {
			t, err := time.ParseInLocation(gaDateLayout, s, time.UTC)
			switch {
			case err != nil:
				v.add("expires_at", "The expires at does not match the format Y-m-d H:i:s.")
			case !t.After(now):
				v.add("expires_at", "The expires at must be a date after now.")
			default:
				req.expiresAt = t
			}
		}
	}

	if len(v.Errors) > 0 {
		v.Message = "The given data was invalid."
		return gaCreateRequest{}, v
	}
	return req, nil
}

func gaIsNull(m json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(m), []byte("null")) }
