package emulator

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The real server validates a create request three times, and each stage
// words its errors differently; the emulator keeps the stages apart so its
// answers match: (1) the OpenAPI schema validator, which coerces scalars to
// strings, stops at the first error and adds a "oneOf" remark on create;
// (2) a field validator that reports every problem at once; (3) the token
// service, one message at a time (see createToken).

// unleashNewToken is a create request after the first two stages.
type unleashNewToken struct {
	name        string
	typ         string // lower case, as asked: client, backend or frontend
	environment string
	projects    []string
	expiresAt   time.Time
}

const (
	unleashTypePattern = "^([Cc][Ll][Ii][Ee][Nn][Tt]|[Bb][Aa][Cc][Kk][Ee][Nn][Dd]|[Ff][Rr][Oo][Nn][Tt][Ee][Nn][Dd])$"
	unleashOneOfRemark = `The "/body" property must match exactly one schema in oneOf. The data you provided matches more than one option in the schema. These options are mutually exclusive. Please refer back to the schema and remove any excess properties.`
)

var (
	unleashTypeRe = regexp.MustCompile(unleashTypePattern)
	// unleashDateTimeRe is the schema's date-time format as this server
	// applies it: the time zone may be left out (it is then UTC).
	unleashDateTimeRe = regexp.MustCompile(`(?i)^\d{4}-[01]\d-[0-3]\d[t ]([0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(\.\d+)?(z|[+-]\d\d(:?\d\d)?)?$`)
)

// unleashParseCreate runs stages 1 and 2. On failure it returns the details
// to answer with and whether they come from the schema stage (which carries
// an error id).
func unleashParseCreate(body any) (unleashNewToken, []unleashDetail, bool) {
	obj, d := unleashSchemaObject(body)
	if d != nil {
		return unleashNewToken{}, []unleashDetail{*d}, true
	}
	if d := unleashSchemaCreate(obj); d != nil {
		return unleashNewToken{}, []unleashDetail{*d, {Message: unleashOneOfRemark, Path: "/body"}}, true
	}

	// Stage 2: every field problem at once, in the validator's key order.
	var details []unleashDetail
	req := unleashNewToken{environment: "development", projects: []string{"*"}}
	req.name = obj["tokenName"].(string)
	if req.name == "" {
		details = append(details, unleashDetail{Message: `"tokenName" is not allowed to be empty.`})
	}
	req.typ = strings.ToLower(obj["type"].(string))
	if s, ok := obj["expiresAt"].(string); ok {
		req.expiresAt, _ = unleashParseTime(s) // the schema stage checked it
	}
	if ps, ok := obj["projects"].([]any); ok {
		if len(ps) == 0 {
			details = append(details, unleashDetail{Message: `"projects" must contain at least 1 items. You provided [].`})
		}
		req.projects = make([]string, len(ps))
		for i, p := range ps {
			req.projects[i] = p.(string)
		}
	}
	if env, ok := obj["environment"].(string); ok {
		if env == "" {
			details = append(details, unleashDetail{Message: `"environment" is not allowed to be empty.`})
		}
		req.environment = env
	}
	return req, details, false
}

// unleashParseExpiry is the schema stage of an expiry update.
func unleashParseExpiry(body any) (time.Time, *unleashDetail) {
	obj, d := unleashSchemaObject(body)
	if d != nil {
		return time.Time{}, d
	}
	if _, ok := obj["expiresAt"]; !ok {
		return time.Time{}, unleashRequired("expiresAt")
	}
	if d := unleashSchemaDateTime(obj, "expiresAt"); d != nil {
		return time.Time{}, d
	}
	t, _ := unleashParseTime(obj["expiresAt"].(string))
	return t, nil
}

func unleashSchemaObject(body any) (map[string]any, *unleashDetail) {
	obj, ok := body.(map[string]any)
	if !ok {
		return nil, &unleashDetail{Message: "The `/body` property must be object. You sent " + unleashStringify(body) + ".", Path: "/body"}
	}
	return obj, nil
}

