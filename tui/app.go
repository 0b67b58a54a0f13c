// Package tui is tokentui's dashboard: a Bubble Tea root model that owns
// focus, routing and overlays, and small pane models (token table, detail
// pane, dialogs) that each own their keys. Nothing here speaks HTTP: every
// provider call runs in a tea.Cmd and comes back as a message.
package tui

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
	"github.com/tokentui/tokentui/tui/form"
	"github.com/tokentui/tokentui/tui/reveal"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// Options configure the dashboard.
type Options struct {
	// Provider is the token system to manage. Nil: Init opens
	// Profiles[Profile] (its token_command may take seconds) with the
	// spinner up, the same way p switches profiles.
	Provider client.Provider
	// ProfileLabel names the connection in the status bar, e.g.
	// "demo · GoodAccess".
	ProfileLabel string
	// URL is the API base URL, shown in the status bar.
	URL string
	// Demo shows the DEMO badge: the data is the emulator's, not real.
	Demo bool
	// Now is the clock; nil means time.Now. Tests pin it.
	Now func() time.Time
	// Location is where dates are typed and shown in the create form and
	// the expiry dialog; nil means time.Local.
	Location *time.Location

	// Clipboard takes copied secrets; nil means the system clipboard with
	// the OSC 52 fallback (clipboard.Default). Tests pass a fake.
	Clipboard clipboard.Clipboard
	// ClearAfter is how long a copied secret may stay on the clipboard
	// before it is cleared (if still there): 0 means 45 s, negative never.
	ClearAfter time.Duration
	// RefreshEvery reloads the list this often in the background (the
	// status bar says so); 0 means only on r.
	RefreshEvery time.Duration
	// ManageMemory lets the dashboard tune the process's garbage
	// collector to the list it holds (memory.go): the program sets it;
	// tests, which share one process, do not.
	ManageMemory bool

	// Profiles are the connections p can switch to; Profile is the index
	// of the open one. Empty: p says there is nothing to switch to.
	Profiles []profile.Profile
	Profile  int
	// AllProfiles starts with every profile in one table (--all-profiles).
	AllProfiles bool
	// History keeps what the dashboard does (creates, rotates, revokes,
	// expiry changes) and H shows it; nil keeps nothing.
	History history.Log
	// Open builds the provider of a profile (it may run a token command);
	// nil means profile.Open. Tests inject their own.
	Open func(ctx context.Context, p profile.Profile) (client.Provider, error)
}

// focusArea is which pane gets the keys when no overlay is open.
type focusArea int

const (
	focusTable focusArea = iota
	focusDetail
	focusProblems // the lines of the profiles without a list (problems.go)
)

// Model is the root of the dashboard.
type Model struct {
	opts Options
	now  func() time.Time

	width, height int
	layout        layout

	focus     focusArea
	table     table.Model
	tableKeys tableKeys
	detail    detailModel
	filter    textinput.Model
	filtering bool // the filter input has the keys
	filterKey filterKeys
	help      help.Model
	keys      globalKeys
	spinner   spinner.Model
	overlay   overlay

	catalog *tokenfmt.Catalog
	// all is the all-profiles table's state; nil while one profile is
	// shown (inventory.go).
	all         *inventory
	problemKeys problemKeys

	listGen     int              // id of the latest List asked for
	listing     bool             // that List has not answered yet
	userListing bool             // it was asked for by the user (r), not in the background
	progress    *client.Progress // what that List counts into (progress.go)
	// shownCounts is how many tokens each profile had when last shown:
	// what a switch back to it expects.
	shownCounts []int
	received    received // its counts, as last read
	loadErr     error
	connErr     error // the provider's connection test failed (connection.go)
	refreshedAt time.Time
	revoking    int // tokens in the revoke under way; 0 when none

	status      status
	statusAt    time.Time // when it was set: it expires (onClock)
	lastError   string    // the last error shown, in full, for E
	lastErrorAt time.Time // when it was shown

	// provGen counts provider switches: answers about an earlier provider
	// (its catalog, a create) are dropped.
	provGen   int
	switching bool  // a profile is being opened
	openErr   error // opening the first profile failed: no provider yet

	clip      clipboard.Clipboard
	clearJobs []*clipcmd.ClearJob // clears still due, handed off on quit
	copy      *tableCopy          // a copy from the table waiting for its result
	idCopy    *tableCopy          // a copy of an ID (y) waiting for its result
	// exitNotes are said on stderr once the program has ended: what
	// becomes of the clipboard (ExitNotes).
	exitNotes []string

	// creating is the create in flight, nil when none: quitting asks, and
	// an unknown outcome is looked for with what it holds.
	creating *pendingCreate
	// held are outcomes on profiles not shown when they ended, by profile
	// index, shown again when that profile is.
	held map[int]heldResult
	// afterRevoke are the tokens just revoked: if the next list is
	// refused, tokentui's own admin token was among them (known, or, where
	// the provider cannot tell, probably).
	afterRevoke []client.Token

	// selectAfterLoad is the id of a token just created: the next list
	// selects it.
	selectAfterLoad string
	// pendingRotate is the token a rotate replaces: once the new secret's
	// dialog closes, the root asks whether to revoke it.
	pendingRotate *client.Token
}

