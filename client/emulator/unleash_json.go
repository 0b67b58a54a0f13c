package emulator

import (
	"encoding/json"
	"html"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client/jsonappend"
)

// The emulator writes its JSON by hand: a list of 100 000 tokens is encoded
// several times faster than through reflection, and the key order and
// null-versus-absent choices can follow the real server exactly. Strings go
// through client/jsonappend, which writes what JSON.stringify does except
// that U+2028 and U+2029 come escaped; a client decodes the same value.

const unleashTimeLayout = "2006-01-02T15:04:05.000Z" // JavaScript's toISOString

func unleashWrite(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// unleashEmpty is the bare 200 of update and delete: no body, no type.
func unleashEmpty(w http.ResponseWriter) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// unleashDetail is one entry of an error's details. Errors of the schema
// validator name a path; the required-property error puts it first.
type unleashDetail struct {
	Message   string
	Path      string
	PathFirst bool
}

// unleashErrorBody is {id?, name, message, details}. Errors raised before a
// handler runs (schema, authentication, routing) carry an id; errors raised
// inside a handler do not.
func unleashErrorBody(withID bool, name, message string, details []unleashDetail) []byte {
	b := make([]byte, 0, 256)
	b = append(b, '{')
	if withID {
		b = append(b, `"id":`...)
		b = jsonappend.String(b, newUUID())
		b = append(b, ',')
	}
	b = append(b, `"name":`...)
	b = jsonappend.String(b, name)
	b = append(b, `,"message":`...)
	b = jsonappend.String(b, message)
	b = append(b, `,"details":[`...)
	for i, d := range details {
		if i > 0 {
			b = append(b, ',')
		}
		switch {
		case d.Path == "":
			b = append(b, `{"message":`...)
			b = jsonappend.String(b, d.Message)
		case d.PathFirst:
			b = append(b, `{"path":`...)
			b = jsonappend.String(b, d.Path)
			b = append(b, `,"message":`...)
			b = jsonappend.String(b, d.Message)
		default:
			b = append(b, `{"message":`...)
			b = jsonappend.String(b, d.Message)
			b = append(b, `,"path":`...)
			b = jsonappend.String(b, d.Path)
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// unleashError answers with one message that is also the only detail.
func unleashError(w http.ResponseWriter, status int, withID bool, name, message string) {
	unleashWrite(w, status, unleashErrorBody(withID, name, message, []unleashDetail{{Message: message}}))
}

const unleashBadDataPrefix = "Request validation failed: your request body or params contain invalid data"

// unleashBadData is a validation failure with a list of details (schema or
// field validators): the top line refers to them. Schema errors, raised
// before the handler, carry an id.
func unleashBadData(w http.ResponseWriter, withID bool, details []unleashDetail) {
	msg := unleashBadDataPrefix + ". Refer to the `details` list for more information."
	unleashWrite(w, http.StatusBadRequest, unleashErrorBody(withID, "BadDataError", msg, details))
}

// unleashBadDataMessage is a validation failure raised by the token service
// with one message, which the top line repeats.
func unleashBadDataMessage(w http.ResponseWriter, message string) {
	unleashWrite(w, http.StatusBadRequest, unleashErrorBody(false, "BadDataError", unleashBadDataPrefix+": "+message, []unleashDetail{{Message: message}}))
}

func unleashAuthenticationRequired(w http.ResponseWriter) {
	const msg = "You must log in to use Unleash. Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login"
	b := unleashErrorBody(true, "AuthenticationRequired", msg, []unleashDetail{{Message: msg}})
	b = append(b[:len(b)-1], `,"path":"/auth/simple/login","type":"password","defaultHidden":false}`...)
	unleashWrite(w, http.StatusUnauthorized, b)
}

func unleashWrongTokenType(w http.ResponseWriter) {
	unleashWrite(w, http.StatusForbidden, []byte(`{"message":"invalid token: expected a different token type for this endpoint"}`))
}

func unleashNotFound(w http.ResponseWriter, r *http.Request) {
	unleashError(w, http.StatusNotFound, true, "NotFoundError", "The path you were looking for ("+r.URL.Path+") is not available.")
}

// unleashReadBody parses a JSON body the way the server's body parser does,
// before authentication: malformed JSON is a 400 with an HTML page. Bodies
// of other types are left for the route to refuse (415).
func unleashReadBody(w http.ResponseWriter, r *http.Request) (any, bool) {
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil, true
	}
	if !unleashIsJSON(r) {
		return nil, true
	}
	const limit = 100 << 10 // the body parser's default
	raw, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		unleashHTMLError(w, http.StatusBadRequest, "BadRequestError: request aborted")
		return nil, false
	}
	if len(raw) > limit {
		unleashHTMLError(w, http.StatusRequestEntityTooLarge, "PayloadTooLargeError: request entity too large")
		return nil, false
	}
	if len(strings.TrimSpace(string(raw))) == 0 {
		return map[string]any{}, true
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		unleashHTMLError(w, http.StatusBadRequest, "SyntaxError: "+unleashSyntaxMessage(raw))
		return nil, false
	}
	return v, true
}

func unleashIsJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

func unleashSyntaxMessage(raw []byte) string {
	s := string(raw)
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return "Unexpected token in JSON, \"" + s + "\" is not valid JSON"
}

// unleashHTMLError is the error page of the server's HTTP framework, which
// is what a client gets when the body cannot be parsed.
func unleashHTMLError(w http.ResponseWriter, status int, message string) {
	m := html.EscapeString(message)
	page := "<html>\n  <head>\n    <meta charset='utf-8'> \n    <title>" + m + "</title>\n  </head>\n  <body>\n" +
		"    <div id=\"wrapper\">\n      <h1>Connect</h1>\n      <h2><em>" + strconv.Itoa(status) + "</em> " + m + "</h2>\n    </div>\n  </body>\n</html>\n"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, page)
}

// unleashAppendListed appends a token as the list endpoint shows it: every
// key present, null for no expiry or never seen.
func unleashAppendListed(b []byte, t *unleashToken) []byte {
	b = append(b, `{"secret":`...)
	b = jsonappend.String(b, t.secret)
	b = append(b, `,"tokenName":`...)
	b = jsonappend.String(b, t.name)
	b = append(b, `,"type":`...)
	b = jsonappend.String(b, t.typ)
	b = append(b, `,"project":`...)
	b = jsonappend.String(b, strings.Join(t.projects, ","))
	b = append(b, `,"projects":`...)
	b = jsonappend.Strings(b, t.projects)
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, t.environment)
	b = append(b, `,"expiresAt":`...)
	b = unleashAppendTime(b, t.expiresAt)
	b = append(b, `,"createdAt":`...)
	b = unleashAppendTime(b, t.createdAt)
	b = append(b, `,"alias":null,"seenAt":`...)
	b = unleashAppendTime(b, t.seenAt)
	return append(b, `,"secure":false}`...)
}

