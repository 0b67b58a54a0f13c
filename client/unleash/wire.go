package unleash

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

// apiToken is one token as the admin API spells it (list and create).
// Pointers tell an absent or null field from a zero one.
type apiToken struct {
	Secret      string   `json:"secret"`
	TokenName   string   `json:"tokenName"`
	Type        string   `json:"type"`
	Project     string   `json:"project"`
	Projects    []string `json:"projects"`
	Environment string   `json:"environment"`
	ExpiresAt   jsonDate `json:"expiresAt"`
	CreatedAt   jsonDate `json:"createdAt"`
	SeenAt      jsonDate `json:"seenAt"`
	// Secure is true for a token in Unleash's secure storage (8.2+ with
	// UNLEASH_EXPERIMENTAL_SECURE_TOKEN): its listed "secret" is then the
	// selector, an id, and the secret itself exists only in the create
	// answer. Absent (older servers) is false.
	Secure bool `json:"secure"`
}

// jsonDate is a date of the admin API: an ISO 8601 string (JavaScript's
// toISOString), null, or absent. It never fails the decode: a value that is
// no RFC 3339 time (a number, "yesterday", "0001-01-01") is read as a
// client.WireDate that is not Readable, which the token shows as an invalid
// date rather than losing the whole list to it.
type jsonDate struct{ client.WireDate }

func (d *jsonDate) UnmarshalJSON(data []byte) error {
	d.WireDate = client.WireDate{}
	if string(data) == "null" || string(data) == `""` {
		return nil
	}
	d.Present = true
	var t time.Time
	if t.UnmarshalJSON(data) == nil { // strict RFC 3339, no allocation
		d.Time, d.Readable = t, true
	}
	return nil
}

// createBody is the create request. The singular "project" is never sent:
// the server ignores it when "projects" is present.
type createBody struct {
	TokenName   string   `json:"tokenName"`
	Type        string   `json:"type"`
	Environment string   `json:"environment"`
	Projects    []string `json:"projects"`
	ExpiresAt   string   `json:"expiresAt,omitempty"`
}

type expiryBody struct {
	ExpiresAt string `json:"expiresAt"`
}

// wireTime is how the server writes times (JavaScript's toISOString), so a
// value sent can be compared with the value read back.
func wireTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// decodeTokenList turns a buffered list answer into tokens.
func decodeTokenList(resp rest.Response) ([]client.Token, error) {
	list, found, err := rest.DecodeList(resp, "tokens", convertToken)
	if err != nil {
		return nil, err
	}
	return tokenListOf(list, found, resp.Status)
}

// tokenListOf: a missing or null "tokens" is a wrong shape, not an empty
// list.
func tokenListOf(list []client.Token, found bool, status int) ([]client.Token, error) {
	if !found || list == nil {
		return nil, &client.ServerError{Status: status, Message: `the answer has no "tokens" list (is this an Unleash server?)`}
	}
	return list, nil
}

// convertToken converts a list entry into its place in the list (zero on
// entry: rest.GetList).
func convertToken(a *apiToken, t *client.Token) error {
	a.fill(t)
	return nil
}

// token converts to the provider-neutral model (fill).
func (a *apiToken) token() (t client.Token) {
	a.fill(&t)
	return t
}

// fill converts into t (zero on entry), sanitising every string. A secure
// token is known by its selector (see identify); only a plain one carries
// its secret.
func (a *apiToken) fill(t *client.Token) {
	t.Name, t.Role, t.Environment = client.Sanitize(a.TokenName), client.Sanitize(a.Type), client.Sanitize(a.Environment)
	t.Projects = projectsOf(a.Projects, a.Project)
	t.Reported = Descriptor.Can.Reports
	t.SetDate(client.DateExpires, a.ExpiresAt.WireDate)
	t.SetDate(client.DateCreated, a.CreatedAt.WireDate)
	t.SetDate(client.DateLastUsed, a.SeenAt.WireDate)
	value := client.Sanitize(a.Secret)
	if !IsSelector(value) { // a selector is an id; anything else is (or holds) a secret
		client.RememberListedSecret(value) // an error that echoes it masks it
	}
	identify(t, value, a.Secure)
	client.ScrubToken(t)
}

