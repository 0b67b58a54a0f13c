package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/inspect"
	"github.com/tokentui/tokentui/theme"
)

// detailModel shows every field of the selected token. It scrolls when the
// token has more to say than the pane has lines.
type detailModel struct {
	scroll int
	keys   detailKeys
}

func newDetailModel() detailModel { return detailModel{keys: newDetailKeys()} }

// update scrolls; total and height are the content's and the pane's line
// counts, so the offset never runs past the end.
func (d detailModel) update(msg tea.KeyMsg, total, height int) (detailModel, bool) {
	switch {
	case key.Matches(msg, d.keys.Up):
		d.scroll--
	case key.Matches(msg, d.keys.Down):
		d.scroll++
	case key.Matches(msg, d.keys.PageUp):
		d.scroll -= height
	case key.Matches(msg, d.keys.PageDown):
		d.scroll += height
	case key.Matches(msg, d.keys.Top):
		d.scroll = 0
	case key.Matches(msg, d.keys.Bottom):
		d.scroll = total
	default:
		return d, false
	}
	d.scroll = max(min(d.scroll, total-height), 0)
	return d, true
}

// labelWidth is the width of the field-name column.
const labelWidth = 12

// twoColumnMin is the width from which scopes go to the right of the fields.
const twoColumnMin = 90

// lines renders the token into lines of at most width cells.
func detailLines(tok *client.Token, cat *catalogInfo, now time.Time, width int) []string {
	if tok == nil {
		return []string{theme.EmptyState.Render("no token selected")}
	}
	left := width
	twoCols := width >= twoColumnMin && len(tok.Scopes) > 0
	if twoCols {
		left = min(width/2, 60)
	}
	var lines []string
	title := tok.Name
	if title == "" {
		title = "(unnamed)"
	}
	lines = append(lines, wrapStyled(theme.PaneTitle, title, left)...)
	field := func(label, value string, style lipgloss.Style) {
		lines = append(lines, fieldLines(label, value, style, left)...)
	}
	tokenFields(tok, cat, now, field)
	if len(tok.Scopes) == 0 {
		if tok.Role == "" && len(tok.Projects) == 0 {
			field("Scopes", "none", theme.Muted)
		}
		return lines
	}
	scopeWidth := width
	if twoCols {
		scopeWidth = width - left - 2
	}
	scopes := scopeLines(tok.Scopes, cat, scopeWidth)
	if !twoCols {
		return append(append(lines, ""), scopes...)
	}
	return joinColumns(lines, scopes, left, 2)
}

