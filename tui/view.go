package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/table"
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
		l.detailH = m.stackedDetailHeight(l.bodyH, w-4)
		l.tableH = l.bodyH - l.detailH
	default:
		l.mode = layoutToggle
		l.tableW, l.tableH = w, l.bodyH
		l.detailW, l.detailH = w, l.bodyH
	}
	l.tableInnerW = l.tableW - 2
	l.detailInnerW, l.detailInnerH = max(l.detailW-4, 10), max(l.detailH-2, 1)
	m.layout = l
	m.table.SetSize(l.tableInnerW, max(l.tableH-2-m.problemsHeight(), 2))
	if s, ok := m.overlay.(sizer); ok {
		s.setSize(w, l.bodyH)
	}
}

// stackedDetailHeight is the detail pane's share of a body bodyH lines
// high with the table above it: what the provider's tokens need (the
// table gets the rest), at most 9/20 of the body, and more only when the
// table has rows to spare. It follows the list and the catalog, not the
// selection, so the table does not change height as the cursor moves.
func (m *Model) stackedDetailHeight(bodyH, innerW int) int {
	need := detailNeed(m.table.Fields(), m.layoutCatalog(), innerW) + 2
	share := bodyH * 9 / 20
	tableNeed := bodyH - share // loading, or an error to say
	if m.table.Loaded() {
		// header, borders and the rows, or room to say there are none
		tableNeed = 3 + max(m.table.Len(), 4)
	}
	return max(min(need, share), bodyH-tableNeed, 3)
}

// MaxFPS is the frame rate the dashboard asks Bubble Tea for: its highest.
const MaxFPS = 120

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
		// Dialogs take the body: the status bar and the help line stay.
		screen = placeOverlay(screen, m.overlay.view(m.width, m.layout.bodyH), m.width, m.height, 1, m.layout.bodyH)
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
	switch p := m.opts.Provider; {
	case m.all != nil:
		name += " " + theme.HeaderInfo.Render("all profiles")
	case p != nil:
		name += " " + theme.HeaderInfo.Render(client.Sanitize(p.DisplayName()))
	}
	sort := theme.HeaderInfo.Render("sort ") + theme.HeaderValue.Render(m.table.SortLabel())
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
	return theme.PaneFrame(focused).Width(w - 2).Height(h - 2).MaxHeight(h)
}

// tablePane is the table in its frame, with which rows are on screen set
// in the bottom border when not all fit: ╰──── 1–14 of 16 ─╯.
func (m *Model) tablePane() string {
	focused := (m.focus == focusTable || m.focus == focusProblems) && m.overlay == nil
	w, h := m.layout.tableW, m.layout.tableH
	content := m.tableContent(focused)
	pos := m.table.Position()
	if pos == "" || !m.connected() || w < 20 {
		return paneStyle(focused, w, h).Render(content)
	}
	top := paneStyle(focused, w, h).BorderBottom(false).MaxHeight(h - 1).Render(content)
	return top + "\n" + paneBottom(focused, w, pos)
}

// paneBottom is a pane's bottom border with label set in at the right.
func paneBottom(focused bool, width int, label string) string {
	b := theme.PaneFrame(focused).GetBorderStyle()
	edge := theme.PaneEdge(focused)
	label = ansi.Truncate(label, max(width-6, 1), "…")
	fill := max(width-5-ansi.StringWidth(label), 0)
	return edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, fill)+" ") +
		theme.PanePosition.Render(label) + edge.Render(" "+b.Bottom+b.BottomRight)
}

