// Package form is the create-token form. It draws itself entirely from a
// client.Catalog: a GoodAccess catalog gives a grouped scope checklist and
// allowed IPs, a Border0 one a role picker, an Unleash one a type, projects
// and an environment. Every provider gets a name and an expiry, and a review
// with least-privilege warnings before ctrl+s sends the request.
//
// The root embeds a Model, routes keys to it while it is open, and reacts to
// the two messages it emits: SubmitMsg (run Provider.Create in a Cmd, then
// call SetSubmitting(false)/SetError) and CancelledMsg (close it).
package form

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/client"
)

// SubmitMsg asks the root to create the token. The form stays open, marked
// as submitting, until the root calls SetError or closes it.
type SubmitMsg struct{ Request client.NewToken }

// CancelledMsg says the person gave up; the root closes the form.
type CancelledMsg struct{}

// Options configures a form.
type Options struct {
	// Now is the clock for expiry presets and the "in the past" check; nil:
	// time.Now.
	Now func() time.Time
	// Location is where typed dates are read and shown; nil: time.Local.
	Location *time.Location
	// Width and Height are the space the form may draw in.
	Width, Height int
	// Title heads the form; empty: "New token".
	Title string

	// Prefill starts the form from an existing request (Rotate; see
	// RotateOptions). Its ExpiresAt is used only when Lifetime is 0 and
	// NoExpiry is false, and only if it is in the future.
	Prefill *client.NewToken
	// Lifetime starts the expiry at now+Lifetime (the matching preset when
	// there is one, a custom date otherwise).
	Lifetime time.Duration
	// NoExpiry starts the expiry at "never" (if the catalog allows it).
	NoExpiry bool
	// NameTaken reports whether a token of that name exists already (the
	// review warns; a rotation picks a free name); nil: none is known.
	NameTaken func(name string) bool
}

// section is one focus stop of the form.
type section int

const (
	secName section = iota
	secOwner
	secScopes
	secRole
	secProjects
	secEnvironment
	secExpiry
	secIPs
	secReview
)

// fieldSections maps the provider-neutral field names of a ValidationError
// to the section that shows them.
var fieldSections = map[string]section{
	client.FieldName:        secName,
	client.FieldScopes:      secScopes,
	client.FieldRole:        secRole,
	client.FieldProjects:    secProjects,
	client.FieldEnvironment: secEnvironment,
	client.FieldExpiresAt:   secExpiry,
	client.FieldAllowedIPs:  secIPs,
	client.FieldOwner:       secOwner,
}

// Model is the create form.
type Model struct {
	cat      client.Catalog
	opts     Options
	keys     KeyMap
	sections []section // the ones this catalog needs, in order
	focus    int       // index into sections

	name     nameField
	owner    choiceField
	scopes   scopeField
	role     choiceField
	projects choiceField
	env      choiceField
	expiry   expiryField
	ips      ipField
	review   reviewField

	// localErrs come from the form's own checks, recomputed on every change
	// once a submit was tried; serverErrs from SetError, each dropped when
	// its section is edited.
	localErrs   map[section]string
	serverErrs  map[section]string
	triedSubmit bool
	banner      string
	localBanner bool     // the banner counts localErrs, and follows them
	prefillNote []string // what a prefill could not carry over

	submitting    bool
	confirmCancel bool
	cancelled     bool
	dirty         bool
}

// New builds the form for a catalog.
func New(cat client.Catalog, opts Options) Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Width <= 0 {
		opts.Width = 80
	}
	if opts.Height <= 0 {
		opts.Height = 24
	}
	if opts.Title == "" {
		opts.Title = "New token"
	}
	m := Model{
		cat:        cat,
		opts:       opts,
		keys:       DefaultKeyMap(),
		localErrs:  map[section]string{},
		serverErrs: map[section]string{},
	}
	m.sections = append(m.sections, secName)
	if len(cat.Owners) > 0 {
		m.sections = append(m.sections, secOwner)
	}
	if len(cat.ScopeGroups) > 0 {
		m.sections = append(m.sections, secScopes)
	}
	if len(cat.Roles) > 0 {
		m.sections = append(m.sections, secRole)
	}
	if len(cat.Projects) > 0 {
		m.sections = append(m.sections, secProjects)
	}
	if len(cat.Environments) > 0 {
		m.sections = append(m.sections, secEnvironment)
	}
	m.sections = append(m.sections, secExpiry)
	if cat.AllowedIPs {
		m.sections = append(m.sections, secIPs)
	}
	m.sections = append(m.sections, secReview)

	m.name = newNameField(cat)
	m.owner = newOwnerField(cat)
	m.scopes = newScopeField(cat)
	m.role = newRoleField(cat)
	m.projects = newProjectField(cat)
	m.env = newEnvironmentField(cat)
	m.expiry = newExpiryField(cat)
	m.ips = newIPField()
	if opts.Prefill != nil {
		m.applyPrefill(*opts.Prefill)
	}
	m.applyExpiryPrefill()
	m.focusSection()
	m.SetSize(opts.Width, opts.Height)
	return m
}

