package unleash

import (
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
)

// Bodies below are verbatim from a real unleash-server 8.2.0.
func TestUnleashParseErrorMapsDetailsToFields(t *testing.T) {
	cases := []struct {
		name, body string
		field      string
		want       string // substring of the field's message
	}{
		{"admin type", `{"id":"caec8524","name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data. Refer to the ` + "`details`" + ` list for more information.","details":[{"message":"The ` + "`/body/type`" + ` property must match pattern \"^([Cc][Ll][Ii][Ee][Nn][Tt]|[Bb][Aa][Cc][Kk][Ee][Nn][Dd]|[Ff][Rr][Oo][Nn][Tt][Ee][Nn][Dd])$\". You sent \"admin\".","path":"/body/type"},{"message":"The \"/body\" property must match exactly one schema in oneOf. The data you provided matches more than one option in the schema. These options are mutually exclusive. Please refer back to the schema and remove any excess properties.","path":"/body"}]}`,
			client.FieldRole, `must be client, backend or frontend, not "admin"; ` + adminNotCreatable},
		{"unknown environment", `{"name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data: Environment=staging does not exist","details":[{"message":"Environment=staging does not exist"}]}`,
			client.FieldEnvironment, "Environment=staging does not exist"},
		{"unknown project", `{"name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data: Project=nope does not exist","details":[{"message":"Project=nope does not exist"}]}`,
			client.FieldProjects, "Project=nope does not exist"},
		{"name required", `{"id":"bd39","name":"BadDataError","message":"x","details":[{"path":"/body/tokenName","message":"The ` + "`/body/tokenName`" + ` property is required. It was not present on the data you sent."},{"message":"The \"/body\" property must match exactly one schema in oneOf.","path":"/body"}]}`,
			client.FieldName, "is required"},
		{"empty name", `{"name":"BadDataError","message":"x","details":[{"message":"\"tokenName\" is not allowed to be empty."}]}`,
			client.FieldName, "must not be empty"},
		{"empty projects", `{"name":"BadDataError","message":"x","details":[{"message":"\"projects\" must contain at least 1 items. You provided []."}]}`,
			client.FieldProjects, "at least one project"},
		{"all environments", `{"name":"BadDataError","message":"x","details":[{"message":"Client token cannot be scoped to all environments"}]}`,
			client.FieldEnvironment, "Client token cannot be scoped to all environments"},
		{"bad expiry", `{"id":"6e65","name":"BadDataError","message":"x","details":[{"message":"The ` + "`/body/expiresAt`" + ` property must match format \"date-time\". You sent \"not-a-date\".","path":"/body/expiresAt"}]}`,
			client.FieldExpiresAt, `must be a date and time such as 2030-01-31T12:00:00Z, not "not-a-date"`},
		{"projects not a list", `{"id":"cd70","name":"BadDataError","message":"x","details":[{"message":"The ` + "`/body/projects`" + ` property must be array. You sent \"default\".","path":"/body/projects"}]}`,
			client.FieldProjects, "must be array"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info := parseError(400, []byte(c.body))
			if len(info.Fields) != 1 || len(info.Fields[c.field]) != 1 || !strings.Contains(info.Fields[c.field][0], c.want) {
				t.Errorf("fields %v, want %s: …%s…", info.Fields, c.field, c.want)
			}
			if info.Message != "" {
				t.Errorf("message %q; everything should be on a field", info.Message)
			}
		})
	}
}

func TestUnleashParseErrorKeepsWhatFitsNoField(t *testing.T) {
	info := parseError(400, []byte(`{"id":"3084","name":"BadDataError","message":"Request validation failed","details":[{"message":"The `+"`/body`"+` property must be object. You sent [].","path":"/body"}]}`))
	if !strings.Contains(info.Message, "must be object") || len(info.Fields) != 0 {
		t.Errorf("%+v", info)
	}
	info = parseError(400, []byte(`{"name":"BadDataError","message":"Request validation failed: something new"}`))
	if info.Message != "Request validation failed: something new" {
		t.Errorf("no details: %+v", info)
	}
}

func TestUnleashParseErrorAuth(t *testing.T) {
	info := parseError(403, []byte(`{"message":"invalid token: expected a different token type for this endpoint"}`))
	err := (&client.ForbiddenError{Need: info.Need, Message: info.Message}).Error()
	if !strings.Contains(err, "not an admin token") || !strings.Contains(err, "admin API token") {
		t.Errorf("wrong-type 403: %s", err)
	}
	info = parseError(403, []byte(`{"name":"OperationDeniedError","message":"You don't have the necessary access [CREATE_CLIENT_API_TOKEN] to perform this operation"}`))
	if info.Need != "CREATE_CLIENT_API_TOKEN" {
		t.Errorf("permission 403: %+v", info)
	}
	info = parseError(401, []byte(`{"id":"9482","name":"UnauthorizedError","message":"You must log in to use Unleash.","details":[{"message":"You must log in to use Unleash."}]}`))
	if !strings.Contains(info.Message, "unknown, revoked or expired") {
		t.Errorf("UnauthorizedError: %+v", info)
	}
	info = parseError(401, []byte(`{"id":"31e8","name":"AuthenticationRequired","message":"You must log in to use Unleash. Your request had no authorization header"}`))
	if !strings.Contains(info.Message, "no token") {
		t.Errorf("AuthenticationRequired: %+v", info)
	}
}

func TestUnleashParseErrorNeverFails(t *testing.T) {
	for _, body := range []string{"", "<html>", "null", "[]", `{"details":"x"}`, `{"details":[null]}`} {
		_ = parseError(400, []byte(body))
		_ = parseError(403, []byte(body))
	}
}
