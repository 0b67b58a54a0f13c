package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// createFlags is what create was given.
type createFlags struct {
	name        string
	scopes      stringList
	role, typ   string
	projects    stringList
	environment string
	expires     string
	ips         stringList
	owner       string
	asJSON      bool
	copy        bool
	clearAfter  string
}

func createCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var f createFlags
	cmd := inv.command(spec{
		name:    "create",
		usage:   "tokentui create --name NAME [permission flags] [--expires 30d|never|2027-01-31] [--json] [--copy]",
		summary: "create a token and print its secret once",
		about: `Create a token and print its secret, once, on stdout: only the secret and a
newline, or with --json an object holding it. The API never shows it again.
Warnings (no expiry, no IP restriction, a token that can create tokens, an
admin token) go to stderr. Run 'tokentui scopes' to see what can be granted.
If the answer is lost after the request was sent (a reset, a timeout, a 5xx,
a cut or odd answer), the token may exist: tokentui says so, never retries,
looks for it in the list, prints on stdout any string of the answer that may
be its secret, and exits 4. ctrl+c waits for the answer instead of losing it.`,
		args: noArgs("give the name with --name"),
		run:  func(ctx context.Context, _ []string) error { return inv.create(ctx, f) },
	})
	fs := cmd.Flags()
	fs.StringVar(&f.name, "name", "", "the token's `NAME`")
	fs.Var(&f.scopes, "scope", forProviders(canScopes)+"grant `SCOPE` (repeatable, or comma-separated)")
	fs.StringVar(&f.role, "role", "", forProviders(hasRoleWord("role"))+"the `ROLE` ('tokentui scopes' lists them)")
	fs.StringVar(&f.typ, "type", "", forProviders(hasRoleWord("type"))+"the token `TYPE` ('tokentui scopes' lists them)")
	fs.Var(&f.projects, "project", forProviders(canProjects)+"a `PROJECT` id, or * for all (repeatable)")
	fs.StringVar(&f.environment, "environment", "", forProviders(canEnvironment)+"the `ENVIRONMENT`")
	fs.StringVar(&f.expires, "expires", "", "`WHEN` the token expires: a duration (30d, 12h, 2w), a date (2027-01-31:\nvalid through that day, local time, as in the dashboard; 2027-01-31 14:30:\nthat minute), an RFC 3339 time, or never. stderr says when it expires.\nDefault: 30d, as in the create form (least privilege: never is opt-in)")
	fs.Var(&f.ips, "ip", forProviders(canAllowedIPs)+"allow only this address or `CIDR` (repeatable)")
	fs.StringVar(&f.owner, "owner", "", forProviders(canOwner)+"create the token for this `OWNER` (a service account or connector, as\n'tokentui scopes' lists it); it acts with the owner's role, so no --role")
	fs.BoolVar(&f.asJSON, "json", false, "print {\"secret\", \"token\", \"warning\", …} as JSON instead of the bare secret")
	fs.BoolVar(&f.copy, "copy", false, "also copy the secret to the clipboard (stderr says whether it worked, and when it is cleared)")
	fs.StringVar(&f.clearAfter, "clear-after", "", "with --copy: clear the clipboard after `DURATION` if it still holds the secret\n(45s, 2m; 0 = never; default $TOKENTUI_CLEAR_AFTER or 45s)")
	inv.addProfileFlags(cmd)
	inv.addCatalogCompletions(cmd)
	must(cmd.RegisterFlagCompletionFunc("name", cobra.NoFileCompletions))
	must(cmd.RegisterFlagCompletionFunc("ip", cobra.NoFileCompletions))
	must(cmd.RegisterFlagCompletionFunc("expires", completeExpiry))
	return cmd
}