// unleashSchemaCreate is the create schema: required keys first, then the
// properties in the schema's order, first failure only. Scalars are coerced
// to strings in place, as the validator does.
func unleashSchemaCreate(obj map[string]any) *unleashDetail {
	for _, k := range []string{"type", "tokenName"} {
		if _, ok := obj[k]; !ok {
			return unleashRequired(k)
		}
	}
	if _, ok := obj["expiresAt"]; ok {
		if d := unleashSchemaDateTime(obj, "expiresAt"); d != nil {
			return d
		}
	}
	if d := unleashSchemaString(obj, "type"); d != nil {
		return d
	}
	if t := obj["type"].(string); !unleashTypeRe.MatchString(t) {
		return &unleashDetail{Message: "The `/body/type` property must match pattern \"" + unleashTypePattern + "\". You sent " + unleashStringify(t) + ".", Path: "/body/type"}
	}
	for _, k := range []string{"environment", "project"} {
		if _, ok := obj[k]; ok {
			if d := unleashSchemaString(obj, k); d != nil {
				return d
			}
		}
	}
	if v, ok := obj["projects"]; ok {
		ps, isArray := v.([]any)
		if !isArray {
			return &unleashDetail{Message: "The `/body/projects` property must be array. You sent " + unleashStringify(v) + ".", Path: "/body/projects"}
		}
		for i, p := range ps {
			s, ok := unleashCoerceString(p)
			if !ok {
				path := "/body/projects/" + strconv.Itoa(i)
				return &unleashDetail{Message: "The `" + path + "` property must be string. You sent " + unleashStringify(p) + ".", Path: path}
			}
			ps[i] = s
		}
	}
	return unleashSchemaString(obj, "tokenName")
}

func unleashRequired(key string) *unleashDetail {
	path := "/body/" + key
	return &unleashDetail{Path: path, PathFirst: true, Message: "The `" + path + "` property is required. It was not present on the data you sent."}
}

func unleashSchemaString(obj map[string]any, key string) *unleashDetail {
	s, ok := unleashCoerceString(obj[key])
	if !ok {
		return &unleashDetail{Message: "The `/body/" + key + "` property must be string. You sent " + unleashStringify(obj[key]) + ".", Path: "/body/" + key}
	}
	obj[key] = s
	return nil
}

func unleashSchemaDateTime(obj map[string]any, key string) *unleashDetail {
	if d := unleashSchemaString(obj, key); d != nil {
		return d
	}
	s := obj[key].(string)
	if _, ok := unleashParseTime(s); !ok {
		return &unleashDetail{Message: "The `/body/" + key + "` property must match format \"date-time\". You sent " + unleashStringify(s) + ".", Path: "/body/" + key}
	}
	return nil
}

// unleashCoerceString converts what the schema validator would: null to "",
// numbers and booleans to their text.
func unleashCoerceString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case nil:
		return "", true
	case json.Number:
		return x.String(), true
	case bool:
		if x {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// unleashParseTime accepts the server's date-time format; a time without a
// zone is UTC (the server runs in UTC).
func unleashParseTime(s string) (time.Time, bool) {
	if !unleashDateTimeRe.MatchString(s) {
		return time.Time{}, false
	}
	norm := strings.ToUpper(s[:10]) + "T" + strings.ToUpper(s[11:])
	rest := norm[19:]
	switch {
	case strings.HasSuffix(rest, "Z"):
	case strings.ContainsAny(rest, "+-"):
		i := strings.IndexAny(rest, "+-")
		zone := rest[i:]
		if len(zone) == 3 {
			zone += ":00"
		} else if len(zone) == 5 {
			zone = zone[:3] + ":" + zone[3:]
		}
		norm = norm[:19] + rest[:i] + zone
	default:
		norm += "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, norm)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}
