package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/find"
	"github.com/tokentui/tokentui/client/inspect"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// f finds a leaked secret: a prompt whose input is masked takes the
// secret, the lists already loaded are asked (client/find: every provider
// that can tell which of its tokens a secret is; GoodAccess cannot, and
// says so), and the answer names the profile and the token; enter jumps to
// it, x revokes it. The secret leaves the prompt when enter is pressed and
// lives only in the command that matches it; it is remembered for
// client.Scrub, so no status or error can show it.

// findDoneMsg is what every profile told about the secret.
type findDoneMsg struct {
	search  int
	looks   string // what the secret looks like (inspect), never the secret
	results []find.Result
	labels  []string // each result's profile, for people
}

// findSource is one profile to ask, as the dashboard holds it.
type findSource struct {
	src   find.Source
	label string
	ix    *table.Index // its list, read in the command
}

type findKeys struct {
	Find, Jump, Revoke, Again, Close key.Binding
}

// findOverlay is the prompt, then the answer.
type findOverlay struct {
	input     textinput.Model
	search    int  // the search awaited; 0 before enter
	searching bool // the secret is being looked for
	done      *findDoneMsg
	keys      findKeys
}

func newFindOverlay() *findOverlay {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "paste the secret (it is not shown)"
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 16 << 10 // a Border0 JWT is a few hundred bytes; nothing is longer
	in.Width = 40
	in.Focus()
	return &findOverlay{input: in, keys: findKeys{
		Find:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "find it")),
		Jump:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to it")),
		Revoke: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "revoke it")),
		Again:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "find another")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}}
}

// takesText: the prompt's keys are the secret.
func (f *findOverlay) takesText() bool { return f.done == nil && !f.searching }

// openFind opens the prompt.
func (m Model) openFind() (tea.Model, tea.Cmd) {
	o := newFindOverlay()
	m.overlay = o
	m.relayout()
	return m, textinput.Blink
}

// findJumpMsg and findRevokeMsg ask the root to act on what was found.
type (
	findJumpMsg   struct{ key string }
	findRevokeMsg struct{ tokens []client.Token }
)

func (f *findOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	switch msg := msg.(type) {
	case findDoneMsg:
		if msg.search == f.search {
			f.searching, f.done = false, &msg
		}
		return f, nil
	case tea.KeyMsg:
		return f.onKey(msg)
	}
	if f.takesText() {
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(msg) // cursor blink
		return f, cmd
	}
	return f, nil
}

func (f *findOverlay) onKey(k tea.KeyMsg) (overlay, tea.Cmd) {
	switch {
	case key.Matches(k, f.keys.Close):
		return nil, nil
	case f.searching:
		return f, nil
	case f.done == nil && key.Matches(k, f.keys.Find):
		secret := client.NormalizeSecret(f.input.Value())
		f.input.SetValue("") // the prompt keeps nothing
		if secret == "" {
			return f, nil
		}
		client.RememberSecret(secret)
		f.search, f.searching = int(searches.Add(1)), true
		return f, deliver(findAskMsg{search: f.search, secret: secret})
	case f.done == nil:
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(k)
		return f, cmd
	case key.Matches(k, f.keys.Again):
		return newFindOverlay(), textinput.Blink
	}
	found := find.FoundIn(f.done.results)
	switch {
	case len(found) == 0:
	case key.Matches(k, f.keys.Jump):
		return nil, deliver(findJumpMsg{key: table.RowKey(&found[0].Token)})
	case key.Matches(k, f.keys.Revoke):
		tokens := make([]client.Token, len(found))
		for i, r := range found {
			tokens[i] = r.Token
		}
		return nil, deliver(findRevokeMsg{tokens: tokens})
	}
	return f, nil
}

// findAskMsg carries the secret from the prompt to the root, which knows
// the lists to ask; it is never stored.
type findAskMsg struct {
	search int
	secret string
}

// onFind runs a search, jumps to what it found or asks to revoke it.
func (m Model) onFind(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case findAskMsg:
		return m, findCmd(msg.search, msg.secret, m.findSources())
	case findDoneMsg:
		return m.forwardToOverlay(msg)
	case findJumpMsg:
		m.focus = focusTable
		m.selectByID(msg.key)
		m.relayout()
		return m, nil
	case findRevokeMsg:
		m.selectByID(table.RowKey(&msg.tokens[0])) // in sight behind the question
		groups, _ := m.groupByProfile(msg.tokens)
		if len(groups) == 0 {
			return m, nil
		}
		m.overlay = confirmRevoke(groups, nil, m.now())
		m.relayout()
		return m, nil
	}
	return m, nil
}