// New builds the dashboard. Init starts loading the tokens and the catalog.
func New(opts Options) Model {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if opts.Open == nil {
		opts.Open = profile.Open
	}
	clip := opts.Clipboard
	if clip == nil {
		clip = clipboard.Default()
	}
	fi := textinput.New()
	fi.Prompt = ""
	fi.Placeholder = "name, id, scope, IP…"
	fi.CharLimit = 256
	fi.TextStyle = theme.FilterText
	fi.PlaceholderStyle = theme.Muted
	fi.Cursor.Style = theme.FilterPrompt

	h := help.New()
	h.Styles.ShortKey = theme.HelpKey
	h.Styles.ShortDesc = theme.HelpDesc
	h.Styles.ShortSeparator = theme.HelpSep
	h.Styles.FullKey = theme.HelpKey
	h.Styles.FullDesc = theme.HelpDesc
	h.Styles.FullSeparator = theme.HelpSep
	h.Styles.Ellipsis = theme.HelpSep

	m := Model{
		opts:        opts,
		now:         now,
		table:       newTable(opts.Provider, now),
		tableKeys:   newTableKeys(),
		detail:      newDetailModel(),
		filter:      fi,
		filterKey:   newFilterKeys(),
		help:        h,
		keys:        newGlobalKeys(),
		spinner:     spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(theme.Spinner)),
		problemKeys: newProblemKeys(),
		listing:     true,
		listGen:     1,
		progress:    &client.Progress{},
		clip:        clip,
	}
	if opts.AllProfiles && len(opts.Profiles) > 0 {
		// Every profile is loading from the first frame on: Init's first
		// message starts the loads (enterAll).
		m.listing = false
		m.opts.ProfileLabel = "all profiles"
		m.all = newInventory(opts.Profiles)
		for i := range m.all.sources {
			m.all.sources[i].loading = true
		}
		m.setTableProfiles()
	} else if opts.Provider == nil {
		// Nothing to list until Init has opened the profile.
		m.listing = false
		if p, ok := m.currentProfile(); ok {
			m.switching = true
			m.status = busyStatus("connecting to " + p.Name + "…")
			if m.opts.ProfileLabel == "" {
				m.opts.ProfileLabel = ProfileLabel(p)
			}
			if m.opts.URL == "" {
				m.opts.URL = p.URL
			}
		} else {
			m.openErr = errors.New("no provider and no profile to open")
		}
	}
	return m
}

// Init loads the tokens and, once, the catalog (scope groups, role label);
// without a provider it opens the selected profile first.
func (m Model) Init() tea.Cmd {
	if m.all != nil {
		// The first Update enters the view: Init cannot keep state.
		return tea.Batch(func() tea.Msg { return allChosenMsg{} }, m.autoRefreshTick(), clockCmd())
	}
	if m.opts.Provider == nil {
		if !m.switching {
			return nil
		}
		return tea.Batch(openProfileCmd(m.opts.Open, m.opts.Profiles[m.opts.Profile], m.opts.Profile), m.spinner.Tick, m.autoRefreshTick(), clockCmd())
	}
	return tea.Batch(
		m.loadTokens(),
		progressTick(m.listGen),
		loadCatalogCmd(m.opts.Provider, m.provGen),
		testConnectionCmd(m.opts.Provider, m.provGen),
		m.spinner.Tick,
		m.autoRefreshTick(),
		clockCmd(),
	)
}

// newTable is an empty table for provider p (nil: not connected yet),
// told what p reports and the time the filter judges expiries by.
func newTable(p client.Provider, now func() time.Time) table.Model {
	t := table.New()
	t.SetClock(now)
	if p != nil {
		if d, ok := registry.Lookup(p.Kind()); ok {
			t.SetCapabilities(d.Can)
		}
	}
	return t
}

// loadTokens is the List command for the latest request, building the
// order the table shows.
func (m *Model) loadTokens() tea.Cmd {
	return loadTokensCmd(m.opts.Provider, m.listGen, m.now, m.table.WantedSort().Key, m.progress, m.opts.ManageMemory)
}

