// Package reveal is the dialog that shows a new token's secret the one time
// the server sends it: in full, copied to the clipboard at once, and cleared
// from the clipboard later if it is still there.
package reveal

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/tui/clipboard"
	"github.com/tokentui/tokentui/tui/clipcmd"
)

// DefaultClearAfter is how long a copied secret may stay on the clipboard.
const DefaultClearAfter = 45 * time.Second

// Options configures the dialog.
type Options struct {
	// ClearAfter is how long after a copy the clipboard is cleared (if it
	// still holds the secret). 0 means DefaultClearAfter, so a zero Options
	// is the safe one; negative means never.
	ClearAfter time.Duration
	// Details are extra lines the root supplies, such as the decoded claims
	// of a Border0 JWT. They are sanitised before display.
	Details []string
	// Width and Height are the space the dialog may use (its frame included).
	Width, Height int
	// Now tells the time of the clear ("cleared at 10:42:15"); nil: time.Now.
	Now func() time.Time
	// Where names the profile the token was created on, when that is not
	// the one shown behind the dialog ("" otherwise).
	Where string
}

// ClosedMsg says the dialog was closed. The secret is no longer held by the
// dialog; a pending clipboard clear still holds it until it runs, and travels
// here so the root can run it early when the program quits.
type ClosedMsg struct {
	// ClearJob is the clear still pending when the dialog closed; nil when
	// there is none (never copied, already cleared, or clearing disabled).
	ClearJob *clipcmd.ClearJob
	// Quit: it was closed by q or ctrl+c, so the program is to quit too.
	Quit bool
}

// Model is the reveal-once dialog.
type Model struct {
	token   client.Token
	warning string
	// grantDiffs and unconfirmed say how what the server granted differs
	// from what was asked, or why that is unknown (client.Created).
	grantDiffs  []string
	unconfirmed string
	secret      string // the one copy the dialog holds; zeroed on close
	shown       string // the secret as drawn: sanitised
	clip        clipboard.Clipboard
	opts        Options
	keys        KeyMap
	ref         string // tells our CopiedMsgs from anyone else's

	copying    bool
	copyResult *clipboard.Result // nil until the first copy reports
	copiedOnce bool              // some copy reached a clipboard (maybe unconfirmed)
	hidden     bool
	plain      bool // the secret alone on the screen (PlainView)
	confirm    bool // the close question is showing
	quitting   bool // it asks because of q or ctrl+c: yes quits tokentui
	closed     bool
	// retrievable: the token list keeps this secret (Created.Retrievable),
	// so closing loses nothing and needs no question.
	retrievable bool

	clearJob    *clipcmd.ClearJob
	clearAt     time.Time
	clearResult *clipboard.ClearResult
}

var instances atomic.Uint64