// unleashAppendCreated appends a token as create answers it: the type as
// asked for ("backend" stays backend here) and no expiresAt or seenAt key
// when unset.
func unleashAppendCreated(b []byte, t *unleashToken, askedType string) []byte {
	b = append(b, `{"tokenName":`...)
	b = jsonappend.String(b, t.name)
	b = append(b, `,"environment":`...)
	b = jsonappend.String(b, t.environment)
	b = append(b, `,"projects":`...)
	b = jsonappend.Strings(b, t.projects)
	if !t.expiresAt.IsZero() {
		b = append(b, `,"expiresAt":`...)
		b = unleashAppendTime(b, t.expiresAt)
	}
	b = append(b, `,"secret":`...)
	b = jsonappend.String(b, t.secret)
	b = append(b, `,"type":`...)
	b = jsonappend.String(b, askedType)
	b = append(b, `,"alias":null,"project":`...)
	b = jsonappend.String(b, strings.Join(t.projects, ","))
	b = append(b, `,"createdAt":`...)
	b = unleashAppendTime(b, t.createdAt)
	return append(b, `,"secure":false}`...)
}

func unleashAppendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, unleashTimeLayout)
	return append(b, '"')
}

// unleashStringify renders a request value the way the server quotes it
// back in "You sent …".
func unleashStringify(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "[value too large or deeply nested to display]"
	}
	return string(b)
}
