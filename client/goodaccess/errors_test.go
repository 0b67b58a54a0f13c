package goodaccess

import (
	"slices"
	"testing"

	"github.com/tokentui/tokentui/client"
)

func TestParseError(t *testing.T) {
	cases := []struct {
		status  int
		body    string
		message string
		need    string
		fields  map[string][]string
	}{
		{403, `{"message":"Missing scope: token.delete","required_scope":"token.delete"}`, "Missing scope: token.delete", "token.delete", nil},
		{403, `{"message":"Missing scope: access-card.read-all"}`, "Missing scope: access-card.read-all", "access-card.read-all", nil},
		{403, `{"message":"Needs Token.Create on integration.goodaccess.com"}`, "Needs Token.Create on integration.goodaccess.com", "token.create", nil},
		{403, `{"message":"Scope widgets.read required"}`, "Scope widgets.read required", "widgets.read", nil},
		{403, `{"message":"See integration.goodaccess.com/docs."}`, "See integration.goodaccess.com/docs.", "", nil},
		{401, `{"error":"invalid_token","error_description":"Token revoked"}`, "Token revoked", "", nil},
		{401, `{"error":"invalid_token"}`, "invalid_token", "", nil},
		{500, `{"error":{"message":"db down"}}`, "db down", "", nil},
		{400, `{"message":"bad","errors":{"allowed_ips.1":["x"],"allowed_ips.0":"y","Name":["z"]}}`, "bad", "",
			map[string][]string{client.FieldAllowedIPs: {"x", "y"}, client.FieldName: {"z"}}},
		{400, `{"errors":{"colour":["must be blue"],"owner":["gone"]}}`, "colour: must be blue owner: gone", "", nil},
		{400, `{"errors":["flat","list"]}`, "flat; list", "", nil},
		{404, `not json`, "", "", nil},
		{404, ``, "", "", nil},
		{404, `[1,2]`, "", "", nil},
		{404, `{"message":42}`, "", "", nil},
	}
	for _, c := range cases {
		info := parseError(c.status, []byte(c.body))
		if info.Message != c.message || info.Need != c.need {
			t.Errorf("%s: message %q need %q; want %q %q", c.body, info.Message, info.Need, c.message, c.need)
		}
		if len(info.Fields) != len(c.fields) {
			t.Errorf("%s: fields %v, want %v", c.body, info.Fields, c.fields)
		}
		for f, want := range c.fields {
			got := slices.Clone(info.Fields[f])
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: Fields[%s] = %v, want %v", c.body, f, got, want)
			}
		}
	}
}
