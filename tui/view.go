package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// Minimum usable terminal; below it the dashboard shows a notice instead.
const (
	minWidth  = 60
	minHeight = 20
)

// Where the detail pane goes, by terminal size.
const (
	sideBySideMinWidth = 140 // detail right of the table
	stackedMinBody     = 22  // detail below the table
)

// layoutMode is how the body is split between the panes.
type layoutMode int

const (
	layoutToggle  layoutMode = iota // one pane at a time; tab/enter switch
	layoutStacked                   // table above, detail below
	layoutSide                      // table left, detail right
)

// layout is the geometry of one frame, recomputed on resize and whenever a
// line is added or removed around the body (help, filter).
type layout struct {
	tooSmall     bool
	mode         layoutMode
	bodyH        int
	tableW       int // outer sizes, borders included
	tableH       int
	tableInnerW  int
	detailW      int
	detailH      int
	detailInnerW int
	detailInnerH int
}

// relayout recomputes the geometry and resizes the panes.
func (m *Model) relayout() {
	w, h := m.width, m.height
	l := layout{}
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		m.layout = l
		return
	}
	helpH := lipgloss.Height(m.helpView())
	l.bodyH = max(h-2-helpH, 3) // header and status lines
	switch {
	case w >= sideBySideMinWidth:
		l.mode = layoutSide
		l.detailW = min(max(w*3/10, 52), 64)
		l.tableW, l.tableH = w-l.detailW, l.bodyH
		l.detailH = l.bodyH
	case l.bodyH >= stackedMinBody:
		l.mode = layoutStacked
		l.tableW, l.detailW = w, w
		l.tableH = l.bodyH * 11 / 20
		l.detailH = l.bodyH - l.tableH
	default:
		l.mode = layoutToggle
		l.tableW, l.tableH = w, l.bodyH
		l.detailW, l.detailH = w, l.bodyH
	}
	l.tableInnerW = l.tableW - 2
	l.detailInnerW, l.detailInnerH = max(l.detailW-4, 10), max(l.detailH-2, 1)
	m.layout = l
	m.table.SetSize(l.tableInnerW, l.tableH-2)
}

// View draws the whole screen.
func (m Model) View() string {
	if m.width == 0 {
		return "" // no size yet: nothing sensible to draw
	}
	if m.layout.tooSmall {
		return m.tooSmallView()
	}
	var b strings.Builder
	b.WriteString(m.headerView())
	b.WriteByte('\n')
	b.WriteString(m.bodyView())
	b.WriteByte('\n')
	b.WriteString(m.statusBar(m.width))
	b.WriteByte('\n')
	b.WriteString(m.helpView())
	screen := b.String()
	if m.overlay != nil {
		screen = placeOverlay(screen, m.overlay.view(m.width, m.height), m.width, m.height)
	}
	return screen
}

func (m *Model) tooSmallView() string {
	msg := theme.TooSmall.Render("terminal too small (need "+strconv.Itoa(minWidth)+"x"+strconv.Itoa(minHeight)+")") +
		"\n" + theme.Muted.Render("now "+strconv.Itoa(m.width)+"x"+strconv.Itoa(m.height)+" · q quits")
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
}

// headerView: product and provider on the left, the filter in the middle,
// the sort order on the right.
func (m *Model) headerView() string {
	name := theme.AppName.Render("tokentui")
	if p := m.opts.Provider; p != nil {
		name += " " + theme.HeaderInfo.Render(client.Sanitize(p.DisplayName()))
	}
	sort := theme.HeaderInfo.Render("sort ") + theme.HeaderValue.Render(m.table.Sort().String())
	var filter string
	switch {
	case m.filtering:
		filter = theme.FilterPrompt.Render("/ ") + m.filter.View()
	case m.table.Query() != "":
		filter = theme.FilterPrompt.Render("/ ") + theme.FilterText.Render(client.Sanitize(m.filter.Value())) +
			theme.Muted.Render("  (esc clears)")
	default:
		filter = theme.Muted.Render("/ filter")
	}
	room := m.width - lipgloss.Width(name) - lipgloss.Width(sort) - 4
	filter = padLine(filter, max(room, 0))
	return name + "  " + filter + "  " + sort
}

func (m *Model) bodyView() string {
	l := m.layout
	switch l.mode {
	case layoutSide:
		return lipgloss.JoinHorizontal(lipgloss.Top, m.tablePane(), m.detailPane())
	case layoutStacked:
		return m.tablePane() + "\n" + m.detailPane()
	}
	if m.focus == focusDetail {
		return m.detailPane()
	}
	return m.tablePane()
}

func paneStyle(focused bool, w, h int) lipgloss.Style {
	s := theme.Pane
	if focused {
		s = theme.FocusedPane
	}
	return s.Width(w - 2).Height(h - 2).MaxHeight(h)
}

func (m *Model) tablePane() string {
	focused := m.focus == focusTable && m.overlay == nil
	return paneStyle(focused, m.layout.tableW, m.layout.tableH).Render(m.tableContent(focused))
}