// findSources are the lists to ask: the profile shown, or every profile
// of the all-profiles table (one still loading or down is said to be).
func (m *Model) findSources() []findSource {
	if m.all == nil {
		p, _ := m.currentProfile()
		return []findSource{{src: find.Source{Profile: p.Name, Provider: m.opts.Provider, Listed: true}, label: m.opts.ProfileLabel, ix: m.table.Snapshot()}}
	}
	out := make([]findSource, len(m.all.sources))
	for i, p := range m.opts.Profiles {
		s := &m.all.sources[i]
		out[i] = findSource{src: find.Source{Profile: p.Name, Kind: p.Provider, Provider: s.prov, Tokens: s.tokens, Listed: true}, label: ProfileLabel(p)}
		switch {
		case s.err != nil:
			out[i].src.Err = s.err
		case !s.loaded():
			out[i].src.Err = errors.New("still loading")
		}
	}
	return out
}

// findCmd asks every source about the secret, off the Update path (an
// Unleash list of 100 000 secrets is hashed and compared).
func findCmd(search int, secret string, sources []findSource) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		srcs := make([]find.Source, len(sources))
		labels := make([]string, len(sources))
		for i, s := range sources {
			srcs[i], labels[i] = s.src, s.label
			if s.ix != nil {
				srcs[i].Tokens = s.ix.Live()
			}
		}
		results := find.Lookup(ctx, secret, srcs)
		looks := inspect.Recognise(secret).Title
		return findDoneMsg{search: search, looks: looks, results: results, labels: labels}
	}
}

func (f *findOverlay) view(width, height int) string {
	inner := dialogWidth(width, 90)
	var b strings.Builder
	b.WriteString(theme.Title.Render("Find a leaked secret"))
	b.WriteString("\n\n")
	switch {
	case f.searching:
		b.WriteString(theme.Muted.Render("looking in every list…"))
	case f.done == nil:
		b.WriteString(theme.Muted.Render(ansi.Wrap("Paste the secret and press enter: it is masked here, compared with what each profile's list holds, and kept nowhere.", inner, " ")))
		b.WriteString("\n\n" + theme.FilterPrompt.Render("secret ") + f.input.View())
	default:
		f.writeResults(&b, inner)
	}
	b.WriteString("\n\n" + keyHints(f.helpKeys()...))
	return theme.Dialog.Render(b.String())
}

// writeResults says what each profile told, the token found first.
func (f *findOverlay) writeResults(b *strings.Builder, inner int) {
	d := f.done
	b.WriteString(theme.Muted.Render(tokenfmt.Fit("It looks like: "+client.Sanitize(d.looks), inner)))
	found := find.FoundIn(d.results)
	if len(found) == 0 {
		b.WriteString("\n\n" + theme.WarnText.Render(ansi.Wrap("No profile can tell which token this is.", inner, " ")))
	}
	for _, r := range found {
		b.WriteString("\n\n" + theme.DangerTitle.Render("It is ") + tokenLabel(r.Token, inner-8))
		if r.Token.Self {
			b.WriteString("\n" + theme.ErrorText.Render(tokenfmt.SelfTag+" the admin token tokentui uses there"))
		}
		b.WriteString("\n" + theme.Muted.Render(ansi.Wrap(client.Sanitize(r.Says), inner, " ")))
	}
	b.WriteString("\n")
	for i, r := range d.results {
		if r.Verdict == find.Found {
			continue
		}
		says := r.Says
		if r.Verdict == find.Failed && r.Err != nil {
			says = "not asked: " + firstLine(r.Err.Error())
		}
		line := d.labels[i] + ": " + strings.ReplaceAll(string(r.Verdict), "-", " ") + " — " + says
		b.WriteString("\n" + theme.Muted.Render(tokenfmt.Fit(client.Scrub(client.Sanitize(line)), inner)))
	}
}

func (f *findOverlay) helpKeys() []key.Binding {
	switch {
	case f.searching:
		return []key.Binding{f.keys.Close}
	case f.done == nil:
		return []key.Binding{f.keys.Find, f.keys.Close}
	case len(find.FoundIn(f.done.results)) > 0:
		return []key.Binding{f.keys.Jump, f.keys.Revoke, f.keys.Again, f.keys.Close}
	}
	return []key.Binding{f.keys.Again, f.keys.Close}
}