// tokenFields adds every field of the token but its scopes: what it is,
// what it may do, its secret, its dates and where it may be used from.
func tokenFields(tok *client.Token, cat *catalogInfo, now time.Time, field func(label, value string, style lipgloss.Style)) {
	field("ID", tok.ID, theme.FieldValue)
	if tok.Role != "" {
		field(cat.roleLabel(), tok.Role, theme.FieldValue)
	}
	if tok.Owner != "" {
		field(cat.ownerLabel(), tok.Owner, theme.FieldValue)
	}
	if len(tok.Projects) > 0 {
		field("Projects", projectsText(tok.Projects), theme.FieldValue)
	}
	if tok.Environment != "" {
		field("Environment", tok.Environment, theme.FieldValue)
	}
	secretFields(tok, now, field)
	field("Created", absRel(tok.CreatedAt, relativePast(tok.CreatedAt, now)), theme.FieldValue)
	exp, tone := relativeExpiry(*tok, now)
	expStyle := theme.Cell(expiryCellTone(tone), false)
	if tok.Expires() {
		field("Expires", absRel(tok.ExpiresAt, exp), expStyle)
	} else {
		field("Expires", "never", expStyle)
	}
	field("Last used", absRel(tok.LastUsedAt, relativePast(tok.LastUsedAt, now)), theme.FieldValue)
	if tok.CreatedBy != "" {
		field("Created by", tok.CreatedBy, theme.FieldValue)
	}
	if len(tok.AllowedIPs) == 0 {
		// "any address" only where an address list was possible: on
		// Border0 or Unleash it would hint at a restriction that does not
		// exist.
		if cat.canRestrictIPs() {
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

// secretFields shows a listed secret masked, with what it says about
// itself, or why the list holds none for this token.
func secretFields(tok *client.Token, now time.Time, field func(label, value string, style lipgloss.Style)) {
	switch {
	case tok.Secret != "":
		field("Secret", client.MaskSecret(tok.Secret), theme.Secret)
		// What the secret says about itself, read offline by the one
		// recogniser (client/inspect); it never repeats the secret.
		if format := inspect.RecogniseAt(tok.Secret, now).Format; format != "" {
			field("Format", format, theme.FieldValue)
		}
	case tok.SecretNote != "":
		field("Secret", "not retrievable: "+tok.SecretNote, theme.Muted)
	}
}

// absRel is "2025-03-01 10:00 UTC · in 3d"; a zero time is the relative
// text alone ("never").
func absRel(t time.Time, rel string) string {
	if t.IsZero() {
		return rel
	}
	return t.Format(dateTimeLayout) + " · " + rel
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
		out[i] = theme.FieldLabel.Render(fit(l, labelWidth)) + style.Render(fit(w, valueWidth))
	}
	return out
}

func wrapStyled(style lipgloss.Style, s string, width int) []string {
	parts := strings.Split(ansi.Wrap(s, max(width, 1), " -"), "\n")
	for i, p := range parts {
		parts[i] = style.Render(fit(p, width))
	}
	return parts
}

// scopeLines lists scopes by catalog group: the group and how much of it the
// token holds ("Members 2/6") beside the scopes, wrapped. On a narrow pane
// the group goes on its own line above its scopes.
func scopeLines(scopes []string, cat *catalogInfo, width int) []string {
	lines := []string{theme.PaneTitle.Render(fit("Scopes ("+strconv.Itoa(len(scopes))+")", width))}
	groups := groupScopes(scopes, cat)
	heads := make([]string, len(groups))
	headW := 0
	for i, g := range groups {
		heads[i] = g.Name
		if g.Total > 0 {
			heads[i] += " " + strconv.Itoa(len(g.Scopes)) + "/" + strconv.Itoa(g.Total)
		}
		headW = max(headW, ansi.StringWidth(heads[i])+2)
	}
	for i, g := range groups {
		// A group the token holds entirely reads "all"; the scopes are
		// then exactly the catalog's, listed in the create form.
		words := g.Scopes
		if g.Total > 0 && len(g.Scopes) == g.Total {
			words = []string{"all"}
		}
		// Scopes sit beside their group when the longest one fits there.
		longest := 0
		for _, w := range words {
			longest = max(longest, ansi.StringWidth(w))
		}
		indent, scopeW := headW, width-headW
		beside := scopeW >= longest && scopeW >= 12
		if !beside {
			lines = append(lines, theme.GroupLabel.Render(fit(heads[i], width)))
			indent, scopeW = 2, width-2
		}
		for j, w := range packWords(words, scopeW, "  ") {
			lead := strings.Repeat(" ", indent)
			if beside && j == 0 {
				lead = theme.GroupLabel.Render(fit(heads[i], headW))
			}
			lines = append(lines, lead+theme.FieldValue.Render(fit(w, scopeW)))
		}
	}
	return lines
}

// packWords fills lines of at most width cells with whole words joined by
// sep; a scope is never split across lines (a word wider than a line gets a
// line of its own and is cut by fit).
func packWords(words []string, width int, sep string) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, w := range words {
		ww := ansi.StringWidth(w)
		if curW > 0 && curW+len(sep)+ww > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteString(sep)
			curW += len(sep)
		}
		cur.WriteString(w)
		curW += ww
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// joinColumns puts right beside left (each line of left is already exactly
// leftWidth wide), padding the shorter column.
func joinColumns(left, right []string, leftWidth, gap int) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	pad := strings.Repeat(" ", leftWidth+gap)
	for i := 0; i < n; i++ {
		var l, r string
		if i < len(left) {
			l = left[i] + strings.Repeat(" ", gap)
		} else {
			l = pad
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = l + r
	}
	return out
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
