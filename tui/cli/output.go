package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/jsonappend"
	"github.com/tokentui/tokentui/theme"
)

// colour reports whether stdout gets colour: only a terminal, and never
// with NO_COLOR set (https://no-color.org) or TERM=dumb.
func (inv *invocation) colour() bool {
	return inv.io.OutIsTerminal && inv.io.Env("NO_COLOR") == "" && inv.io.Env("TERM") != "dumb"
}

// styles returns the output styles and whether to use them at all; with no
// colour, text is written as is, not through a style.
func (inv *invocation) styles() (theme.CLIStyles, bool) {
	if !inv.colour() {
		return theme.CLIStyles{}, false
	}
	r := lipgloss.NewRenderer(inv.io.Out)
	if r.ColorProfile() == termenv.Ascii {
		// The caller says it is a terminal even if detection (a wrapped
		// writer) cannot tell: trust the caller.
		r.SetColorProfile(termenv.ANSI256)
	}
	return theme.CLI(r), true
}

// tone is how a table cell is drawn: one of a few styles, named, so a cell
// costs a byte and not a lipgloss.Style (half a kilobyte) per cell.
type tone uint8

const (
	tonePlain tone = iota
	toneHeader
	toneMuted
	toneExpired
	toneExpiring
)

func (t tone) style(st theme.CLIStyles) lipgloss.Style {
	switch t {
	case toneHeader:
		return st.Header
	case toneMuted:
		return st.Muted
	case toneExpired:
		return st.Expired
	case toneExpiring:
		return st.Expiring
	}
	return lipgloss.NewStyle()
}

// cell is one table cell: plain text and its tone.
type cell struct {
	text string
	tone tone
}

func plain(s string) cell { return cell{text: s} }

// table is an aligned text table; columns are two spaces apart and the last
// is not padded, so lines carry no trailing blanks. Rows are kept compactly
// until written, as every column's width must be known first: the text of
// every cell back to back, and where each ends and its tone, with the
// widths kept up as rows come. A 100 000-token list costs about its text.
type table struct {
	header []string
	widths []int
	text   []byte
	ends   []int32 // cell i is text[ends[i-1]:ends[i]]
	tones  []tone
	rows   int // expected, for sizing the store once (expect)
}

func newTable(header ...string) *table {
	t := &table{}
	for _, h := range header {
		t.addColumn(true, h)
	}
	return t
}

// addColumn adds a column when present is true; columns come before rows.
func (t *table) addColumn(present bool, header string) {
	if present {
		t.header = append(t.header, header)
		t.widths = append(t.widths, textWidth(header))
	}
}

// expect says how many rows will come, so the store is sized once from the
// first rows' average instead of grown by copying (which took a third of
// a 100 000-row table's time).
func (t *table) expect(rows int) {
	t.rows = rows
	t.ends = make([]int32, 0, rows*len(t.header))
	t.tones = make([]tone, 0, rows*len(t.header))
}

// add appends a row of one cell per column.
func (t *table) add(cells ...cell) {
	if done := len(t.ends) / max(len(t.header), 1); done == 64 && t.rows > done {
		t.text = slices.Grow(t.text, len(t.text)/done*(t.rows-done)*11/10)
	}
	for i, c := range cells {
		t.text = append(t.text, c.text...)
		t.ends = append(t.ends, int32(len(t.text)))
		t.tones = append(t.tones, c.tone)
		t.widths[i] = max(t.widths[i], textWidth(c.text))
	}
}

func (t *table) write(w io.Writer, st theme.CLIStyles, styled bool) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	tw := tableWriter{w: bw, widths: t.widths, st: st, styled: styled}
	cols := len(t.header)
	texts, tones := make([][]byte, cols), make([]tone, cols)
	for i, h := range t.header {
		texts[i], tones[i] = []byte(h), toneHeader
	}
	tw.row(texts, tones)
	start := int32(0)
	for c := 0; c < len(t.ends); c += cols {
		for i := range cols {
			texts[i] = t.text[start:t.ends[c+i]]
			start = t.ends[c+i]
		}
		tw.row(texts, t.tones[c:c+cols])
	}
	return bw.Flush()
}

// tableWriter writes aligned rows.
type tableWriter struct {
	w      *bufio.Writer
	widths []int
	st     theme.CLIStyles
	styled bool
}

func (tw *tableWriter) row(texts [][]byte, tones []tone) {
	last := len(texts) - 1
	for last > 0 && len(texts[last]) == 0 {
		last--
	}
	for i, text := range texts[:last+1] {
		if i > 0 {
			tw.w.WriteString("  ")
		}
		if tw.styled && len(text) > 0 {
			tw.w.WriteString(theme.Visible(tones[i].style(tw.st), string(text)))
		} else {
			tw.w.Write(text)
		}
		if i < last {
			pad(tw.w, tw.widths[i]-textWidth(string(text)))
		}
	}
	tw.w.WriteByte('\n')
}

const spaces = "                                                                "

// pad writes n spaces.
func pad(w *bufio.Writer, n int) {
	for ; n > len(spaces); n -= len(spaces) {
		w.WriteString(spaces)
	}
	if n > 0 {
		w.WriteString(spaces[:n])
	}
}

// textWidth is how many cells s takes on a terminal: its length when it is
// printable ASCII, as nearly every cell is, else what lipgloss measures.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return lipgloss.Width(s)
		}
	}
	return len(s)
}

// writeJSON writes v: indented for a person at a terminal, compact for a
// pipe (faster, and what jq reads anyway). Invisible characters in it,
// raw or as the markers client.Sanitize writes, become \u escapes: a
// script gets the server's text back, a person reading raw JSON sees them.
func (inv *invocation) writeJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if inv.io.OutIsTerminal {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := inv.io.Out.Write(jsonappend.EscapeInvisible(nil, buf.Bytes()))
	return err
}

type themeStyles = theme.CLIStyles

// info writes a line for the person on stderr, never stdout, so it cannot
// mix with what a script reads. Like every line on stderr, which CI logs
// keep, it is scrubbed of every secret tokentui knows (client.Scrub).
func (inv *invocation) info(msg string) {
	io.WriteString(inv.io.Err, client.Scrub(msg)+"\n")
}

// warn writes a warning on stderr.
func (inv *invocation) warn(msg string) {
	io.WriteString(inv.io.Err, "warning: "+client.Scrub(msg)+"\n")
}
