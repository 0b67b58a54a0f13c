package form

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/theme"
)

// labelWidth is the column of section names ("Allowed IPs" and a gap).
const labelWidth = 13

// View draws the form in at most Width x Height: one line per section, the
// focused one unfolded into whatever height is left.
func (m Model) View() string {
	w := m.opts.Width
	out := []string{truncate(theme.FormTitle.Render(m.opts.Title), w)}
	bodyH := m.bodyHeight()
	for i, sec := range m.sections {
		focused := i == m.focus
		out = append(out, m.headerLine(sec, focused, w))
		if focused {
			for _, l := range m.body(sec, w-2, bodyH) {
				out = append(out, truncate("  "+l, w))
			}
		}
	}
	out = append(out, m.footer()...)
	return strings.Join(out, "\n")
}

// bodyHeight is what the focused section may use: the height less the
// title, one line per section and the footer.
func (m Model) bodyHeight() int {
	return max(1, m.opts.Height-1-len(m.sections)-len(m.footer()))
}

func (m Model) label(sec section) string {
	switch sec {
	case secName:
		return "Name"
	case secOwner:
		return m.owner.label
	case secScopes:
		return "Scopes"
	case secRole:
		return m.role.label
	case secProjects:
		return "Projects"
	case secEnvironment:
		return "Environment"
	case secExpiry:
		return "Expires"
	case secIPs:
		return "Allowed IPs"
	}
	return "Review"
}

func (m Model) summary(sec section, focused bool) string {
	switch sec {
	case secName:
		return m.nameSummary(!focused)
	case secScopes:
		return m.scopeSummary()
	case secOwner, secRole, secProjects, secEnvironment:
		return m.choiceSummary(sec)
	case secExpiry:
		return m.expirySummary()
	case secIPs:
		return m.ipSummary()
	}
	return m.reviewSummary()
}

func (m Model) headerLine(sec section, focused bool, width int) string {
	marker, label := "  ", theme.FormLabel.Render(padRight(m.label(sec), labelWidth))
	if focused {
		marker, label = theme.FormLabelFocused.Render("▸ "), theme.FormLabelFocused.Render(padRight(m.label(sec), labelWidth))
	}
	line := marker + label + m.summary(sec, focused)
	// A focused section says its error (and the name its counter) in its
	// body, in full: once is enough.
	if e := m.errFor(sec); e != "" && !focused {
		line += "  " + theme.FormError.Render("✗ "+e)
	}
	return truncate(line, width)
}

// body is the unfolded section; its error, if any, comes first so it is
// seen even when the header line is cut.
func (m Model) body(sec section, width, height int) []string {
	var lines []string
	if e := m.errFor(sec); e != "" {
		lines = append(lines, wrapLines(theme.FormError, "✗ "+e, width, 2)...)
	}
	h := height - len(lines)
	switch sec {
	case secName:
		lines = append(lines, m.nameBody(width, h)...)
	case secScopes:
		lines = append(lines, m.scopeBody(width, h)...)
	case secOwner, secRole, secProjects, secEnvironment:
		lines = append(lines, m.choiceBody(sec, width, h)...)
	case secExpiry:
		lines = append(lines, m.expiryBody(width, h)...)
	case secIPs:
		lines = append(lines, m.ipBody(width, h)...)
	case secReview:
		lines = append(lines, m.reviewBody(width, h)...)
	}
	return clip(lines, height)
}

// errLines is how many lines the focused section's error takes.
func (m Model) errLines(sec section) int {
	if e := m.errFor(sec); e != "" {
		return len(wrapLines(theme.FormError, "✗ "+e, m.opts.Width-2, 2))
	}
	return 0
}

// footer is the banner, the cancel question or the "creating" line.
func (m Model) footer() []string {
	var out []string
	if m.banner != "" {
		out = append(out, wrapLines(theme.FormBanner, m.banner, m.opts.Width, 2)...)
	}
	switch {
	case m.submitting:
		out = append(out, theme.FormHint.Render("Creating…"))
	case m.confirmCancel:
		out = append(out, theme.FormPrompt.Render("Discard this token? Everything typed will be lost. y discard · n keep editing"))
	}
	return out
}

