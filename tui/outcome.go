package tui

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/clipcmd"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// A create whose answer was lost or could not be read (a reset, a timeout,
// a 5xx, a cut, odd or oversized answer) may have made a token whose
// secret tokentui never received. This dialog says so plainly, never
// offers a blind retry (that would make a second token), shows whatever in
// the answer may be the secret, and looks in the token list for a token of
// that name that was not there before: if one appeared, it names it and
// offers to revoke it.

// outcomeSearchMsg is what the list holds after an unknown outcome.
type outcomeSearchMsg struct {
	search int // which search it answers (outcomeOverlay.search)
	found  []client.Token
	err    error
}

// askRevokeFoundMsg asks for the revoke confirmation of the tokens found.
type askRevokeFoundMsg struct {
	targets []client.Token
	on      runOn
}

// copyCandidateMsg asks the root to copy a candidate secret.
type copyCandidateMsg struct {
	index  int
	secret string
}

var searches atomic.Uint64

type outcomeKeys struct {
	Copy, Revoke, Again, Close, Quit, Yes, No key.Binding
}

func newOutcomeKeys() outcomeKeys {
	return outcomeKeys{
		Copy:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "copy a candidate")),
		Revoke: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "revoke what was found")),
		Again:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "look again")),
		Close:  key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("esc", "close")),
		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Yes:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes"), key.WithDisabled()),
		No:     key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "back"), key.WithDisabled()),
	}
}

// outcomeOverlay is the dialog of a create whose outcome is unknown.
type outcomeOverlay struct {
	pc         *pendingCreate
	err        *client.UnknownOutcomeError
	search     int  // the search whose answer is awaited or shown
	searching  bool // a search is under way
	found      []client.Token
	searchErr  error
	candidates []string
	copied     map[int]bool // candidates copied (index)
	lastCopy   int          // the candidate asked for last
	asking     bool         // the close question is showing
	quitting   bool         // it asks because of q or ctrl+c
	keys       outcomeKeys
}

func newOutcome(pc *pendingCreate, u *client.UnknownOutcomeError) *outcomeOverlay {
	return &outcomeOverlay{pc: pc, err: u, candidates: u.Candidates, copied: map[int]bool{}, keys: newOutcomeKeys()}
}

// look starts a search of the list.
func (o *outcomeOverlay) look() tea.Cmd {
	o.search = int(searches.Add(1))
	o.searching = true
	return findCreatedCmd(o.pc, o.search)
}

// unsaved reports whether closing would drop candidates none of which was
// copied: one of them may be the only copy of the secret.
func (o *outcomeOverlay) unsaved() bool { return len(o.candidates) > 0 && len(o.copied) == 0 }

// findCreatedCmd lists the tokens on the create's profile and keeps those
// with the requested name that were not in the list before it was sent.
func findCreatedCmd(pc *pendingCreate, search int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		tokens, err := pc.on.prov.List(ctx)
		if err != nil {
			return outcomeSearchMsg{search: search, err: err}
		}
		for i := range tokens {
			tokens[i] = pc.on.listed(tokens[i])
		}
		var known func(string) bool
		if pc.before != nil {
			known = func(id string) bool { return pc.before.Contains(pc.on.rowKey(id)) }
		}
		return outcomeSearchMsg{search: search, found: client.Appeared(tokens, pc.req.Name, known, pc.at)}
	}
}

func (o *outcomeOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	switch msg := msg.(type) {
	case outcomeSearchMsg:
		if msg.search == o.search {
			o.searching, o.found, o.searchErr = false, msg.found, msg.err
		}
		return o, nil
	case clipcmd.CopiedMsg:
		if msg.Result.MayHold() {
			o.copied[o.lastCopy] = true
		}
		return o, nil
	case tea.KeyMsg:
		return o.onKey(msg)
	}
	return o, nil
}

