package tui

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/inspect"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/form"
	"github.com/tokentui/tokentui/tui/reveal"
	"github.com/tokentui/tokentui/tui/table"
)

// The create flow: n (or R) opens the form; its SubmitMsg runs
// Provider.Create in a Cmd; a failure goes back to the form (which keeps
// what was typed), a success closes it and opens the reveal dialog, which
// copies the secret at once. A rotate asks about the old token only after
// that dialog has closed: nothing is revoked before the new secret was seen.

// createDoneMsg is the answer to one Create.
type createDoneMsg struct {
	created client.Created
	err     error
	pc      *pendingCreate
}

// pendingCreate is a create in flight: what was asked, where, and the list
// as it was before, so that a token that appears after an unknown outcome
// can be told from the ones that were there.
type pendingCreate struct {
	req    client.NewToken
	on     runOn
	before *table.Index // nil when no list had loaded
	at     time.Time    // when it was sent
}

// createOverlay is the create form in a dialog frame.
type createOverlay struct {
	form     form.Model
	width    int           // the form's width: the frame keeps it, whatever the field
	rotateOf *client.Token // the token being replaced; nil for a plain create
	on       runOn         // the profile it creates on
}

func (c *createOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		return c, nil // relayout sizes it (setSize)
	}
	var cmd tea.Cmd
	c.form, cmd = c.form.Update(msg)
	if c.form.Cancelled() {
		return nil, cmd // closed now: the next key is the dashboard's
	}
	return c, cmd
}

func (c *createOverlay) setSize(w, h int) {
	fw, fh := formSize(w, h)
	c.width = fw
	c.form.SetSize(fw, fh)
}

func (c *createOverlay) view(width, height int) string {
	return theme.Dialog.Width(c.width + theme.Dialog.GetHorizontalPadding()).Render(c.form.View())
}

func (c *createOverlay) helpKeys() []key.Binding { return c.form.KeyMap().ShortHelp() }

func (c *createOverlay) fullHelpKeys() [][]key.Binding { return c.form.KeyMap().FullHelp() }

// takesText: while the form has a text field focused, ? and a burst of
// runes are text.
func (c *createOverlay) takesText() bool { return c.form.TextFocused() }

// formSize is the form's drawing area inside the dialog frame, for a body
// w x h: all of its height, at most 100 columns wide.
func formSize(w, h int) (int, int) {
	fw := min(w, 100) - theme.Dialog.GetHorizontalFrameSize()
	fh := h - theme.Dialog.GetVerticalFrameSize()
	return fw, fh
}

// revealOverlay is the reveal-once dialog.
type revealOverlay struct{ m reveal.Model }

func (r *revealOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		return r, nil // relayout sizes it (setSize)
	}
	var cmd tea.Cmd
	r.m, cmd = r.m.Update(msg)
	if r.m.Closed() {
		return nil, cmd // its ClosedMsg reaches the root
	}
	return r, cmd
}

func (r *revealOverlay) view(width, height int) string {
	if r.m.Plain() {
		return r.m.PlainView(width, height)
	}
	return r.m.View()
}

func (r *revealOverlay) helpKeys() []key.Binding { return r.m.KeyMap().ShortHelp() }

func (r *revealOverlay) setSize(w, h int) { r.m.SetSize(revealSize(w, h)) }

// revealSize is the dialog's size in a body w x h: all of its height, at
// most 90 columns wide.
func revealSize(w, h int) (int, int) { return min(w-4, 90), h }

// openCreate opens the form for a new token on the profile shown, or, with
// rotateOf, for its replacement on its own profile: same permissions, IPs
// and lifetime length, a new name. In the all-profiles table a new token
// asks which profile first (createWhere).
func (m Model) openCreate(rotateOf *client.Token) (tea.Model, tea.Cmd) {
	if rotateOf == nil && m.all != nil {
		return m.askCreateWhere()
	}
	on, ok := m.here(), true
	if rotateOf != nil {
		on, ok = m.onOf(rotateOf)
	}
	if !ok {
		m.status = errorStatus("its profile is not open; r reloads it")
		return m, nil
	}
	return m.openCreateOn(on, rotateOf)
}

// openCreateOn opens the form on profile on, with its catalog and its
// names (a name in use warns).
func (m Model) openCreateOn(on runOn, rotateOf *client.Token) (tea.Model, tea.Cmd) {
	cat, taken := m.catalog, m.table.NameTaken()
	if m.all != nil {
		s := m.all.sources[on.profile]
		cat, taken = s.cat, func(name string) bool { return s.names[lowerName(name)] }
	}
	if cat == nil {
		m.status = infoStatus("the permission catalog has not loaded yet; try again in a moment (r reloads)")
		return m, nil
	}
	fw, fh := formSize(m.width, m.layout.bodyH)
	base := form.Options{Now: m.now, Location: m.opts.Location, Width: fw, Height: fh, NameTaken: taken}
	if rotateOf != nil {
		base = form.RotateOptions(*rotateOf, base)
	}
	if m.all != nil { // every profile is shown: say which this is for
		base.Title = cmp.Or(base.Title, "New token") + " on " + on.label
	}
	m.overlay = &createOverlay{form: form.New(cat.Source(), base), width: fw, rotateOf: rotateOf, on: on}
	m.relayout()
	return m, nil
}