// New builds the dialog for a freshly created token. Init copies the secret.
func New(created client.Created, clip clipboard.Clipboard, opts Options) Model {
	if opts.ClearAfter == 0 {
		opts.ClearAfter = DefaultClearAfter
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Width <= 0 {
		opts.Width = 80
	}
	if opts.Height <= 0 {
		opts.Height = 24
	}
	details := make([]string, len(opts.Details))
	for i, d := range opts.Details {
		details[i] = client.Sanitize(d)
	}
	opts.Details = details
	return Model{
		token:       created.Token,
		warning:     client.Sanitize(created.Warning),
		grantDiffs:  client.SanitizeAll(created.GrantDiffs),
		unconfirmed: client.Sanitize(created.GrantsUnconfirmed),
		secret:      created.Secret,
		// A hostile server could put escape sequences in a "secret"; what
		// is drawn is sanitised, what is copied is what the server sent.
		shown:       client.Sanitize(created.Secret),
		clip:        clip,
		opts:        opts,
		keys:        defaultKeys(),
		ref:         "reveal/" + strconv.FormatUint(instances.Add(1), 10),
		retrievable: created.Retrievable,
	}
}

// Init copies the secret at once.
func (m Model) Init() tea.Cmd { return m.copyCmd() }

func (m Model) copyCmd() tea.Cmd {
	if m.secret == "" || m.clip == nil {
		return nil
	}
	return clipcmd.Copy(m.clip, m.secret, m.ref)
}

// SetSize gives the dialog the space it may use.
func (m *Model) SetSize(w, h int) {
	m.opts.Width, m.opts.Height = w, h
}

// KeyMap returns the keys for the root's help view.
func (m Model) KeyMap() KeyMap { return m.keys }

// PendingClear is the clipboard clear scheduled by the last copy while it
// has not run yet; nil otherwise. The root clears it at once on quit.
func (m Model) PendingClear() *clipcmd.ClearJob {
	if m.clearJob.Pending() {
		return m.clearJob
	}
	return nil
}

// Plain reports whether the dialog shows the secret alone (PlainView).
func (m Model) Plain() bool { return m.plain && !m.closed }

// Closed reports whether the dialog has been closed.
func (m Model) Closed() bool { return m.closed }

// Update handles keys, the copy's outcome and the clear timer.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.closed {
		return m, nil
	}
	switch msg := msg.(type) {
	case clipcmd.CopiedMsg:
		if msg.Ref != m.ref {
			return m, nil
		}
		return m.copied(msg.Result)
	case clipcmd.ClearDueMsg:
		// The root's janitor may have run this job already; HandleClearDue
		// makes sure it runs once.
		return m, clipcmd.HandleClearDue(msg)
	case clipcmd.ClearedMsg:
		if msg.For(m.clearJob) {
			res := msg.Result
			m.clearResult = &res
		}
		return m, nil
	case tea.KeyMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

func (m Model) copied(res clipboard.Result) (Model, tea.Cmd) {
	m.copying = false
	m.copyResult = &res
	// A slow system clipboard may take the secret after Copy gave up on
	// it: it must be cleared all the same.
	if !res.MayHold() {
		return m, nil
	}
	m.copiedOnce = true
	m.clearResult = nil
	if m.confirm && !m.quitting && res.Confirmed() {
		// Asked while the copy was still running: it is safe now, so the
		// question goes (the dialog stays; enter closes it without one).
		m.confirm = false
		m.keys.confirming(false)
	}
	// A new copy of this secret restarts the countdown: the old job would
	// clear earlier than this dialog now promises.
	m.clearJob.Cancel()
	m.clearJob = nil
	if m.opts.ClearAfter < 0 {
		return m, nil
	}
	now := m.opts.Now()
	job, tick := clipcmd.ScheduleClear(m.clip, m.secret, now, m.opts.ClearAfter)
	m.clearJob = job
	m.clearAt = now.Add(m.opts.ClearAfter)
	return m, tick
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.confirm {
		switch {
		case key.Matches(msg, m.keys.Confirm):
			return m.close()
		case key.Matches(msg, m.keys.Back):
			m.confirm, m.quitting = false, false
			m.keys.confirming(false)
		}
		return m, nil // ctrl+c again keeps asking: only y loses the secret
	}
	if m.plain {
		// p or esc return to the dialog; c still copies.
		if key.Matches(msg, m.keys.Plain) || msg.Type == tea.KeyEsc {
			m.plain = false
			return m, nil
		}
		if !key.Matches(msg, m.keys.Copy, m.keys.Quit) {
			return m, nil
		}
		m.plain = key.Matches(msg, m.keys.Copy) // quitting shows its question
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		m.quitting = true
		if m.needsConfirm() {
			m.confirm = true
			m.keys.confirming(true)
			return m, nil
		}
		return m.close()
	case key.Matches(msg, m.keys.Plain):
		m.plain = true
	case key.Matches(msg, m.keys.Copy):
		if m.copying {
			return m, nil
		}
		m.copying = true
		return m, m.copyCmd()
	case key.Matches(msg, m.keys.Toggle):
		m.hidden = !m.hidden
	case key.Matches(msg, m.keys.Close):
		if m.needsConfirm() {
			m.confirm = true
			m.keys.confirming(true)
			return m, nil
		}
		return m.close()
	}
	return m, nil
}

// needsConfirm: closing (or quitting) loses the secret for good unless the
// token list keeps it, or a copy is known to have reached the clipboard and
// no clear has run since. An OSC 52 copy is not known to have worked; after
// a clear (or an attempt that found something else there) the secret may be
// nowhere. Each asks, in words that say why.
func (m Model) needsConfirm() bool {
	if m.retrievable {
		return false
	}
	return m.copyResult == nil || !m.copyResult.Confirmed() || m.clearResult != nil
}

func (m Model) close() (Model, tea.Cmd) {
	// Go strings cannot be wiped; dropping the references is what we can do.
	// The pending clear job keeps its own reference until it runs.
	m.secret = ""
	m.shown = ""
	m.closed = true
	m.confirm = false
	var job *clipcmd.ClearJob
	if m.clearJob.Pending() {
		job = m.clearJob
	}
	quit := m.quitting
	return m, func() tea.Msg { return ClosedMsg{ClearJob: job, Quit: quit} }
}

// Format keeps fmt from printing the secret if someone logs the model.
func (m Model) Format(f fmt.State, _ rune) { fmt.Fprint(f, "reveal.Model{…}") }
