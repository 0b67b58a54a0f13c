package tui

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenout"
)

// w writes the table as shown (the filter's matches, in the table's
// order) to a file: JSON when the name ends in .json, CSV otherwise, the
// fields of `list --json` (tui/tokenout), readable by the owner alone. An
// existing file is never replaced without a y; the file is written in a
// command, never in Update.

// exportAskMsg asks the root to write the table to path.
type exportAskMsg struct {
	path      string
	overwrite bool
}

// exportDoneMsg is a write's outcome: exists when the file is there and
// was not to be replaced.
type exportDoneMsg struct {
	path   string
	n      int
	asJSON bool
	exists bool
	err    error
}

type exportKeys struct {
	Write, Yes, No, Close key.Binding
}

type exportOverlay struct {
	input   textinput.Model
	count   int
	exists  string // the path that exists: asking whether to replace it
	writing bool
	err     string
	keys    exportKeys
}

// openExport asks where to write the rows shown.
func (m Model) openExport() (tea.Model, tea.Cmd) {
	if !m.table.Loaded() {
		m.status = infoStatus("nothing to export yet: the list has not loaded")
		return m, nil
	}
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 4096
	in.Width = 50
	name := "tokentui-" + strings.ReplaceAll(strings.ToLower(m.exportName()), " ", "-") + "-" + m.now().Format("2006-01-02") + ".csv"
	in.SetValue(name)
	in.CursorEnd()
	in.Focus()
	m.overlay = &exportOverlay{input: in, count: m.table.RowCount(), keys: exportKeys{
		Write: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write")),
		Yes:   key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "replace it")),
		No:    key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "keep it")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
	m.relayout()
	return m, textinput.Blink
}

// exportName names the view in a file name: the profile, or "all".
func (m *Model) exportName() string {
	if p, ok := m.currentProfile(); ok && m.all == nil {
		return client.Sanitize(p.Name)
	}
	return "all"
}

// takesText: the path is typed, unless the question is showing.
func (e *exportOverlay) takesText() bool { return e.exists == "" && !e.writing }

func (e *exportOverlay) update(msg tea.Msg) (overlay, tea.Cmd) {
	switch msg := msg.(type) {
	case exportDoneMsg:
		e.writing = false
		switch {
		case msg.exists:
			e.exists = msg.path
		case msg.err != nil:
			e.err = msg.err.Error()
		default:
			return nil, nil
		}
		return e, nil
	case tea.KeyMsg:
		return e.onKey(msg)
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	return e, cmd
}

func (e *exportOverlay) onKey(k tea.KeyMsg) (overlay, tea.Cmd) {
	switch {
	case e.writing:
		return e, nil
	case e.exists != "" && key.Matches(k, e.keys.Yes):
		path := e.exists
		e.exists, e.writing = "", true
		return e, deliver(exportAskMsg{path: path, overwrite: true})
	case e.exists != "" && key.Matches(k, e.keys.No):
		e.exists = ""
		return e, nil
	case e.exists != "":
		return e, nil
	case key.Matches(k, e.keys.Close):
		return nil, nil
	case key.Matches(k, e.keys.Write):
		path, err := expandPath(e.input.Value())
		if err != nil {
			e.err = err.Error()
			return e, nil
		}
		e.err, e.writing = "", true
		return e, deliver(exportAskMsg{path: path})
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(k)
	e.err = ""
	return e, cmd
}

// expandPath reads a typed path: ~/ is the home directory; a relative
// path is from where tokentui was started.
func expandPath(typed string) (string, error) {
	p := strings.TrimSpace(typed)
	if p == "" {
		return "", errors.New("give a file name")
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok || p == "~" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no home directory for ~: give the whole path")
		}
		p = filepath.Join(home, rest)
	}
	return filepath.Abs(p)
}

func (e *exportOverlay) view(width, height int) string {
	inner := dialogWidth(width, 80)
	var b strings.Builder
	b.WriteString(theme.Title.Render("Export the table"))
	b.WriteString("\n\n")
	b.WriteString(theme.Muted.Render(ansi.Wrap(plural(e.count, "token")+" as shown (the filter's matches, in this order), with the fields of list --json; a name ending in .json writes JSON, any other CSV. Readable by you alone.", inner, " ")))
	b.WriteString("\n\n" + theme.FilterPrompt.Render("file ") + e.input.View())
	switch {
	case e.exists != "":
		b.WriteString("\n\n" + theme.ErrorText.Render(ansi.Wrap(client.Sanitize(e.exists)+" exists. Replace it?", inner, " ")))
		b.WriteString("\n\n" + keyHints(e.keys.Yes, e.keys.No))
		return theme.Dialog.Render(b.String())
	case e.writing:
		b.WriteString("\n\n" + theme.Muted.Render("writing…"))
	case e.err != "":
		b.WriteString("\n\n" + theme.ErrorText.Render(ansi.Wrap("✗ "+client.Sanitize(e.err), inner, " ")))
	}
	b.WriteString("\n\n" + keyHints(e.keys.Write, e.keys.Close))
	return theme.Dialog.Render(b.String())
}

func (e *exportOverlay) helpKeys() []key.Binding {
	if e.exists != "" {
		return []key.Binding{e.keys.Yes, e.keys.No}
	}
	return []key.Binding{e.keys.Write, e.keys.Close}
}

// onExport writes the rows shown now, or reports the write.
func (m Model) onExport(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case exportAskMsg:
		return m, exportCmd(msg, m.table.Shown(), m.exportProfiles(), m.now())
	case exportDoneMsg:
		if msg.err == nil && !msg.exists {
			format := "CSV"
			if msg.asJSON {
				format = "JSON"
			}
			m.status = okStatus("wrote " + plural(msg.n, "token") + " to " + msg.path + " (" + format + ")")
		}
		return m.forwardToOverlay(msg)
	}
	return m, nil
}