func createCmd(pc *pendingCreate) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		created, err := pc.on.prov.Create(ctx, pc.req)
		return createDoneMsg{created: created, err: err, pc: pc}
	}
}

func (m Model) onCreateFlow(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case form.SubmitMsg:
		on := m.here()
		if co, ok := m.overlay.(*createOverlay); ok && co.on.prov != nil {
			on = co.on
		}
		what := "creating " + client.Sanitize(msg.Request.Name)
		if m.all != nil {
			what += " on " + on.name
		}
		m.status = busyStatus(what + "…")
		m.creating = &pendingCreate{req: msg.Request, on: on, before: m.table.Snapshot(), at: m.now()}
		return m, createCmd(m.creating)
	case form.CancelledMsg:
		// The overlay closed when the form said so (createOverlay.update).
		m.status = infoStatus("nothing created")
		return m, nil
	case createDoneMsg:
		return m.onCreateDone(msg)
	case reveal.ClosedMsg:
		m.keepClear(msg.ClearJob)
		if msg.Quit {
			m.pendingRotate = nil
			return m.quit()
		}
		if old := m.pendingRotate; old != nil {
			m.pendingRotate = nil
			if on, ok := m.onOf(old); ok {
				m.overlay = confirmRotateRevoke(*old, on, m.now())
			}
		}
		m.relayout()
		return m, nil
	case rotateKeptMsg:
		m.status = infoStatus("kept " + labelOf(msg.old) + "; it still works — revoke it with x once nothing uses it")
		return m, nil
	}
	return m, nil
}

func (m Model) onCreateDone(msg createDoneMsg) (tea.Model, tea.Cmd) {
	if m.creating == msg.pc {
		m.creating = nil
	}
	here := msg.pc.on.current(&m)
	co, open := m.overlay.(*createOverlay)
	open = open && here
	var rotateOf *client.Token
	if open {
		rotateOf = co.rotateOf
	}
	record := m.record(msg.pc.on, createRecord(msg.pc, msg.created, msg.err, rotateOf, m.now()))
	if u, unknown := client.AsUnknownOutcome(msg.err); unknown {
		// Never a blind retry: the form goes, and what happened is looked for.
		if open {
			m.overlay = nil
		}
		next, cmd := m.openOutcome(msg.pc, u)
		return next, tea.Batch(cmd, record)
	}
	if msg.err != nil {
		if !here {
			return m, record // a refused create on a profile no longer shown: nothing exists
		}
		m.status = errorStatus("could not create the token: " + msg.err.Error())
		if open {
			co.form.SetError(msg.err)
		}
		return m, record
	}
	// A success is shown even if the profile changed meanwhile: the secret
	// exists nowhere else, and the server will never send it again. It then
	// says which profile it is on, and the list shown is left alone.
	created := msg.created
	where := ""
	switch {
	case !here:
		where = msg.pc.on.label
		m.status = okStatus("on " + where + ": created " + labelOf(created.Token))
	case m.all != nil:
		where = msg.pc.on.label // the table shows every profile: say which
		m.status = okStatus("created " + labelOf(msg.pc.on.listed(created.Token)))
	default:
		m.status = okStatus("created " + labelOf(created.Token))
	}
	rw, rh := revealSize(m.width, m.layout.bodyH)
	dlg := reveal.New(created, m.clip, reveal.Options{
		ClearAfter: m.opts.ClearAfter,
		Details:    m.revealDetails(created),
		Width:      rw,
		Height:     rh,
		Now:        m.now,
		Where:      where,
	})
	m.overlay = &revealOverlay{m: dlg}
	m.relayout()
	if !here {
		return m, tea.Batch(dlg.Init(), record)
	}
	m.pendingRotate = rotateOf
	m.selectAfterLoad = msg.pc.on.rowKey(created.Token.ID)
	next, refresh := m.refreshOn(msg.pc.on)
	return next, tea.Batch(dlg.Init(), refresh, record)
}

// revealDetails are the lines the dialog shows under the secret: what the
// new token claims about itself (a JWT's organisation, id, role, expiry),
// read by the one recogniser (client/inspect), as aligned "Label: value"
// lines. Secrets that carry no claims add nothing.
func (m *Model) revealDetails(c client.Created) []string {
	claims := inspect.RecogniseAt(c.Secret, m.now()).Claims
	width := 0
	for _, f := range claims {
		width = max(width, len(f.Label)+1)
	}
	out := make([]string, len(claims))
	for i, f := range claims {
		out[i] = fmt.Sprintf("%-*s %s", width, f.Label+":", f.Value)
	}
	return out
}

func (m *Model) location() *time.Location {
	if m.opts.Location != nil {
		return m.opts.Location
	}
	return time.Local
}

// selectByID puts the cursor on the token with id; when a filter hides it,
// the filter goes, since the person wants to see what they just made.
func (m *Model) selectByID(id string) {
	if m.table.Select(id) || !m.table.Has(id) || m.table.Query() == "" {
		return
	}
	m.filter.SetValue("")
	m.table.SetQuery("")
	m.table.Select(id)
}
