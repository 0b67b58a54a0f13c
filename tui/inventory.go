package tui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// All profiles in one table (--all-profiles, or "all profiles" in the p
// switcher): every configured profile is opened and listed at once, each
// in its own command, so a slow or dead one holds up none of the others.
// Each list that arrives is merged with the others into one index, in a
// command too (the merge is a copy and the index's sort: linear and
// n log n, never in Update), and every token carries its profile, so
// every action goes to its own provider. A profile that fails is a line
// above the table with its error (problems.go); r retries it.

// inventory is the state of every profile of the all-profiles table. It is
// never changed in place: each change makes a new one (with), so a model
// Bubble Tea still holds elsewhere never sees it move.
type inventory struct {
	sources []source // by index into Options.Profiles
	byName  map[string]int
	merge   int // the latest merge asked for; older ones are dropped
	// problem is the failed or loading profile selected in the lines
	// above the table (focusProblems), as an index into sources.
	problem int
	// announce: the loads under way were asked for by the person (the
	// view opened, r): their outcome goes to the status bar once all are
	// in. A reload in the background (after a revoke) leaves the status
	// to the action.
	announce bool
}

// source is one profile of the all-profiles table.
type source struct {
	prov   client.Provider   // nil until opened
	cat    *tokenfmt.Catalog // nil until loaded
	tokens []client.Token    // its last list, each token's Profile set
	listed bool              // tokens is a list (an empty one too)
	names  map[string]bool   // its tokens' names, lower-cased: the create form's duplicate warning
	err    error             // why it has no list: refused, not opened, not listed
	// loading: a load is on its way; gen identifies it, so an older
	// answer is dropped.
	loading bool
	gen     int
	at      time.Time // when its list arrived
	// afterRevoke are the tokens just revoked on it: a refused list next
	// says whether tokentui's own admin token was among them.
	afterRevoke []client.Token
}

// loaded reports whether the source has a list.
func (s *source) loaded() bool { return s.listed && s.err == nil }

func newInventory(ps []profile.Profile) *inventory {
	inv := &inventory{sources: make([]source, len(ps)), byName: make(map[string]int, len(ps)), problem: -1}
	for i, p := range ps {
		inv.byName[p.Name] = i
	}
	return inv
}

// with is the inventory with source i replaced.
func (inv *inventory) with(i int, s source) *inventory {
	next := *inv
	next.sources = slices.Clone(inv.sources)
	next.sources[i] = s
	return &next
}

// indexOf is the source of the profile called name.
func (inv *inventory) indexOf(name string) (int, bool) {
	i, ok := inv.byName[name]
	return i, ok
}

// on is the runOn of source i, profile p.
func (inv *inventory) on(i int, p profile.Profile, provGen int) runOn {
	return runOn{prov: inv.sources[i].prov, provGen: provGen, profile: i, label: ProfileLabel(p), name: p.Name, rowProfile: p.Name}
}

// counts are how many profiles have a list, are loading, and failed.
func (inv *inventory) counts() (loaded, loading, failed int) {
	for i := range inv.sources {
		s := &inv.sources[i]
		switch {
		case s.loading:
			loading++
		case s.err != nil:
			failed++
		case s.loaded():
			loaded++
		}
	}
	return loaded, loading, failed
}

// sourceLoadedMsg is the answer of one profile's load.
type sourceLoadedMsg struct {
	index, gen int
	prov       client.Provider // opened, whatever the list said
	tokens     []client.Token
	names      map[string]bool
	cat        client.Catalog
	catLoaded  bool
	catErr     error
	err        error
	at         time.Time
}

// mergedMsg is the index of every list, merged.
type mergedMsg struct {
	merge int
	index *table.Index
}

// enterAll shows every profile in one table. A provider already open (the
// profile shown) is kept: its token command need not run again.
func (m Model) enterAll() (tea.Model, tea.Cmd) {
	inv := newInventory(m.opts.Profiles)
	if m.opts.Provider != nil {
		if _, ok := m.currentProfile(); ok {
			inv.sources[m.opts.Profile].prov = m.opts.Provider
			inv.sources[m.opts.Profile].cat = m.catalog
		}
	}
	inv.announce = true
	m.all = inv
	m.opts.Provider, m.catalog = nil, nil
	m.opts.ProfileLabel, m.opts.URL = "all profiles", ""
	m.provGen++
	m.listGen++ // a list of the profile shown before is stale now
	m.listing, m.switching, m.openErr, m.loadErr, m.connErr = false, false, nil, nil, nil
	m.table = newTable(nil, m.now)
	m.filter.SetValue("")
	m.filtering = false
	m.focus = focusTable
	m.pendingRotate, m.selectAfterLoad, m.copy = nil, "", nil
	m.refreshedAt = time.Time{}
	m.status = busyStatus("loading " + plural(len(m.opts.Profiles), "profile") + "…")
	m.setTableProfiles()
	cmds := []tea.Cmd{m.spinner.Tick}
	for i := range m.opts.Profiles {
		var cmd tea.Cmd
		m, cmd = m.loadSource(i)
		cmds = append(cmds, cmd)
	}
	m.showAllHeld()
	m.relayout()
	return m, tea.Batch(cmds...)
}