func (inv *invocation) create(ctx context.Context, f createFlags) error {
	if f.role != "" && f.typ != "" && !strings.EqualFold(f.role, f.typ) {
		return usagef("--role and --type both set the token's role; give one")
	}
	now := inv.io.Now()
	req, said, err := f.request(now)
	if err != nil {
		return err
	}
	if f.copy {
		if _, err := inv.clearAfter(f.clearAfter); err != nil {
			return err
		}
	}
	s, err := inv.connect(ctx, readCatalog)
	if err != nil {
		return err
	}
	if req.Owner, err = resolveOwner(req.Owner, s.catalog, s.prov.DisplayName()); err != nil {
		return err
	}
	if err := checkAgainstCatalog(req, s.catalog, s.prov.DisplayName()); err != nil {
		return err
	}
	var created client.Created
	err, _ = inv.waitOut(ctx, "the create", func(c context.Context) error {
		var err error
		created, err = s.prov.Create(c, req)
		return err
	})
	inv.record(s, createRecord(req, created, err, inv.io.Now()))
	if u, lost := client.AsUnknownOutcome(err); lost {
		return inv.reportLostCreate(ctx, s, req, u, f.asJSON, now)
	}
	if err != nil {
		return flagNames(err)
	}
	return inv.reportCreated(s, f, req, created, now, said)
}

// createRecord is the history's record of a create: the token made, or
// what was asked for when none arrived.
func createRecord(req client.NewToken, created client.Created, err error, at time.Time) history.Record {
	if err == nil {
		return history.Of(history.ActionCreate, created.Token, at)
	}
	return history.OfRequest(history.ActionCreate, req, at).Finish(err)
}

// defaultExpiry is the lifetime of a token created without --expires: the
// create form's default, so a script does not mint immortal tokens by omission.
const defaultExpiry = "30d"

// request turns the flags into what is sent, refusing an expiry or an IP
// entry that cannot be read. Whether the provider takes the rest is for
// checkAgainstCatalog to say, once connected.
func (f createFlags) request(now time.Time) (client.NewToken, string, error) {
	req := client.NewToken{
		Name:        strings.TrimSpace(f.name),
		Scopes:      f.scopes,
		Role:        strings.TrimSpace(cmp.Or(f.role, f.typ)),
		Projects:    f.projects,
		Environment: strings.TrimSpace(f.environment),
		AllowedIPs:  f.ips,
		Owner:       strings.TrimSpace(f.owner),
	}
	var err error
	var said string
	if req.ExpiresAt, said, err = parseExpiry(cmp.Or(f.expires, defaultExpiry), now); err != nil {
		return req, "", usagef("%s", err)
	}
	for _, ip := range f.ips {
		if !validIPEntry(ip) {
			return req, "", usagef("--ip %q is not an address or CIDR range such as 203.0.113.7 or 10.0.0.0/8", ip)
		}
	}
	return req, said, nil
}

// reportCreated prints the secret (the only thing on stdout), says on
// stderr what was created and what deserves a second look, and copies the
// secret when --copy asks for it.
func (inv *invocation) reportCreated(s *session, f createFlags, req client.NewToken, created client.Created, now time.Time, said string) error {
	if err := inv.writeSecret(s, created, f.asJSON, now); err != nil {
		return err
	}
	inv.info(fmt.Sprintf("created token %q (id %s) on %s; its secret is shown only this once", client.Sanitize(created.Token.Name), created.Token.ID, s.prof.Name))
	if said != "" {
		inv.info(said + " (" + relative(req.ExpiresAt, now) + ")")
	}
	if created.Warning != "" {
		inv.warn(created.Warning)
	}
	// What the server granted is what counts: say where it differs from
	// what was asked, or that it could not be confirmed.
	for _, d := range created.GrantDiffs {
		inv.warn("the server did not grant what was asked: " + d)
	}
	if created.GrantsUnconfirmed != "" {
		inv.warn("grants unconfirmed: " + created.GrantsUnconfirmed)
	}
	for _, w := range createWarnings(created.Token, req, s.catalog) {
		inv.warn(w)
	}
	if f.copy {
		inv.copySecret(created.Secret, f.clearAfter)
	}
	return nil
}

// writeSecret prints the new secret on stdout: bare with a newline, or in
// create --json's object.
func (inv *invocation) writeSecret(s *session, created client.Created, asJSON bool, now time.Time) error {
	if asJSON {
		return inv.writeJSON(createdJSON{Secret: created.Secret, Token: s.object(&created.Token, now), Warning: created.Warning,
			GrantDifferences: tokenout.OrEmpty(created.GrantDiffs), GrantsUnconfirmed: created.GrantsUnconfirmed})
	}
	_, err := fmt.Fprintln(inv.io.Out, created.Secret)
	return err
}