// secureNote is why a secure token's secret cannot be copied.
const secureNote = "Unleash keeps only a hash of it (secure storage), shown once at creation"

// identify gives t the one identifier every later call addresses it by
// (rules of shared/specs/unleash-secure-tokens.md, section 5): a secure
// (v2) token is its selector, listed in place of the secret or taken from
// a full v2 secret, so it keeps one ID from create to list; a plain (v1)
// token is its secret, and its ID a fingerprint of that secret.
func identify(t *client.Token, value string, secure bool) {
	if info, ok := ParseSecret(value); ok && info.Version == 2 {
		t.ID, t.SecretNote = info.Selector, secureNote
		return
	}
	if secure && IsSelector(value) {
		t.ID, t.SecretNote = value, secureNote
		return
	}
	// Anything else is handled as a secret, masked wherever it is shown,
	// even if "secure" claims otherwise: an unexpected value must never
	// end up on screen as an ID.
	t.ID, t.Secret = client.Fingerprint(value), value
}

// projectsOf prefers "projects"; older servers and some tokens only carry
// "project", which for several projects is their ids joined by commas.
func projectsOf(projects []string, project string) []string {
	if len(projects) > 0 {
		out := make([]string, len(projects))
		for i, p := range projects {
			out[i] = client.Sanitize(p)
		}
		return out
	}
	if project == "" {
		return nil
	}
	return client.SanitizeAll(strings.Split(project, ","))
}

// decodeCreated reads a create answer without ever losing the secret: the
// secret is read first, on its own, so a surprise in any other field only
// costs the details, which the list will show anyway. An answer without a
// readable secret is an accepted unknown outcome, with whatever in it may
// be the secret.
func decodeCreated(resp rest.Response, sent createBody) (client.Created, error) {
	var fields map[string]json.RawMessage
	if err := rest.Decode(resp, &fields); err != nil {
		return client.Created{}, rest.AcceptedWithoutSecret(resp, err, sent.TokenName)
	}
	var secret string
	if raw, ok := fields["secret"]; ok {
		_ = json.Unmarshal(raw, &secret)
	}
	if secret == "" {
		return client.Created{}, rest.AcceptedWithoutSecret(resp, errors.New(`the answer holds no "secret"`), sent.TokenName)
	}
	// Sanitised like everything else: the secret is shown on screen, and it
	// must equal the Token.Secret the list will report.
	secret = client.Sanitize(secret)
	client.RememberSecret(secret)
	created := client.Created{Secret: secret, Retrievable: listsSecret(fields, secret)}
	var tok apiToken
	if err := json.Unmarshal(resp.Body, &tok); err != nil {
		// Fall back to what was asked for; the secret is what matters.
		tok = apiToken{Secret: secret, TokenName: sent.TokenName, Type: sent.Type, Environment: sent.Environment, Projects: sent.Projects}
		created.Warning = "the token was created, but Unleash's answer could not be read in full; refresh the list for its details"
	}
	created.Token = tok.token()
	created.Token.ID, created.Token.Secret, created.Token.SecretNote = "", "", ""
	identify(&created.Token, secret, false)
	return created, nil
}

// listsSecret reports whether the list will hold this secret again. A
// token stored securely (Unleash's secure token storage: "secure": true, a
// v2 secret) is listed by its selector only, so its secret is shown once.
func listsSecret(fields map[string]json.RawMessage, secret string) bool {
	var secure bool
	if raw, ok := fields["secure"]; ok {
		_ = json.Unmarshal(raw, &secure)
	}
	info, _ := ParseSecret(secret)
	return !secure && info.Version != 2
}