// Init implements the Bubble Tea contract; the form needs no start-up Cmd.
func (m Model) Init() tea.Cmd { return nil }

// SetSize gives the form the space it may draw in.
func (m *Model) SetSize(w, h int) {
	m.opts.Width, m.opts.Height = max(w, 30), max(h, 10)
	inputW := max(m.opts.Width-labelWidth-14, 10)
	m.name.input.Width = inputW
	m.scopes.filter.Width = inputW
	m.expiry.custom.Width = 20
	m.ips.input.Width = min(inputW, 45)
	m.keepCursorsVisible()
}

// SetSubmitting marks the request as in flight (keys are ignored, the form
// says "creating…") or not.
func (m *Model) SetSubmitting(on bool) { m.submitting = on }

// TextFocused reports whether a text field has the keys (the name, the
// scope filter being typed, a custom date, an allowed IP): then ? and a
// burst of runes are text, not keys.
func (m Model) TextFocused() bool {
	if m.confirmCancel || m.submitting {
		return false
	}
	switch m.focused() {
	case secName:
		return true
	case secScopes:
		return m.scopes.filtering
	case secExpiry:
		return m.expiry.options[m.expiry.cursor].kind == expiryCustom
	case secIPs:
		return m.ips.selected < 0
	}
	return false
}

// Submitting reports whether a request is in flight.
func (m Model) Submitting() bool { return m.submitting }

// SetError shows why the create failed and keeps everything typed. A
// *client.ValidationError puts each field's messages on that field and
// focuses the first; anything else shows a banner offering a retry.
func (m *Model) SetError(err error) {
	m.submitting = false
	m.localBanner = false
	if err == nil {
		m.banner = ""
		return
	}
	var verr *client.ValidationError
	if !errors.As(err, &verr) {
		m.banner = err.Error() + " — ctrl+s to retry"
		return
	}
	m.serverErrs = map[section]string{}
	var loose []string
	for field, msgs := range verr.Fields {
		sec, ok := fieldSections[field]
		if !ok || !m.has(sec) {
			loose = append(loose, field+": "+strings.Join(msgs, "; "))
			continue
		}
		m.serverErrs[sec] = strings.Join(msgs, "; ")
	}
	sort.Strings(loose) // Fields is a map: keep the banner stable
	if verr.Message != "" {
		loose = append([]string{verr.Message}, loose...)
	}
	switch {
	case len(loose) > 0:
		m.banner = "The server refused: " + strings.Join(loose, "; ")
	default:
		m.banner = "The server refused the marked fields; fix them and press ctrl+s."
	}
	for i, sec := range m.sections {
		if m.serverErrs[sec] != "" {
			m.setFocus(i)
			break
		}
	}
	m.keepCursorsVisible()
}

// Update handles keys; the form ignores every other message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.submitting {
		return m, nil
	}
	key, ok := msg.(tea.KeyMsg)
	if !ok {
		// A text input's own messages (the result of ctrl+v) go back to
		// whichever input has the focus.
		return m, m.updateFocusedInput(msg)
	}
	if m.confirmCancel {
		return m.updateConfirmCancel(key)
	}
	var cmd tea.Cmd
	switch {
	case keyMatches(key, m.keys.Submit):
		return m.submit()
	case keyMatches(key, m.keys.Next):
		m.setFocus(m.focus + 1)
	case keyMatches(key, m.keys.Prev):
		m.setFocus(m.focus - 1)
	case keyMatches(key, m.keys.Cancel) && !m.sectionWantsEsc():
		return m.cancel()
	default:
		cmd = m.updateSection(key)
	}
	if m.triedSubmit {
		m.localErrs = m.validate()
		m.countProblems()
	}
	m.keepCursorsVisible()
	return m, cmd
}

// countProblems keeps the "fix N fields" banner true to the fields as they
// are now: it counts down as they are fixed and goes when none is left.
func (m *Model) countProblems() {
	if !m.localBanner {
		return
	}
	if n := len(m.localErrs); n > 0 {
		m.banner = fmt.Sprintf("Fix %d field%s before creating.", n, plural(n))
		return
	}
	m.banner, m.localBanner = "", false
}