// tableContent is the table, or what to say instead of one; in the
// all-profiles table, below the lines of the profiles without a list.
func (m *Model) tableContent(focused bool) string {
	t, w := &m.table, m.layout.tableInnerW
	if m.all != nil {
		strip := m.problemsView(w, focused && m.focus == focusProblems)
		return strip + m.allTableContent(focused && m.focus == focusTable, m.focus != focusProblems)
	}
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
		return m.spinner.View() + " " + theme.EmptyState.Render(m.loadingText("loading tokens…"))
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
// has the keys; the table's full help ends with the filter's language.
func (m *Model) helpView() string {
	keys := m.helpKeys()
	if !m.help.ShowAll {
		return m.help.ShortHelpView(keys.ShortHelp())
	}
	v := m.fullHelpView(keys.FullHelp())
	if m.help.ShowAll && m.overlay == nil && m.connected() && m.focus == focusTable {
		v += "\n" + filterHelp(m.width)
	}
	return v
}

// fullHelpView lays the groups out as columns, left to right, starting a
// new row of columns where the next would not fit: on a narrow terminal
// every key still shows.
func (m *Model) fullHelpView(groups [][]key.Binding) string {
	sep := m.help.Styles.FullSeparator.Render(m.help.FullSeparator)
	var rows []string
	var row []string
	width := 0
	for _, g := range groups {
		col := m.help.FullHelpView([][]key.Binding{g})
		if col == "" {
			continue
		}
		w := lipgloss.Width(col)
		if len(row) > 0 && width+lipgloss.Width(sep)+w > m.width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, width = nil, 0
		}
		if len(row) > 0 {
			row = append(row, sep)
			width += lipgloss.Width(sep)
		}
		row = append(row, col)
		width += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n")
}

// filterHelp says what a filter can find, wrapped to width.
func filterHelp(width int) string {
	text := "filter: words must all match; a word finds what the table shows (names, scopes, read-only, " +
		"roles, creator, expired/expiring/never, any), an address the ranges that hold it. Fields:"
	for _, p := range table.FilterPrefixes {
		text += " " + p[0]
	}
	text += " (expires:<30d, expires:>1y, used:>90d, ip:10.0.0.1); \"quotes\" keep a phrase."
	return theme.HelpDesc.Render(ansi.Wordwrap(text, max(width, 20), " "))
}

func (m *Model) helpKeys() helpKeyMap {
	g := m.keys
	if m.overlay != nil {
		return m.overlayHelp()
	}
	if m.filtering {
		return oneGroup([]key.Binding{m.filterKey.Apply, m.filterKey.Clear, m.filterKey.Syntax})
	}
	profileKey := g.Profile
	profileKey.SetEnabled(len(m.opts.Profiles) > 1)
	if m.focus == focusProblems && m.all != nil {
		k := m.problemKeys
		return oneGroup([]key.Binding{k.Retry, k.Details, k.Up, k.Down, k.Back, m.tableKeys.New, profileKey, g.Help, g.Quit})
	}
	if !m.connected() { // connecting, or the profile did not open
		retry := g.Refresh
		retry.SetHelp(retry.Help().Key, "retry")
		retry.SetEnabled(m.openErr != nil)
		return oneGroup([]key.Binding{profileKey, retry, g.Help, g.Quit})
	}
	if m.focus == focusDetail {
		return m.detailHelp(profileKey)
	}
	return m.tableHelp(profileKey)
}

// overlayHelp is the open dialog's keys. The keys that submit or leave it
// (and ? where it takes no text) always show; the others yield when the
// line is too narrow.
func (m *Model) overlayHelp() helpKeyMap {
	keys := m.overlay.helpKeys()
	var must, optional []key.Binding
	for _, b := range keys {
		switch {
		case !b.Enabled():
		case essential(b):
			must = append(must, b)
		default:
			optional = append(optional, b)
		}
	}
	var tail []key.Binding
	if !m.typing() {
		tail = append(tail, m.keys.Help)
	}
	full := [][]key.Binding{keys}
	if f, ok := m.overlay.(fullHelper); ok {
		full = f.fullHelpKeys()
	}
	full = append([][]key.Binding{{m.keys.CloseHelp}}, full...)
	return helpKeyMap{short: fitShortHelp(m.width, must, optional, tail), full: full}
}

// essential reports whether b submits or leaves a dialog: ctrl+s, esc,
// y in a confirmation.
func essential(b key.Binding) bool {
	for _, k := range b.Keys() {
		switch k {
		case "ctrl+s", "esc", "y":
			return true
		}
	}
	return false
}

// detailHelp is the detail pane's keys and the actions on its token.
func (m *Model) detailHelp(profileKey key.Binding) helpKeyMap {
	g, d, a := m.keys, m.detail.keyMap(), m.tableKeys
	copyKey, expiryKey := m.actionKeys()
	return helpKeyMap{
		short: fitShortHelp(m.width,
			[]key.Binding{d.Back},
			[]key.Binding{a.Revoke, a.Rotate, d.Down, d.Up, copyKey, a.CopyID, expiryKey, g.Switch},
			[]key.Binding{g.Help, g.Quit}),
		full: [][]key.Binding{
			{g.CloseHelp, g.Quit},
			{d.Up, d.Down, d.PageUp, d.PageDown, d.Top, d.Bottom},
			{d.Back, g.Switch, a.Filter, g.Refresh, profileKey},
			{a.New, a.Rotate, a.Revoke, copyKey, a.CopyID, expiryKey},
			{g.Find, g.Export, g.History, m.lastErrorKey()},
		},
	}
}

// actionKeys are c and e, advertised only where they can act: keys that
// would only say "cannot" here stay bound (they explain why) but unlisted.
func (m *Model) actionKeys() (copyKey, expiryKey key.Binding) {
	copyKey, expiryKey = m.tableKeys.Copy, m.tableKeys.Expiry
	tok, ok := m.table.Selected()
	if !ok || tok.Secret == "" {
		copyKey.SetEnabled(false)
	}
	prov := m.opts.Provider
	if ok && m.all != nil {
		on, _ := m.onOf(tok)
		prov = on.prov
	}
	if _, can := prov.(client.ExpiryUpdater); !can {
		expiryKey.SetEnabled(false)
	}
	return copyKey, expiryKey
}

// lastErrorKey is E, listed once there is an error to show.
func (m *Model) lastErrorKey() key.Binding {
	k := m.keys.LastError
	k.SetEnabled(m.lastError != "")
	return k
}

func oneGroup(ks []key.Binding) helpKeyMap {
	return helpKeyMap{short: ks, full: [][]key.Binding{ks}}
}

// tableHelp is the table's own keys and the root's keys that act on it.
func (m *Model) tableHelp(profileKey key.Binding) helpKeyMap {
	g, t, a := m.keys, m.table.KeyMap(), m.tableKeys
	clearFilter := a.ClearFilter
	clearFilter.SetEnabled(m.table.Query() != "")
	copyKey, expiryKey := m.actionKeys()
	return helpKeyMap{
		short: fitShortHelp(m.width,
			[]key.Binding{a.New, a.Filter, a.Revoke, a.Rotate},
			[]key.Binding{clearFilter, copyKey, profileKey, t.Mark, a.Detail, t.Sort, m.lastErrorKey()},
			[]key.Binding{g.Help, g.Quit}),
		full: [][]key.Binding{
			{g.CloseHelp, g.Quit},
			{t.Up, t.Down, t.PageUp, t.PageDown, t.Top, t.Bottom},
			{a.Filter, clearFilter, t.Sort, t.Reverse, a.Detail, g.Switch},
			{a.New, a.Rotate, copyKey, a.CopyID, expiryKey},
			{t.Mark, t.MarkShown, t.Unmark, a.Revoke, g.Refresh, profileKey, m.lastErrorKey()},
			{g.Find, g.Export, g.History},
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

// allTableContent is the all-profiles table, or what to say instead;
// without its cursor while the keys are on the lines above it.
func (m *Model) allTableContent(focused, cursor bool) string {
	t, w := &m.table, m.layout.tableInnerW
	loaded, loading, _ := m.all.counts()
	switch {
	case !t.Loaded() && loading > 0:
		return m.spinner.View() + " " + theme.EmptyState.Render("loading "+plural(loading, "profile")+"…")
	case !t.Loaded() && loaded == 0:
		return theme.EmptyState.Render(tokenfmt.Fit("  no profile could be loaded: ↑ selects one, r retries it", w))
	}
	view := t.ViewWithoutCursor(m.now())
	if cursor {
		view = t.View(m.now(), focused)
	}
	switch {
	case t.Len() == 0:
		return view + "\n\n" + theme.EmptyState.Render("  no tokens")
	case t.RowCount() == 0 && t.Pending() != nil:
		return view + "\n\n" + theme.EmptyState.Render("  filtering…")
	case t.RowCount() == 0:
		return view + "\n\n" +
			theme.EmptyState.Render(tokenfmt.Fit("  no token matches “"+client.Sanitize(m.filter.Value())+"” · esc clears the filter", w))
	}
	return view
}

// layoutCatalog is the catalog the detail pane is laid out for: the one
// shown, or in the all-profiles table the one with the most scope groups.
func (m *Model) layoutCatalog() *tokenfmt.Catalog {
	if m.all == nil {
		return m.catalog
	}
	var best *tokenfmt.Catalog
	for i := range m.all.sources {
		if c := m.all.sources[i].cat; c.HasScopes() && (best == nil || len(c.Source().ScopeGroups) > len(best.Source().ScopeGroups)) {
			best = c
		}
	}
	return best
}