// exportProfile is what the file says of a token's profile.
type exportProfile struct{ name, kind string }

// exportProfiles maps a token's Profile to its name and provider kind:
// "" is the profile shown.
func (m *Model) exportProfiles() map[string]exportProfile {
	out := map[string]exportProfile{}
	if m.all == nil {
		p, _ := m.currentProfile()
		kind := ""
		if m.opts.Provider != nil {
			kind = m.opts.Provider.Kind()
		}
		out[""] = exportProfile{p.Name, kind}
		return out
	}
	for _, p := range m.opts.Profiles {
		out[p.Name] = exportProfile{p.Name, p.Provider}
	}
	return out
}

// exportCmd writes the rows in a command.
func exportCmd(ask exportAskMsg, rows func(func(client.Token) bool), profiles map[string]exportProfile, now time.Time) tea.Cmd {
	return func() tea.Msg {
		var out []tokenout.Token
		for t := range rows {
			p := profiles[t.Profile]
			t.Profile = p.name
			out = append(out, tokenout.From(&t, p.kind, now))
		}
		asJSON := strings.EqualFold(filepath.Ext(ask.path), ".json")
		exists, err := writeExport(ask.path, ask.overwrite, out, asJSON)
		return exportDoneMsg{path: ask.path, n: len(out), asJSON: asJSON, exists: exists, err: err}
	}
}

// writeExport writes the file, 0600. Without overwrite it is created only
// if it does not exist (exists is then true and nothing is written); with
// it, a new file replaces the old one whole, by a rename.
func writeExport(path string, overwrite bool, tokens []tokenout.Token, asJSON bool) (exists bool, err error) {
	var f *os.File
	if overwrite {
		f, err = os.CreateTemp(filepath.Dir(path), ".tokentui-export-*")
	} else {
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return true, nil
		}
	}
	if err != nil {
		return false, err
	}
	w := bufio.NewWriter(f)
	n, token := tokenout.Of(tokens)
	if asJSON {
		err = tokenout.WriteJSON(w, n, token)
	} else if err = tokenout.WriteCSV(w, n, token); err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && overwrite {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name()) // no half-written file is left behind
		return false, errors.New("could not write " + strconv.Quote(path) + ": " + err.Error())
	}
	return false, nil
}