func (m *Model) updateSection(key tea.KeyMsg) tea.Cmd {
	switch m.focused() {
	case secName:
		return m.updateName(key)
	case secOwner:
		m.updateOwner(key)
	case secScopes:
		m.updateScopes(key)
	case secRole:
		m.updateRole(key)
	case secProjects:
		m.updateProjects(key)
	case secEnvironment:
		m.updateEnvironment(key)
	case secExpiry:
		return m.updateExpiry(key)
	case secIPs:
		return m.updateIPs(key)
	case secReview:
		return m.updateReview(key)
	}
	return nil
}

func (m *Model) updateFocusedInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.name.input.Focused():
		before := m.name.input.Value()
		m.name.input, cmd = m.name.input.Update(msg)
		if m.name.input.Value() != before {
			m.edited(secName)
		}
	case m.scopes.filter.Focused():
		m.scopes.filter, cmd = m.scopes.filter.Update(msg)
	case m.expiry.custom.Focused():
		before := m.expiry.custom.Value()
		m.expiry.custom, cmd = m.expiry.custom.Update(msg)
		if m.expiry.custom.Value() != before {
			m.expiry.picked = m.expiry.index(expiryCustom)
			m.edited(secExpiry)
		}
	case m.ips.input.Focused():
		before := m.ips.input.Value()
		m.ips.input, cmd = m.ips.input.Update(msg)
		if m.ips.input.Value() != before {
			m.edited(secIPs)
		}
	}
	return cmd
}

// sectionWantsEsc: esc first clears an active scope filter, and only then
// cancels the form.
func (m Model) sectionWantsEsc() bool {
	return m.focused() == secScopes && (m.scopes.filtering || m.scopes.filter.Value() != "")
}

// edited records that the person changed a section: the form is now worth
// asking about before discarding, and the server's complaint about that
// section is stale.
func (m *Model) edited(sec section) {
	m.dirty = true
	delete(m.serverErrs, sec)
}

func (m Model) submit() (Model, tea.Cmd) {
	m.triedSubmit = true
	m.localErrs = m.validate()
	if len(m.localErrs) > 0 {
		m.localBanner = true
		m.countProblems()
		for i, sec := range m.sections {
			if m.localErrs[sec] != "" {
				m.setFocus(i)
				break
			}
		}
		m.keepCursorsVisible()
		return m, nil
	}
	req := m.request()
	m.banner, m.localBanner = "", false
	m.submitting = true
	return m, func() tea.Msg { return SubmitMsg{Request: req} }
}

func (m Model) cancel() (Model, tea.Cmd) {
	if m.dirty {
		m.confirmCancel = true
		return m, nil
	}
	m.cancelled = true
	return m, func() tea.Msg { return CancelledMsg{} }
}

// Cancelled reports whether the person gave up: a host may close the form
// at once, before its CancelledMsg arrives, so the next key is not lost on
// it.
func (m Model) Cancelled() bool { return m.cancelled }

func (m Model) updateConfirmCancel(key tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case keyMatches(key, m.keys.Yes):
		m.confirmCancel, m.cancelled = false, true
		return m, func() tea.Msg { return CancelledMsg{} }
	case keyMatches(key, m.keys.No):
		m.confirmCancel = false
	}
	return m, nil
}

func (m Model) focused() section { return m.sections[m.focus] }

func (m Model) has(sec section) bool {
	for _, s := range m.sections {
		if s == sec {
			return true
		}
	}
	return false
}

// setFocus moves to section i (wrapping), blurring and focusing text
// inputs. A role its owner decides is stepped over, in the direction of
// travel.
func (m *Model) setFocus(i int) {
	n := len(m.sections)
	step := 1
	if i < m.focus {
		step = -1
	}
	m.focus = ((i % n) + n) % n
	if m.focused() == secRole && m.roleFromOwner() {
		m.focus = (((m.focus + step) % n) + n) % n
	}
	m.focusSection()
}

func (m *Model) focusSection() {
	m.name.input.Blur()
	m.scopes.filter.Blur()
	m.scopes.filtering = false
	m.expiry.custom.Blur()
	m.ips.input.Blur()
	switch m.focused() {
	case secName:
		m.name.input.Focus()
	case secExpiry:
		m.expiry.syncFocus()
	case secIPs:
		m.ips.syncFocus()
	}
}

// errFor is the message shown on a section: the form's own check first.
func (m Model) errFor(sec section) string {
	if e := m.localErrs[sec]; e != "" {
		return e
	}
	return m.serverErrs[sec]
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