// copySecret copies the secret for --copy and says on stderr how that went
// (the result never holds the secret), and hands its clear to a process
// that outlives this command: it empties the clipboard at the time said,
// if the clipboard still holds the secret.
func (inv *invocation) copySecret(secret, clearAfterFlag string) {
	cb := inv.io.Clipboard
	if cb == nil {
		cb = clipboard.Default()
	}
	res := cb.Copy(secret)
	inv.info(res.String())
	after, _ := inv.clearAfter(clearAfterFlag) // checked before the create
	switch {
	case !res.MayHold():
		return
	case after < 0:
		inv.info("the clipboard is not cleared (--clear-after 0): clear it yourself after pasting")
		return
	}
	at := inv.io.Now().Add(after)
	switch err := cb.ClearLater(secret, at); {
	case err == nil:
		inv.info("the clipboard is cleared at " + at.Format("15:04:05") + " if it still holds the secret (--clear-after)")
	case errors.Is(err, clipboard.ErrCannotClear):
		inv.info("OSC 52 cannot be read back, so the clipboard cannot be cleared automatically: clear it yourself after pasting")
	default:
		inv.warn("could not arrange the clipboard's clear (" + err.Error() + "): clear it yourself after pasting")
	}
}

// clearAfter is how long a copied secret may stay on the clipboard: the
// flag, else $TOKENTUI_CLEAR_AFTER, else the dashboard's 45 s; negative
// means never.
func (inv *invocation) clearAfter(flag string) (time.Duration, error) {
	raw := flag
	if raw == "" {
		raw = inv.io.Env("TOKENTUI_CLEAR_AFTER")
	}
	d, err := ParseClearAfter(raw)
	if err != nil {
		return 0, usagef("%s", err)
	}
	if d == 0 {
		d = defaultClearAfter
	}
	return d, nil
}

// defaultClearAfter is the dashboard's (reveal.DefaultClearAfter), which
// this package may not import: it links Bubble Tea.
const defaultClearAfter = 45 * time.Second

// createdJSON is create --json's output, the only JSON that holds a secret.
type createdJSON struct {
	Secret            string    `json:"secret"`
	Token             jsonToken `json:"token"`
	Warning           string    `json:"warning"`
	GrantDifferences  []string  `json:"grant_differences"`
	GrantsUnconfirmed string    `json:"grants_unconfirmed"`
}

// createWarnings are the risks of the created token worth a second look.
func createWarnings(t client.Token, req client.NewToken, cat client.Catalog) []string {
	var out []string
	if req.ExpiresAt.IsZero() {
		out = append(out, "the token never expires; consider --expires 90d")
	}
	if cat.AllowedIPs && len(req.AllowedIPs) == 0 {
		out = append(out, "any IP address may use the token; consider --ip")
	}
	if slices.Contains(req.Scopes, "token.create") {
		out = append(out, "the token has scope token.create: it can create further tokens")
	}
	if strings.EqualFold(cmp.Or(t.Role, req.Role), "admin") {
		out = append(out, "the token is an admin token: it has every privilege, including creating tokens")
	}
	return out
}

// flagNames rewrites the field names of a validation error to the flags
// that set them, so the message points at the command line.
func flagNames(err error) error {
	v, ok := err.(*client.ValidationError)
	if !ok || len(v.Fields) == 0 {
		return err
	}
	names := map[string]string{
		client.FieldName: "--name", client.FieldScopes: "--scope", client.FieldRole: "--role/--type",
		client.FieldProjects: "--project", client.FieldEnvironment: "--environment",
		client.FieldExpiresAt: "--expires", client.FieldAllowedIPs: "--ip", client.FieldOwner: "--owner",
	}
	out := &client.ValidationError{Message: v.Message}
	for field, msgs := range v.Fields {
		name := field
		if flag, ok := names[field]; ok {
			name = flag
		}
		for _, m := range msgs {
			out.Add(name, m)
		}
	}
	return out
}

func validIPEntry(s string) bool {
	if _, err := netip.ParsePrefix(s); err == nil {
		return true
	}
	_, err := netip.ParseAddr(s)
	return err == nil
}