func (o *outcomeOverlay) onKey(k tea.KeyMsg) (overlay, tea.Cmd) {
	if o.asking {
		switch {
		case key.Matches(k, o.keys.Yes):
			if o.quitting {
				return nil, deliver(quitConfirmedMsg{})
			}
			return nil, nil
		case key.Matches(k, o.keys.No):
			o.asking, o.quitting = false, false
			o.keys.Yes.SetEnabled(false)
			o.keys.No.SetEnabled(false)
		}
		return o, nil
	}
	switch {
	case key.Matches(k, o.keys.Copy):
		i := int(k.Runes[0] - '1')
		if i >= len(o.candidates) {
			return o, nil
		}
		o.lastCopy = i
		return o, deliver(copyCandidateMsg{index: i, secret: o.candidates[i]})
	case key.Matches(k, o.keys.Revoke) && len(o.found) > 0:
		return nil, deliver(askRevokeFoundMsg{targets: o.found, on: o.pc.on})
	case key.Matches(k, o.keys.Again) && !o.searching:
		return o, o.look()
	case key.Matches(k, o.keys.Close), key.Matches(k, o.keys.Quit):
		o.quitting = key.Matches(k, o.keys.Quit)
		if !o.unsaved() {
			if o.quitting {
				return nil, deliver(quitConfirmedMsg{})
			}
			return nil, nil
		}
		o.asking = true
		o.keys.Yes.SetEnabled(true)
		o.keys.No.SetEnabled(true)
	}
	return o, nil
}

func (o *outcomeOverlay) view(width, height int) string {
	inner := dialogWidth(width, 80)
	var b strings.Builder
	name := tokenfmt.Name(client.Sanitize(o.pc.req.Name))
	title := "⚠ “" + name + "” may have been created"
	if o.err.Accepted {
		title = "⚠ “" + name + "” was created, but its secret did not arrive as expected"
	}
	b.WriteString(theme.DangerTitle.Render(tokenfmt.Fit(title, inner)))
	b.WriteString("\n")
	para := func(style func(...string) string, s string) {
		b.WriteString("\n" + style(ansi.Wrap(s, inner, " ")))
	}
	para(theme.Muted.Render, "On "+client.Sanitize(o.pc.on.label)+". "+client.Sanitize(o.err.Err.Error())+".")
	para(theme.Muted.Render, "The request reached the server, so trying again could make a second token; tokentui will not retry it.")
	o.writeCandidates(&b, inner)
	b.WriteString("\n")
	o.writeSearch(&b, inner)
	b.WriteString("\n\n")
	if o.asking {
		verb := "Close"
		if o.quitting {
			verb = "Quit tokentui"
		}
		para(theme.ErrorText.Render, verb+" without copying? If one of the strings above is the secret, it cannot be shown again.")
		b.WriteString("\n" + keyHints(o.keys.Yes, o.keys.No))
	} else {
		b.WriteString(keyHints(o.helpKeys()...))
	}
	return theme.DangerDialog.Render(b.String())
}

// writeCandidates shows the strings of an odd answer that may be the
// secret, as sent (sanitised), each numbered for its copy key.
func (o *outcomeOverlay) writeCandidates(b *strings.Builder, inner int) {
	if len(o.candidates) == 0 {
		if o.err.Accepted {
			b.WriteString("\n" + theme.ErrorText.Render(ansi.Wrap("Nothing in the answer looks like the secret: it was not received.", inner, " ")))
		}
		return
	}
	b.WriteString("\n\n" + theme.RevealOnce.Render(ansi.Wrap("The answer held these strings; one of them may be the secret (a guess: check it before you rely on it):", inner, " ")))
	const maxLines = 3
	for i, c := range o.candidates {
		lines := strings.Split(ansi.Hardwrap(c, inner-4, true), "\n")
		if len(lines) > maxLines {
			lines = append(lines[:maxLines], "… ("+strconv.Itoa(len(c))+" characters; "+strconv.Itoa(i+1)+" copies it whole)")
		}
		mark := "  "
		if o.copied[i] {
			mark = "✓ "
		}
		for j, l := range lines {
			prefix := "    "
			if j == 0 {
				prefix = strconv.Itoa(i+1) + " " + mark
			}
			b.WriteString("\n" + theme.Key.Render(prefix) + theme.RevealSecret.Render(l))
		}
	}
}