// busy reports whether something is under way that the spinner shows.
func (m *Model) busy() bool {
	if m.all != nil {
		if _, loading, _ := m.all.counts(); loading > 0 {
			return true
		}
	}
	return m.listing || m.revoking > 0 || m.switching
}

// connected reports whether there is anything to act on: a profile open,
// or the all-profiles table.
func (m *Model) connected() bool { return m.opts.Provider != nil || m.all != nil }

// Update routes a message (route), then hands the detail pane the token
// selected now: whatever moved the selection (a key, a filter result, a new
// list, a revoke), the pane notices on its own. It never blocks.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.status
	next, cmd := m.route(msg)
	nm := next.(Model)
	changed := nm.status != before
	if changed {
		nm = nm.onStatusChanged()
	}
	tok, _ := nm.table.Selected()
	if !nm.detail.show(tok) && !changed {
		// Nothing changed: pass on the model route boxed rather than box
		// a second copy (most keys, every filter keystroke).
		return next, cmd
	}
	return nm, cmd
}

// route sends a message where it belongs: results of commands to their
// handlers, keys to the open overlay, else the filter input while typing,
// else the focused pane.
func (m Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.relayout()
		return m.forwardToOverlay(msg)
	case tokensLoadedMsg:
		return m.onTokensLoaded(msg)
	case loadProgressMsg:
		return m.onLoadProgress(msg)
	case catalogLoadedMsg:
		return m.onCatalogLoaded(msg)
	case connTestedMsg:
		return m.onConnTested(msg)
	case revokeConfirmedMsg:
		return m.startRevoke(msg)
	case revokeDoneMsg:
		return m.onRevokeDone(msg)
	case form.SubmitMsg, form.CancelledMsg, createDoneMsg, reveal.ClosedMsg, rotateKeptMsg:
		return m.onCreateFlow(msg)
	case outcomeSearchMsg, askRevokeFoundMsg, copyCandidateMsg:
		return m.onOutcome(msg)
	case clipcmd.CopiedMsg, clipcmd.ClearDueMsg, clipcmd.ClearedMsg, handedOffMsg:
		return m.onClipboard(msg)
	case quitConfirmedMsg, hangUpMsg:
		return m.quit()
	case restoreOverlayMsg:
		if m.overlay == nil { // nothing has taken its place meanwhile
			m.overlay = msg.o
			m.relayout()
		}
		return m, nil
	case expiryChosenMsg, expiryDoneMsg:
		return m.onExpiry(msg)
	case profileChosenMsg, profileOpenedMsg, allChosenMsg:
		return m.onProfile(msg)
	case sourceLoadedMsg, mergedMsg, createWhereMsg:
		return m.onAllProfiles(msg)
	case clockMsg:
		return m.onClock()
	case findAskMsg, findDoneMsg, findJumpMsg, findRevokeMsg:
		return m.onFind(msg)
	case exportAskMsg, exportDoneMsg:
		return m.onExport(msg)
	case historyWrittenMsg, historyReadMsg:
		return m.onHistory(msg)
	case autoRefreshMsg:
		return m.onAutoRefresh(msg)
	case table.FilterResultMsg, table.FilterSlowMsg, table.SortReadyMsg:
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return m, cmd
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			return m.forwardToOverlay(msg) // an overlay's own spinner
		}
		if !m.busy() {
			return m, nil // let the tick chain end while idle
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	if m.overlay != nil {
		return m.forwardToOverlay(msg)
	}
	if m.filtering { // cursor blink
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m Model) forwardToOverlay(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.overlay == nil {
		return m, nil
	}
	var cmd tea.Cmd
	prev := m.overlay
	m.overlay, cmd = m.overlay.update(msg)
	if m.overlay == nil {
		// A closed reveal's pending clear is kept now, not when its
		// ClosedMsg arrives: a q pressed in between must still clear.
		if r, ok := prev.(*revealOverlay); ok {
			m.keepClear(r.m.PendingClear())
		}
		m.relayout() // the help line changes back
	}
	return m, cmd
}

func (m Model) onKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, forceQuit) {
		return m.askQuit(msg)
	}
	if m.layout.tooSmall {
		if key.Matches(msg, m.keys.Quit) {
			return m.quit()
		}
		return m, nil
	}
	if m.help.ShowAll && key.Matches(msg, m.keys.CloseHelp) { // esc is never text
		m.help.ShowAll = false
		m.relayout()
		return m, nil
	}
	if m.overlay != nil {
		return m.onOverlayKey(msg)
	}
	if m.filtering {
		return m.onFilterKey(msg)
	}
	if isBurst(msg) {
		return m.onKeyBurst(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.askQuit(msg)
	case key.Matches(msg, m.keys.Profile):
		return m.openProfiles()
	case key.Matches(msg, m.keys.Help):
		return m.toggleHelp(), nil
	case key.Matches(msg, m.keys.Refresh):
		switch {
		case m.all != nil && m.focus == focusProblems:
			return m.retrySource(m.all.problem)
		case m.all != nil:
			return m.refreshAll(true)
		case m.opts.Provider == nil:
			return m.retryOpen()
		}
		return m.refresh(true)
	case key.Matches(msg, m.keys.LastError):
		return m.openLastError()
	case key.Matches(msg, m.keys.History):
		return m.openHistory()
	case key.Matches(msg, m.keys.Find) && m.connected():
		return m.openFind()
	case key.Matches(msg, m.keys.Export) && m.connected():
		return m.openExport()
	case key.Matches(msg, m.keys.Switch) && m.focus != focusProblems:
		if m.focus == focusTable {
			m.focus = focusDetail
		} else {
			m.focus = focusTable
		}
		m.relayout()
		return m, nil
	}
	if !m.connected() {
		return m, nil // not connected: only quit, help, p and r do anything
	}
	if m.focus == focusProblems {
		return m.onProblemsKey(msg)
	}
	if next, cmd, ok := m.onActionKey(msg); ok {
		return next, cmd
	}
	if m.focus == focusDetail {
		return m.onDetailKey(msg)
	}
	return m.onTableKey(msg)
}