// loadSource (re)loads profile i: opens it if needed, lists it, and the
// first time fetches its catalog. A profile refused as configured is not
// tried: its line says why.
func (m Model) loadSource(i int) (Model, tea.Cmd) {
	p := m.opts.Profiles[i]
	s := m.all.sources[i]
	if err := p.Err(); err != nil {
		s.err, s.loading = err, false
		m.all = m.all.with(i, s)
		return m, nil
	}
	s.gen++
	s.loading = true
	m.all = m.all.with(i, s)
	return m, loadSourceCmd(m.opts.Open, p, i, s.gen, s.prov, s.cat == nil, m.now)
}

// loadSourceCmd is one profile's load, in a command: a token command may
// take seconds and a dead server many more.
func loadSourceCmd(open func(context.Context, profile.Profile) (client.Provider, error), p profile.Profile, i, gen int, prov client.Provider, wantCat bool, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		msg := sourceLoadedMsg{index: i, gen: gen, prov: prov}
		if prov == nil {
			if msg.prov, msg.err = open(ctx, p); msg.err != nil {
				return msg
			}
		}
		tokens, err := msg.prov.List(ctx)
		if err != nil {
			msg.err = betterListError(ctx, msg.prov, err)
			return msg
		}
		msg.names = make(map[string]bool, len(tokens))
		for j := range tokens {
			tokens[j].Profile = p.Name
			msg.names[lowerName(tokens[j].Name)] = true
		}
		msg.tokens, msg.at = tokens, now()
		if wantCat {
			msg.cat, msg.catErr = msg.prov.Catalog(ctx)
			msg.catLoaded = msg.catErr == nil
		}
		return msg
	}
}

// betterListError is err, or what the provider's connection test says is
// wrong when it has one (no such API at the URL, a refused token).
func betterListError(ctx context.Context, prov client.Provider, err error) error {
	if tester, ok := prov.(client.ConnectionTester); ok && !client.IsAuth(err) {
		if _, terr := tester.TestConnection(ctx); terr != nil {
			return terr
		}
	}
	return err
}

// lowerName is a name as the duplicate warning compares it.
func lowerName(name string) string { return strings.ToLower(client.Sanitize(name)) }

// onAllProfiles routes the all-profiles table's messages.
func (m Model) onAllProfiles(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case sourceLoadedMsg:
		return m.onSourceLoaded(msg)
	case mergedMsg:
		return m.onMerged(msg)
	case createWhereMsg:
		return m.onCreateWhere(msg)
	}
	return m, nil
}

// onSourceLoaded takes one profile's answer and merges the lists again.
func (m Model) onSourceLoaded(msg sourceLoadedMsg) (tea.Model, tea.Cmd) {
	if m.all == nil || msg.index >= len(m.all.sources) || m.all.sources[msg.index].gen != msg.gen {
		return m, nil // another view, or an older load
	}
	s := m.all.sources[msg.index]
	s.loading = false
	if msg.prov != nil {
		s.prov = msg.prov
	}
	p := m.opts.Profiles[msg.index]
	if msg.err != nil {
		s.err, s.tokens, s.names, s.listed = msg.err, nil, nil, false
		if st, ok := lostAccess(s.afterRevoke); ok && client.IsAuth(msg.err) {
			s.err = errorText(st.text)
		}
		s.afterRevoke = nil
		m.all = m.all.with(msg.index, s)
		if m.all.announce {
			m.status = errorStatus("could not load " + p.Name + ": " + msg.err.Error())
		}
		m.sayLoaded()
		m.relayout()
		return m, m.mergeCmd()
	}
	s.err, s.afterRevoke = nil, nil
	s.tokens, s.names, s.at, s.listed = msg.tokens, msg.names, msg.at, true
	if msg.catLoaded {
		s.cat = tokenfmt.NewCatalog(msg.cat)
	} else if msg.catErr != nil {
		m.status = errorStatus("could not load the permission catalog of " + p.Name + ": " + msg.catErr.Error())
	}
	m.all = m.all.with(msg.index, s)
	if msg.catLoaded {
		m.setTableProfiles()
	}
	m.sayLoaded()
	return m, m.mergeCmd()
}

// sayLoaded sums up once no profile is loading any more, whatever order
// their answers came in: how many loaded, and which are down and why.
func (m *Model) sayLoaded() {
	loaded, loading, failed := m.all.counts()
	if loading > 0 || !m.all.announce {
		return
	}
	inv := *m.all
	inv.announce = false
	m.all = &inv
	text := "loaded " + plural(loaded, "profile")
	if failed == 0 {
		m.status = okStatus(text)
		return
	}
	for i, s := range m.all.sources {
		if s.err != nil {
			m.status = errorStatus(text + "; " + m.opts.Profiles[i].Name + " is down" + moreThan(failed) + ": " + s.err.Error())
			return
		}
	}
}