// tableContent is the table, or what to say instead of one.
func (m *Model) tableContent(focused bool) string {
	t, w := &m.table, m.layout.tableInnerW
	switch {
	case m.opts.Provider == nil && m.openErr != nil:
		return m.openErrView(w)
	case m.opts.Provider == nil:
		name := "the profile"
		if p, ok := m.currentProfile(); ok {
			name = client.Sanitize(p.Name)
		}
		return m.spinner.View() + " " + theme.EmptyState.Render("connecting to "+name+"…")
	case !t.Loaded() && m.loadErr != nil:
		msg := theme.ErrorText.Render(ansi.Wrap("Could not load tokens: "+client.Scrub(client.Sanitize(m.loadErr.Error())), w, " ")) +
			m.connErrLine(w) + "\n\n" + theme.Muted.Render("press ") + theme.Key.Render("r") + theme.Muted.Render(" to retry")
		return msg
	case !t.Loaded():
		return m.spinner.View() + " " + theme.EmptyState.Render("loading tokens…")
	case t.Len() == 0:
		return t.View(m.now(), focused) + "\n\n" + theme.EmptyState.Render("  no tokens")
	case t.RowCount() == 0 && t.Pending() != nil:
		return t.View(m.now(), focused) + "\n\n" + theme.EmptyState.Render("  filtering…")
	case t.RowCount() == 0:
		return t.View(m.now(), focused) + "\n\n" +
			theme.EmptyState.Render(tokenfmt.Fit("  no token matches “"+client.Sanitize(m.filter.Value())+"” · esc clears the filter", w))
	}
	return t.View(m.now(), focused)
}

// openErrView says why the profile could not be opened and what to do.
func (m *Model) openErrView(w int) string {
	name := "the profile"
	if p, ok := m.currentProfile(); ok {
		name = p.Name
	}
	text := m.openErr.Error()
	if !strings.Contains(text, name) { // profile errors name their profile already
		text = "Could not open " + name + ": " + text
	} else {
		text = "Could not open the profile: " + text
	}
	msg := theme.ErrorText.Render(ansi.Wrap(client.Sanitize(text), w, " ")) + "\n\n"
	if len(m.opts.Profiles) > 1 {
		msg += theme.Key.Render("p") + theme.Muted.Render(" to switch profile / ")
	}
	return msg + theme.Key.Render("r") + theme.Muted.Render(" to retry · ") + theme.Key.Render("q") + theme.Muted.Render(" to quit")
}

func (m *Model) detailPane() string {
	focused := m.focus == focusDetail && m.overlay == nil
	l := m.layout
	content := m.detail.view(m.detailLines(), l.detailInnerH, focused)
	return paneStyle(focused, l.detailW, l.detailH).Padding(0, 1).Width(l.detailW - 2).Render(content)
}

// helpView is the one help line (or, with ?, the full help) for whatever
// has the keys.
func (m *Model) helpView() string {
	return m.help.View(m.helpKeys())
}

func (m *Model) helpKeys() helpKeyMap {
	g := m.keys
	if m.overlay != nil {
		return oneGroup(m.overlay.helpKeys())
	}
	if m.filtering {
		return oneGroup([]key.Binding{m.filterKey.Apply, m.filterKey.Clear})
	}
	profileKey := g.Profile
	profileKey.SetEnabled(len(m.opts.Profiles) > 1)
	if m.opts.Provider == nil { // connecting, or the profile did not open
		retry := g.Refresh
		retry.SetHelp(retry.Help().Key, "retry")
		retry.SetEnabled(m.openErr != nil)
		return oneGroup([]key.Binding{profileKey, retry, g.Help, g.Quit})
	}
	if m.focus == focusDetail {
		d := m.detail.keyMap()
		return helpKeyMap{
			short: []key.Binding{d.Down, d.Up, d.Back, g.Switch, g.Help, g.Quit},
			full: [][]key.Binding{
				{d.Up, d.Down, d.PageUp, d.PageDown, d.Top, d.Bottom},
				{d.Back, g.Switch, g.Refresh, profileKey},
				{g.Help, g.Quit},
			},
		}
	}
	return m.tableHelp(profileKey)
}

func oneGroup(ks []key.Binding) helpKeyMap {
	return helpKeyMap{short: ks, full: [][]key.Binding{ks}}
}

// tableHelp is the table's own keys and the root's keys that act on it.
func (m *Model) tableHelp(profileKey key.Binding) helpKeyMap {
	g, t, a := m.keys, m.table.KeyMap(), m.tableKeys
	clearFilter := a.ClearFilter
	clearFilter.SetEnabled(m.table.Query() != "")
	// Keys that would only say "cannot" here stay bound (they explain why)
	// but are not advertised.
	copyKey, expiryKey := a.Copy, a.Expiry
	if tok, ok := m.table.Selected(); !ok || tok.Secret == "" {
		copyKey.SetEnabled(false)
	}
	if _, ok := m.opts.Provider.(client.ExpiryUpdater); !ok {
		expiryKey.SetEnabled(false)
	}
	return helpKeyMap{
		short: fitShortHelp(m.width,
			[]key.Binding{a.New, a.Filter, a.Revoke, a.Rotate},
			[]key.Binding{clearFilter, copyKey, profileKey, t.Mark, a.Detail, t.Sort},
			[]key.Binding{g.Help, g.Quit}),
		full: [][]key.Binding{
			{t.Up, t.Down, t.PageUp, t.PageDown, t.Top, t.Bottom},
			{a.Filter, clearFilter, t.Sort, a.Detail, g.Switch},
			{a.New, a.Rotate, copyKey, expiryKey},
			{t.Mark, t.MarkShown, t.Unmark, a.Revoke, g.Refresh, profileKey},
			{g.Help, g.Quit},
		},
	}
}

// fitShortHelp is the one-line help: the keys that must always show, then
// as many of the optional ones (in order, enabled only) as fit in width, then
// the tail (? and q), so "? help" is never cut off.
func fitShortHelp(width int, must, optional, tail []key.Binding) []key.Binding {
	const sep = 3 // " • "
	used := 0
	cost := func(b key.Binding) int {
		return ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc) + sep
	}
	for _, b := range append(append([]key.Binding{}, must...), tail...) {
		used += cost(b)
	}
	out := append([]key.Binding{}, must...)
	for _, b := range optional {
		if !b.Enabled() {
			continue
		}
		if used+cost(b) > width {
			continue
		}
		used += cost(b)
		out = append(out, b)
	}
	return append(out, tail...)
}