// isBurst reports whether msg is several runes that arrived in one read
// (key repeat on a busy machine, fast typing over SSH, not a paste):
// Bubble Tea delivers them as one message, which would match no binding.
func isBurst(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste
}

// typing reports whether typed keys are text now: the filter input, or a
// dialog's text field.
func (m *Model) typing() bool {
	if m.overlay != nil {
		t, ok := m.overlay.(textTaker)
		return ok && t.takesText()
	}
	return m.filtering
}

func (m Model) toggleHelp() Model {
	m.help.ShowAll = !m.help.ShowAll
	m.relayout()
	return m
}

// onOverlayKey gives the open dialog its key. Where the dialog takes no
// text, ? opens the full help and a burst of runes is a run of keys, each
// handled in turn until one closes or replaces the dialog (the rest is
// dropped rather than fed to a dialog nobody has seen yet) or a text field
// takes the keys (the rest is its text).
func (m Model) onOverlayKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.typing() {
		return m.forwardToOverlay(msg)
	}
	if key.Matches(msg, m.keys.Help) {
		return m.toggleHelp(), nil
	}
	if !isBurst(msg) {
		return m.forwardToOverlay(msg)
	}
	var cmds []tea.Cmd
	var next tea.Model = m
	for i, r := range msg.Runes {
		cur := next.(Model)
		if cur.overlay != m.overlay {
			break
		}
		if cur.typing() {
			next, cmd := cur.forwardToOverlay(tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:]})
			return next, tea.Batch(append(cmds, cmd)...)
		}
		var cmd tea.Cmd
		next, cmd = cur.onOverlayKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}

// onKeyBurst handles a burst of runes on the dashboard: each rune is
// handled as its own key, until one opens a dialog (the rest is dropped
// rather than fed to a confirmation nobody has seen yet) or the filter
// (the rest is its text).
func (m Model) onKeyBurst(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var next tea.Model = m
	for i, r := range msg.Runes {
		cur := next.(Model)
		if cur.overlay != nil {
			break
		}
		if cur.filtering { // "/" opened the filter: the rest is its text
			return cur.onFilterKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:]})
		}
		var cmd tea.Cmd
		next, cmd = cur.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}

// onActionKey handles the keys that act on the selected token, from the
// table and from the detail pane alike: revoke, create, rotate, copy the
// secret or the ID, edit the expiry, filter.
func (m Model) onActionKey(msg tea.KeyMsg) (tea.Model, tea.Cmd, bool) {
	tk := m.tableKeys
	var next tea.Model
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, tk.Filter):
		m.filtering = true
		m.focus = focusTable
		m.filter.SetValue(m.table.Query())
		m.filter.CursorEnd()
		m.relayout()
		next, cmd = m, m.filter.Focus()
	case key.Matches(msg, tk.Revoke):
		next, cmd = m.askRevoke()
	case key.Matches(msg, tk.New):
		next, cmd = m.openCreate(nil)
	case key.Matches(msg, tk.Rotate):
		next, cmd = m.askRotate()
	case key.Matches(msg, tk.Copy):
		next, cmd = m.copySelected()
	case key.Matches(msg, tk.CopyID):
		next, cmd = m.copySelectedID()
	case key.Matches(msg, tk.Expiry):
		next, cmd = m.openExpiry()
	default:
		return m, nil, false
	}
	return next, cmd, true
}

