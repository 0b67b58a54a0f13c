package tui

import (
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/inspect"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// detailModel shows every field of one token: the table's selected one,
// handed over by the root after every update. It scrolls when the token has
// more to say than the pane has lines, and starts at the top again whenever
// it is handed a different token.
type detailModel struct {
	tok    *client.Token // nil: nothing selected
	scroll int
	keys   detailKeys
}

func newDetailModel() detailModel { return detailModel{keys: newDetailKeys()} }

// keyMap is the pane's keys, for the help view.
func (d *detailModel) keyMap() detailKeys { return d.keys }

// show makes tok the token on display, and reports whether it was not
// already; a different token (by ID) starts at the top.
func (d *detailModel) show(tok *client.Token) bool {
	if tok == d.tok {
		return false
	}
	if tokenID(d.tok) != tokenID(tok) {
		d.scroll = 0
	}
	d.tok = tok
	return true
}

// lines renders the token on display for a pane width cells wide; where
// names its profile in the all-profiles table ("" otherwise).
func (d *detailModel) lines(cat *tokenfmt.Catalog, where string, now time.Time, width int) []string {
	return detailLines(d.tok, cat, where, now, width)
}

func tokenID(t *client.Token) string {
	if t == nil {
		return ""
	}
	return t.ID
}

// update scrolls; total and height are the content's and the pane's line
// counts, so the offset never runs past the end.
func (d detailModel) update(msg tea.KeyMsg, total, height int) (detailModel, bool) {
	scroll, ok := d.keys.Move(msg, d.scroll, height, total)
	if !ok {
		return d, false
	}
	d.scroll = max(min(scroll, total-height), 0)
	return d, true
}

// detailNeed is how many lines the detail pane needs to show a token of
// this list in full, width cells wide, counted from the fields the tokens
// have rather than drawn: the layout asks on every resize.
func detailNeed(f table.Fields, cat *tokenfmt.Catalog, width int) int {
	left := 1 + 1 + 3 // name; ID; created, expires, last used
	for _, has := range []bool{f.Role, f.Projects, f.Environment, f.CreatedBy, f.AllowedIPs || cat.CanRestrictIPs()} {
		if has {
			left++
		}
	}
	if f.Secret {
		left += 2 // the masked secret and what its format says
	}
	if !f.Scopes && !cat.HasScopes() {
		return left
	}
	groups := 4 // no catalog yet: a typical token's
	if cat.HasScopes() {
		groups = len(cat.Source().ScopeGroups)
	}
	if width >= twoColumnMin {
		return max(left, 1+groups) // scopes beside the fields
	}
	return left + 2 + groups
}

// labelWidth is the width of the field-name column.
const labelWidth = 12

// twoColumnMin is the width from which scopes go to the right of the fields.
const twoColumnMin = 90

// addField appends one labelled field to the detail lines.
type addField func(label, value string, style lipgloss.Style)

// detailLines renders the token into lines of at most width cells: its
// fields, then its scopes, beside the fields from twoColumnMin on.
func detailLines(tok *client.Token, cat *tokenfmt.Catalog, where string, now time.Time, width int) []string {
	if tok == nil {
		return []string{theme.EmptyState.Render("no token selected")}
	}
	left := width
	twoCols := width >= twoColumnMin && len(tok.Scopes) > 0
	if twoCols {
		left = min(width/2, 60)
	}
	lines := wrapStyled(theme.PaneTitle, tokenfmt.Name(tok.Name), left)
	field := func(label, value string, style lipgloss.Style) {
		lines = append(lines, fieldLines(label, value, style, left)...)
	}
	if where != "" {
		field("Profile", where, theme.FieldValue)
	}
	identityFields(field, tok, cat, now)
	lifetimeFields(field, tok, now)
	addressFields(field, tok, cat)
	switch {
	case len(tok.Scopes) == 0:
		if tok.Role == "" && len(tok.Projects) == 0 {
			field("Scopes", "none", theme.Muted)
		}
		return lines
	case twoCols:
		return joinColumns(lines, scopeLines(tok.Scopes, cat, width-left-2), left, 2)
	}
	return append(append(lines, ""), scopeLines(tok.Scopes, cat, width)...)
}

// identityFields are what the token is and what it may reach: ID, role,
// owner, projects, environment, and its secret as far as it may be shown.
func identityFields(field addField, tok *client.Token, cat *tokenfmt.Catalog, now time.Time) {
	field("ID", tok.ID, theme.FieldValue)
	if tok.Self {
		field("In use", "by tokentui "+tokenfmt.SelfTag+": the admin token of this profile; revoking it ends tokentui's access", theme.Cell(theme.ToneWarn, false))
	}
	if tok.Role != "" {
		field(cat.RoleLabel(), tok.Role, theme.FieldValue)
	}
	if tok.Owner != "" {
		field(cat.OwnerLabel(), tok.Owner, theme.FieldValue)
	}
	if len(tok.Projects) > 0 {
		field("Projects", projectsText(tok.Projects), theme.FieldValue)
	}
	if tok.Environment != "" {
		field("Environment", tok.Environment, theme.FieldValue)
	}
	switch {
	case tok.Secret != "":
		field("Secret", client.MaskSecret(tok.Secret), theme.Secret)
		// What the secret says about itself, read offline by the one
		// recogniser (client/inspect); it never repeats the secret.
		if format := inspect.RecogniseAt(tok.Secret, now).Format; format != "" {
			field("Format", format, theme.FieldValue)
		}
	case tok.SecretNote != "": // the list holds none: say why
		field("Secret", "not retrievable: "+tok.SecretNote, theme.Muted)
	}
}

// lifetimeFields are when and by whom the token was made, when it was
// last used and when it stops working.
func lifetimeFields(field addField, tok *client.Token, now time.Time) {
	field("Created", pastDate(tok, client.DateCreated, tok.CreatedAt, now), theme.FieldValue)
	exp, tone := tokenfmt.RelativeExpiry(*tok, now) // "never" or "invalid date" when there is no time
	field("Expires", absRel(tok.ExpiresAt, exp), theme.Cell(tone.ThemeTone(), false))
	if used, reported := tokenfmt.LastUsed(*tok, now); reported || tok.InvalidDates.Has(client.DateLastUsed) {
		field("Last used", pastDate(tok, client.DateLastUsed, tok.LastUsedAt, now), theme.FieldValue)
	} else {
		field("Last used", used+" by this API", theme.Muted)
	}
	switch by, known := tokenfmt.CreatedBy(*tok); {
	case known:
		field("Created by", by, theme.FieldValue)
	case tok.CreatorReported():
		field("Created by", by, theme.Muted)
	default:
		field("Created by", by+" by this API", theme.Muted)
	}
}

// addressFields are the addresses the token works from, one a line.
func addressFields(field addField, tok *client.Token, cat *tokenfmt.Catalog) {
	if len(tok.AllowedIPs) == 0 {
		// "any address" only where an address list was possible: on
		// Border0 or Unleash it would hint at a restriction that does not
		// exist.
		if cat.CanRestrictIPs() {
			field("Allowed IPs", "any address", theme.Muted)
		}
		return
	}
	for i, ip := range tok.AllowedIPs {
		label := ""
		if i == 0 {
			label = "Allowed IPs"
		}
		field(label, ip, theme.FieldValue)
	}
}

// pastDate is one of a token's past dates: "2025-03-01 10:00 UTC · 3d ago",
// "never", or "invalid date" when the server sent one that is not valid.
func pastDate(tok *client.Token, field client.DateFields, t, now time.Time) string {
	if tok.InvalidDates.Has(field) {
		return client.InvalidDate
	}
	return absRel(t, tokenfmt.RelativePast(t, now))
}

// absRel is "2025-03-01 10:00 UTC · in 3d"; a zero time is the relative
// text alone ("never").
func absRel(t time.Time, rel string) string {
	if t.IsZero() {
		return rel
	}
	return t.Format(tokenfmt.DateTimeLayout) + " · " + rel
}

func projectsText(ps []string) string {
	if len(ps) == 1 && ps[0] == "*" {
		return "all projects (*)"
	}
	return strings.Join(ps, ", ")
}

// fieldLines is a label column and a value wrapped to the rest of width.
func fieldLines(label, value string, style lipgloss.Style, width int) []string {
	valueWidth := max(width-labelWidth, 8)
	wrapped := strings.Split(ansi.Wrap(value, valueWidth, " ,"), "\n")
	out := make([]string, len(wrapped))
	for i, w := range wrapped {
		l := ""
		if i == 0 {
			l = label
		}
		out[i] = theme.FieldLabel.Render(tokenfmt.Fit(l, labelWidth)) + theme.Visible(style, tokenfmt.Fit(w, valueWidth))
	}
	return out
}

func wrapStyled(style lipgloss.Style, s string, width int) []string {
	parts := strings.Split(ansi.Wrap(s, max(width, 1), " -"), "\n")
	for i, p := range parts {
		parts[i] = style.Render(tokenfmt.Fit(p, width))
	}
	return parts
}

// view is the visible window of the detail lines.
func (d detailModel) view(lines []string, height int, focused bool) string {
	start := max(min(d.scroll, len(lines)-height), 0)
	end := min(start+height, len(lines))
	visible := lines[start:end]
	if end < len(lines) && len(visible) > 0 {
		more := "↓ " + strconv.Itoa(len(lines)-end+1) + " more lines"
		if !focused {
			more += " · enter to scroll"
		}
		visible = append(visible[:len(visible)-1:len(visible)-1], theme.ScrollHint.Render(more))
	}
	return strings.Join(visible, "\n")
}