// writeSearch says what the list holds.
func (o *outcomeOverlay) writeSearch(b *strings.Builder, inner int) {
	line := func(style func(...string) string, s string) {
		b.WriteString("\n" + style(ansi.Wrap(s, inner, " ")))
	}
	name := tokenfmt.Name(client.Sanitize(o.pc.req.Name))
	switch {
	case o.searching:
		line(theme.Muted.Render, "Looking for it in the token list…")
	case o.searchErr != nil:
		line(theme.ErrorText.Render, "Could not read the token list: "+client.Sanitize(o.searchErr.Error())+". r tries again.")
	case len(o.found) == 0:
		line(theme.Muted.Render, "No new token named “"+name+"” is in the list now: it was probably not created, though a server may take a moment to list a new token. r looks again; do that before n creates it anew.")
	default:
		line(theme.ErrorText.Render, "It is in the list now:")
		for _, t := range o.found {
			created := ""
			if !t.CreatedAt.IsZero() {
				created = " · created " + t.CreatedAt.Local().Format("15:04:05")
			}
			b.WriteString("\n  " + tokenLabel(t, inner-24) + theme.Muted.Render(created))
		}
		advice := "Its secret was not received: nothing can use it. x revokes it."
		if len(o.candidates) > 0 {
			advice = "Unless one of the strings above is its secret, nothing can use it: x revokes it."
		}
		line(theme.Muted.Render, advice)
	}
}

func (o *outcomeOverlay) helpKeys() []key.Binding {
	if o.asking {
		return []key.Binding{o.keys.Yes, o.keys.No}
	}
	var out []key.Binding
	if len(o.candidates) > 0 {
		c := o.keys.Copy
		c.SetHelp("1-"+strconv.Itoa(len(o.candidates)), "copy a candidate")
		if len(o.candidates) == 1 {
			c.SetHelp("1", "copy the candidate")
		}
		out = append(out, c)
	}
	if len(o.found) > 0 {
		out = append(out, o.keys.Revoke)
	}
	if !o.searching {
		out = append(out, o.keys.Again)
	}
	return append(out, o.keys.Close, o.keys.Quit)
}

// openOutcome shows a create's unknown outcome and starts looking for the
// token; on the profile shown, the table is refreshed as well.
func (m Model) openOutcome(pc *pendingCreate, u *client.UnknownOutcomeError) (tea.Model, tea.Cmd) {
	o := newOutcome(pc, u)
	m.overlay = o
	what := "“" + client.Sanitize(pc.req.Name) + "” may have been created; its secret was not received"
	if len(u.Candidates) > 0 {
		what = "“" + client.Sanitize(pc.req.Name) + "” was created; its answer was odd: see the strings it held"
	}
	if !pc.on.current(&m) {
		what = "on " + pc.on.label + ": " + what
	}
	m.status = errorStatus(what)
	m.relayout()
	cmds := []tea.Cmd{o.look()}
	if pc.on.current(&m) {
		next, refresh := m.refreshOn(pc.on)
		m = next.(Model)
		cmds = append(cmds, refresh)
	}
	return m, tea.Batch(cmds...)
}

func (m Model) onOutcome(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case outcomeSearchMsg:
		return m.forwardToOverlay(msg)
	case askRevokeFoundMsg:
		if m.revoking > 0 {
			m.status = infoStatus("a revoke is still running")
			return m, nil
		}
		m.overlay = confirmRevoke([]revokeGroup{{on: msg.on, targets: msg.targets}}, nil, m.now())
		m.relayout()
		return m, nil
	case copyCandidateMsg:
		return m.copySecret(msg.secret, "candidate "+strconv.Itoa(msg.index+1))
	}
	return m, nil
}