// errorText is an error of a fixed text.
type errorText string

func (e errorText) Error() string { return string(e) }

// mergeCmd merges every list there is into one index, in a command.
func (m *Model) mergeCmd() tea.Cmd {
	inv := *m.all
	inv.merge++
	m.all = &inv
	lists := make([][]client.Token, 0, len(inv.sources))
	n := 0
	for i := range inv.sources {
		if s := &inv.sources[i]; s.loaded() {
			lists = append(lists, s.tokens)
			n += len(s.tokens)
		}
	}
	merge, sortBy := inv.merge, m.table.WantedSort().Key
	return func() tea.Msg {
		all := make([]client.Token, 0, n)
		for _, l := range lists {
			all = append(all, l...)
		}
		return mergedMsg{merge: merge, index: table.BuildIndex(all, sortBy)}
	}
}

// onMerged shows the merged list, unless a newer one is on its way.
func (m Model) onMerged(msg mergedMsg) (tea.Model, tea.Cmd) {
	if m.all == nil || msg.merge != m.all.merge {
		return m, nil
	}
	top := m.table.Cursor() == 0
	m.table.SetIndex(msg.index)
	if top && m.table.RowCount() > 0 {
		// Still at the top as the lists arrive: stay there, rather than
		// follow the first row of the first list down.
		m.table.Select(table.RowKey(m.table.Row(0)))
	}
	if key := m.selectAfterLoad; key != "" && m.table.Has(key) {
		m.selectAfterLoad = ""
		m.selectByID(key)
	}
	for _, s := range m.all.sources {
		if s.at.After(m.refreshedAt) {
			m.refreshedAt = s.at
		}
	}
	m.relayout()
	return m, nil
}

// setTableProfiles tells the table each profile's label and, once loaded,
// catalog and capabilities.
func (m *Model) setTableProfiles() {
	infos := make(map[string]table.ProfileInfo, len(m.opts.Profiles))
	for i, p := range m.opts.Profiles {
		d, _ := registry.Lookup(p.Provider)
		infos[p.Name] = table.ProfileInfo{Label: ProfileLabel(p), Catalog: m.all.sources[i].cat, Caps: d.Can}
	}
	m.table.SetProfiles(infos)
}

// refreshAll reloads every profile that is not loading already.
func (m Model) refreshAll(user bool) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{m.spinner.Tick}
	n := 0
	for i := range m.all.sources {
		if m.all.sources[i].loading {
			continue
		}
		var cmd tea.Cmd
		m, cmd = m.loadSource(i)
		cmds = append(cmds, cmd)
		n++
	}
	if user {
		m.status = busyStatus("refreshing " + plural(n, "profile") + "…")
		inv := *m.all
		inv.announce = true
		m.all = &inv
	}
	m.relayout()
	return m, tea.Batch(cmds...)
}

// reloadSources reloads the profiles of runs just acted on (a revoke, a
// create, a new expiry): their lists are what changed.
func (m Model) reloadSources(ons ...runOn) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	done := map[int]bool{}
	for _, on := range ons {
		if on.profile < 0 || done[on.profile] || m.all.sources[on.profile].loading {
			continue
		}
		done[on.profile] = true
		var cmd tea.Cmd
		m, cmd = m.loadSource(on.profile)
		cmds = append(cmds, cmd)
	}
	if len(cmds) > 0 {
		cmds = append(cmds, m.spinner.Tick)
	}
	return m, tea.Batch(cmds...)
}

// allStatusLabel is the status bar's name of the view: "all profiles ·
// 2 of 3", with how many failed.
func (m *Model) allStatusLabel() string {
	loaded, loading, failed := m.all.counts()
	label := "all profiles · " + strconv.Itoa(loaded) + " of " + strconv.Itoa(len(m.all.sources))
	if loading > 0 {
		label += ", " + strconv.Itoa(loading) + " loading"
	}
	if failed > 0 {
		label += ", " + strconv.Itoa(failed) + " down"
	}
	return label
}

// showAllHeld brings back what was held for every profile: all are shown.
func (m *Model) showAllHeld() {
	for i := range m.opts.Profiles {
		if _, ok := m.held[i]; ok {
			saved := m.opts.Profile
			m.opts.Profile = i
			m.showHeld()
			m.opts.Profile = saved
		}
	}
}

// refreshOn reloads the list an action on on changed: the one shown, or
// in the all-profiles table on's profile.
func (m Model) refreshOn(on runOn) (tea.Model, tea.Cmd) {
	if m.all != nil {
		return m.reloadSources(on)
	}
	return m.refresh(false)
}