func (m Model) onTableKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	tk := m.tableKeys
	if m.wantsProblems(msg) {
		return m.focusProblemsAt(true), nil
	}
	switch {
	case key.Matches(msg, tk.Detail):
		if _, ok := m.table.Selected(); ok {
			m.focus = focusDetail
			m.relayout()
		}
		return m, nil
	case key.Matches(msg, tk.ClearFilter):
		switch {
		case m.table.Query() != "":
			m.filter.SetValue("")
			m.table.SetQuery("")
		case m.table.MarkCount() > 0:
			m.table.ClearMarks()
			m.status = infoStatus("marks cleared")
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg) // movement, marks, sort
	return m, cmd
}

// onFilterKey edits the query. The matching runs in a tea.Cmd on an
// immutable snapshot (filterJob), so a keystroke costs the same at 100 000
// tokens as at 100 and typing never waits for a scan.
func (m Model) onFilterKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.filterKey.Clear):
		m.filtering = false
		m.filter.Blur()
		m.filter.SetValue("")
		m.table.SetQuery("")
		m.relayout()
		return m, nil
	case key.Matches(msg, m.filterKey.Apply):
		m.filtering = false
		m.filter.Blur()
		m.table.SettleFilter()
		m.relayout()
		return m, nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if job := m.table.RequestQuery(m.filter.Value()); job != nil {
		return m, tea.Batch(cmd, job)
	}
	return m, cmd
}

func (m Model) onDetailKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.detail.keyMap().Back) {
		m.focus = focusTable
		m.relayout()
		return m, nil
	}
	lines := m.detailLines()
	m.detail, _ = m.detail.update(msg, len(lines), m.layout.detailInnerH)
	return m, nil
}

// refresh asks for the list again. A newer request supersedes any older one
// still in flight: its answer will be dropped. In the all-profiles table,
// every profile's.
func (m Model) refresh(user bool) (tea.Model, tea.Cmd) {
	if m.all != nil {
		return m.refreshAll(user)
	}
	m.userListing = user
	if user {
		m.status = listingStatus("refreshing…")
	}
	return m, m.startListing(m.table.Len()) // about the list it replaces
}

func (m Model) onTokensLoaded(msg tokensLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.listGen || m.all != nil {
		// An older request: a newer list is on its way. Its hold on the
		// collector ends all the same.
		return m, releaseCmd(msg.release)
	}
	m.listing = false
	user := m.userListing
	m.userListing = false
	revoked := m.afterRevoke
	m.afterRevoke = nil
	if msg.err != nil {
		m.loadErr = msg.err
		if client.IsAuth(msg.err) {
			if st, ok := lostAccess(revoked); ok {
				m.status = st
				return m, nil
			}
		}
		switch {
		case user || m.table.Loaded():
			m.status = errorStatus("refresh failed: " + msg.err.Error())
		}
		return m, nil
	}
	m.loadErr = nil
	m.refreshedAt = msg.at
	m.table.SetIndex(msg.index)
	if id := m.selectAfterLoad; id != "" {
		m.selectAfterLoad = ""
		m.selectByID(id)
	}
	if user {
		m.status = okStatus("loaded " + plural(msg.index.Len(), "token"))
	}
	m.relayout()
	if m.opts.ManageMemory {
		return m, settleMemoryCmd(msg.release) // the old list goes now (memory.go)
	}
	return m, nil
}

func (m Model) onCatalogLoaded(msg catalogLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.provGen != m.provGen || m.all != nil {
		return m, nil // the catalog of a profile switched away from
	}
	if msg.err != nil {
		// The table still works; scopes just cannot be grouped.
		m.status = errorStatus("could not load the permission catalog: " + msg.err.Error())
		return m, nil
	}
	m.catalog = tokenfmt.NewCatalog(msg.catalog)
	m.table.SetCatalog(m.catalog) // the role column may have a better title now
	return m, nil
}

// detailLines renders the detail pane's token, with its own profile's
// catalog; with the problem lines focused, the profile selected there.
func (m *Model) detailLines() []string {
	if m.all != nil && m.focus == focusProblems {
		return m.problemDetail(m.layout.detailInnerW)
	}
	return m.detail.lines(m.catalogOf(m.detail.tok), m.profileOf(m.detail.tok), m.now(), m.layout.detailInnerW)
}