// keepCursorsVisible stores each list's scroll offset, computed from the
// same heights View uses, so scrolling is steady rather than recomputed
// from scratch on every frame.
func (m *Model) keepCursorsVisible() {
	h := m.bodyHeight()
	list := func(sec section, header int) int { return h - m.errLines(sec) - header }
	m.scopes.clampCursor()
	m.scopes.offset = scrollOffset(m.scopes.offset, m.scopes.cursor, len(m.scopes.rows()), list(secScopes, len(m.scopeHeader())))
	for _, sec := range []section{secOwner, secRole, secProjects, secEnvironment} {
		f := m.choice(sec)
		n := len(m.visible(sec))
		f.cursor = max(0, min(f.cursor, n-1))
		f.offset = scrollOffset(f.offset, f.cursor, n, list(sec, len(m.choiceHeader(sec, m.opts.Width-2))))
	}
	m.ips.offset = scrollOffset(m.ips.offset, max(m.ips.selected, 0), len(m.ips.entries), list(secIPs, len(m.ipHeader())))
	m.review.offset = min(m.review.offset, max(0, len(m.reviewLines(m.opts.Width-2))-list(secReview, 0)))
}

// scrollOffset returns the first row to draw so that cursor is visible in a
// window of h rows out of n, moving the window as little as possible.
func scrollOffset(offset, cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+h {
		offset = cursor - h + 1
	}
	return max(0, min(offset, n-h))
}

// cursorLine marks the row under the cursor: a "›" that shows without
// colour, and the selection background over the whole row (inner styles are
// dropped there, as their resets would cut the background short).
func cursorLine(text string, atCursor bool, width int) string {
	if !atCursor {
		return truncate("  "+text, width)
	}
	plain := ansi.Strip(text)
	return theme.FormCursor.Render(padRight(truncate("› "+plain, width), width))
}

func truncate(s string, width int) string { return ansi.Truncate(s, max(width, 1), "…") }

func padRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

func clip(lines []string, h int) []string {
	if h < 0 {
		h = 0
	}
	if len(lines) > h {
		return lines[:h]
	}
	return lines
}

// wrapLines word-wraps s to width, styles it, and keeps at most maxLines
// (the last one marked as cut).
func wrapLines(style interface{ Render(...string) string }, s string, width, maxLines int) []string {
	parts := wordWrap(s, max(width, 10))
	if len(parts) > maxLines {
		parts = parts[:maxLines]
		parts[maxLines-1] = truncate(parts[maxLines-1]+" …", width)
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = style.Render(p)
	}
	return out
}

// wordWrap breaks plain text at spaces only, keeping the spacing inside a
// line (the review's label column). ansi.Wrap also breaks at hyphens, which
// would split scope names like member-group-relation.add across lines. A
// word longer than the width is cut hard.
func wordWrap(s string, width int) []string {
	var lines []string
	line, lineW := "", 0
	flush := func() {
		lines = append(lines, line)
		line, lineW = "", 0
	}
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		k := j
		for k < len(s) && s[k] != ' ' {
			k++
		}
		space, word := s[i:j], s[j:k]
		i = k
		if lineW > 0 && lineW+len(space)+ansi.StringWidth(word) > width {
			flush()
			space = "" // the break replaces the space
		}
		if lineW == 0 && len(lines) > 0 {
			space = ""
		}
		line += space
		lineW += len(space)
		for ansi.StringWidth(word) > width-lineW && width-lineW > 0 && ansi.StringWidth(word) > width {
			head := ansi.Truncate(word, width-lineW, "")
			line += head
			word = word[len(head):]
			flush()
		}
		line += word
		lineW += ansi.StringWidth(word)
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
