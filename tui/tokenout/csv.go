package tokenout

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// CSVHeader is the first line of WriteCSV: the JSON fields, in the order
// a person reads a row (where, what, when).
var CSVHeader = []string{
	"profile", "provider", "id", "name", "scopes", "role", "projects", "environment", "owner",
	"allowed_ips", "created_at", "expires_at", "expired", "last_used_at", "created_by", "self",
	"not_reported", "invalid_dates", "secret_masked", "secret_note",
}

// WriteCSV writes tokens as RFC 4180 CSV with CSVHeader, the same fields
// as the JSON object: lists joined with ";" (no scope, project or address
// holds one), times as in JSON or empty for null, self true, false or
// empty where the provider cannot tell. Text from servers is sanitised,
// and a cell a spreadsheet would run as a formula (one starting with =, +,
// -, @, a tab or a carriage return) starts with ' instead.
func WriteCSV(w io.Writer, count int, token func(i int) Token) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	row := make([]string, len(CSVHeader))
	for i := range count {
		t := token(i)
		self := ""
		if t.Self != nil {
			self = strconv.FormatBool(*t.Self)
		}
		fields := []string{
			t.Profile, t.Provider, t.ID, t.Name, list(t.Scopes), t.Role, list(t.Projects), t.Environment, t.Owner,
			list(t.AllowedIPs), csvTime(t.CreatedAt), csvTime(t.ExpiresAt), strconv.FormatBool(t.Expired),
			csvTime(t.LastUsedAt), t.CreatedBy, self, list(t.NotReported), list(t.InvalidDates), t.SecretMasked, t.SecretNote,
		}
		for j, f := range fields {
			row[j] = inert(client.Sanitize(f))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func list(s []string) string { return strings.Join(s, ";") }

// csvTime is the JSON time without its quotes; "" for null.
func csvTime(t Time) string {
	b := appendTime(nil, t.t)
	if string(b) == "null" {
		return ""
	}
	return string(b[1 : len(b)-1])
}

// inert keeps a spreadsheet from reading a cell as a formula (OWASP's
// advice on CSV injection): a token name is a server's text.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
