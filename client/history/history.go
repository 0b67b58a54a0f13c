// Package history is what tokentui did: an append-only JSON-lines file of
// every create, rotate, revoke and expiry change, by the dashboard and the
// command line alike, with the time, profile, provider, token id and name,
// grants and expiry. It never holds a secret or an admin token: a record
// has no field for one, and every string is scrubbed of the secrets the
// process knows (client.Scrub) before it is written.
//
// History serves the person, never the token work: a file that cannot be
// written or read is a warning, and a line that cannot be read is skipped
// with one. The file is private (0600, in a 0700 directory) and never grows
// without bound: past MaxSize it is renamed to history.1.jsonl (replacing
// the one before) and a new one is started.
package history

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Actions, as records spell them.
const (
	ActionCreate = "create"
	ActionRotate = "rotate" // a create that replaces Replaces
	ActionRevoke = "revoke"
	ActionExpiry = "expiry"
)

// Outcomes, as records spell them.
const (
	OutcomeOK = "ok"
	// OutcomeUnknown: the answer was lost after the request was sent; the
	// action may have been carried out.
	OutcomeUnknown = "unknown"
	OutcomeFailed  = "failed"
)

// Where an action was taken.
const (
	ViaDashboard = "dashboard"
	ViaCLI       = "cli"
)

// Record is one action on one token.
type Record struct {
	Time     time.Time `json:"time"`
	Action   string    `json:"action"`
	Outcome  string    `json:"outcome"`
	Via      string    `json:"via"`
	Profile  string    `json:"profile"`
	Provider string    `json:"provider"`
	TokenID  string    `json:"token_id"`
	Name     string    `json:"name"`
	// The grants: whatever of these the provider has.
	Scopes      []string `json:"scopes"`
	Role        string   `json:"role"`
	Projects    []string `json:"projects"`
	Environment string   `json:"environment"`
	AllowedIPs  []string `json:"allowed_ips"`
	Owner       string   `json:"owner"`
	// ExpiresAt is RFC 3339, "never", or "" when unknown (an invalid date).
	// For an expiry change it is the new expiry, PreviousExpiresAt the old.
	ExpiresAt         string `json:"expires_at"`
	PreviousExpiresAt string `json:"previous_expires_at,omitempty"`
	// Replaces is the id of the token a rotate replaces.
	Replaces string `json:"replaces,omitempty"`
	// Error says why it failed or what was lost, scrubbed.
	Error string `json:"error,omitempty"`
}

// Of is a record of action on t, as far as t tells: its id, name, grants
// and expiry, never its secret.
func Of(action string, t client.Token, at time.Time) Record {
	return Record{
		Time: at.UTC(), Action: action, Outcome: OutcomeOK,
		Profile: t.Profile, TokenID: t.ID, Name: t.Name,
		Scopes: t.Scopes, Role: t.Role, Projects: t.Projects, Environment: t.Environment,
		AllowedIPs: t.AllowedIPs, Owner: t.Owner, ExpiresAt: Expiry(t.ExpiresAt, t.ExpiryInvalid()),
	}
}

// OfRequest is a record of a create asked for with req: what was asked,
// since the token itself may not have arrived.
func OfRequest(action string, req client.NewToken, at time.Time) Record {
	return Record{
		Time: at.UTC(), Action: action, Outcome: OutcomeOK, Name: req.Name,
		Scopes: req.Scopes, Role: req.Role, Projects: req.Projects, Environment: req.Environment,
		AllowedIPs: req.AllowedIPs, Owner: req.Owner, ExpiresAt: Expiry(req.ExpiresAt, false),
	}
}

// Expiry spells an expiry for a record: RFC 3339, "never", or "" when the
// date is not valid.
func Expiry(at time.Time, invalid bool) string {
	switch {
	case invalid || !at.IsZero() && !client.ValidTime(at):
		return ""
	case at.IsZero():
		return "never"
	}
	return at.UTC().Format(time.RFC3339)
}

// Finish sets the outcome from err: ok, unknown (the answer was lost) or
// failed, with the reason scrubbed.
func (r Record) Finish(err error) Record {
	switch _, lost := client.AsUnknownOutcome(err); {
	case err == nil:
		r.Outcome = OutcomeOK
	case lost:
		r.Outcome, r.Error = OutcomeUnknown, err.Error()
	default:
		r.Outcome, r.Error = OutcomeFailed, err.Error()
	}
	return r
}

// Log is where records go.
type Log interface {
	// Append adds records at the end; an error means they were not all
	// written (a warning for the person, never a reason to stop).
	Append(recs ...Record) error
	// Read returns every record kept, oldest first, and a warning for each
	// line that could not be read (skipped).
	Read() (recs []Record, warnings []string, err error)
	// Where says where the records are, for people.
	Where() string
}

// DefaultPath is the history file: $XDG_STATE_HOME/tokentui/history.jsonl,
// by default ~/.local/state/tokentui/history.jsonl. getenv nil means the
// process environment.
func DefaultPath(getenv func(string) string, home func() (string, error)) (string, error) {
	if dir := getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "tokentui", "history.jsonl"), nil
	}
	h := getenv("HOME")
	if h == "" {
		var err error
		if h, err = home(); err != nil || h == "" {
			return "", errors.New("no home directory for the history file: set XDG_STATE_HOME or HOME")
		}
	}
	return filepath.Join(h, ".local", "state", "tokentui", "history.jsonl"), nil
}

// Summary is the record's grants, expiry and error in one line, for the
// history command's table and the dashboard's history pane.
func (r Record) Summary() string {
	var parts []string
	if r.Replaces != "" {
		parts = append(parts, "replaces "+r.Replaces)
	}
	if r.Role != "" {
		parts = append(parts, r.Role)
	}
	if n := len(r.Scopes); n > 0 {
		if n <= 2 {
			parts = append(parts, strings.Join(r.Scopes, ", "))
		} else {
			parts = append(parts, r.Scopes[0]+" +"+strconv.Itoa(n-1)+" scopes")
		}
	}
	if len(r.Projects) > 0 {
		parts = append(parts, "projects "+strings.Join(r.Projects, ","))
	}
	if r.Environment != "" {
		parts = append(parts, "env "+r.Environment)
	}
	if r.Owner != "" {
		parts = append(parts, "owner "+r.Owner)
	}
	if len(r.AllowedIPs) > 0 {
		parts = append(parts, "IPs "+strings.Join(r.AllowedIPs, ","))
	}
	parts = append(parts, expiryWords(r))
	if r.Error != "" {
		parts = append(parts, r.Error)
	}
	return client.Sanitize(strings.Join(parts, " · "))
}

// expiryWords is the record's expiry: "expires 2027-01-31", "never
// expires", "expiry 2027-01-01 → 2027-02-01".
func expiryWords(r Record) string {
	day := func(s string) string {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.Format("2006-01-02 15:04")
		}
		if s == "" {
			return "unknown"
		}
		return s
	}
	switch {
	case r.Action == ActionExpiry:
		return "expiry " + day(r.PreviousExpiresAt) + " → " + day(r.ExpiresAt)
	case r.ExpiresAt == "never":
		return "never expires"
	}
	return fmt.Sprintf("expires %s", day(r.ExpiresAt))
}
