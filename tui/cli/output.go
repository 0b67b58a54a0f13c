package cli

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/jsonappend"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/internal/chunked"
	"github.com/tokentui/tokentui/tui/internal/prefetch"
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
	// parts are the rows addRows made, after the table's own, each part a
	// table of its own: written from where they were made, not copied
	// into one store first.
	parts []*table
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

// rowsPerPart is how many rows addRows makes on one core at a time, and
// write writes at a time.
const rowsPerPart = 2048

// addRows adds n rows, row(i, cells) appending the i-th row's cells to
// cells and returning it, made on every core (row must be safe for that)
// in parts of rowsPerPart rows, each a table of its own, joined in order.
// ahead, if not nil, is called with each run of rows (at most
// prefetch.Batch) before they are made, to bring what they read into the
// cache (prefetch.Touch).
func (t *table) addRows(n int, ahead func(from, to int), row func(i int, cells []cell) []cell) {
	parts := make([]*table, (n+rowsPerPart-1)/rowsPerPart)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(parts)) {
		wg.Go(func() {
			var cells []cell
			for p := int(next.Add(1) - 1); p < len(parts); p = int(next.Add(1) - 1) {
				from, to := p*rowsPerPart, min(n, (p+1)*rowsPerPart)
				part := &table{header: t.header, widths: make([]int, len(t.widths))}
				part.expect(to - from)
				for i := from; i < to; i++ {
					if ahead != nil && (i-from)%prefetch.Batch == 0 {
						ahead(i, min(to, i+prefetch.Batch))
					}
					cells = row(i, cells[:0])
					part.add(cells...)
				}
				parts[p] = part
			}
		})
	}
	wg.Wait()
	t.join(parts)
}

// join adds the rows of parts after the table's rows, in order.
func (t *table) join(parts []*table) {
	for _, p := range parts {
		for i, w := range p.widths {
			t.widths[i] = max(t.widths[i], w)
		}
	}
	t.parts = append(t.parts, parts...)
}

// rowRun is rows from to to-1 of tb's own.
type rowRun struct {
	tb       *table
	from, to int
}

// runs are the table's rows in order, in runs of at most rowsPerPart:
// its own, then each part's.
func (t *table) runs() []rowRun {
	var runs []rowRun
	for _, tb := range append([]*table{t}, t.parts...) {
		rows := len(tb.ends) / max(len(tb.header), 1)
		for from := 0; from < rows; from += rowsPerPart {
			runs = append(runs, rowRun{tb, from, min(rows, from+rowsPerPart)})
		}
	}
	return runs
}

// write writes the header and the rows, a run at a time on every core
// (chunked.Write); styled rows on one, as lipgloss draws them.
func (t *table) write(w io.Writer, st theme.CLIStyles, styled bool) error {
	cols := len(t.header)
	texts, tones := make([][]byte, cols), make([]tone, cols)
	for i, h := range t.header {
		texts[i], tones[i] = []byte(h), toneHeader
	}
	tw := tableWriter{widths: t.widths, st: st, styled: styled}
	head := tw.row(nil, texts, tones)
	runs := t.runs()
	chunks := len(runs)
	if styled {
		chunks = min(chunks, 1)
	}
	return chunked.Write(w, string(head), chunks, func() chunked.Render {
		texts := make([][]byte, cols)
		return func(buf []byte, c int) []byte {
			mine := runs[c : c+1]
			if styled {
				mine = runs
			}
			for _, run := range mine {
				buf = run.tb.appendRows(buf, &tw, texts, run.from, run.to)
			}
			return buf
		}
	}, "")
}

// appendRows appends rows from to to-1 of t's own, texts holding a row's
// cells as they are written.
func (t *table) appendRows(buf []byte, tw *tableWriter, texts [][]byte, from, to int) []byte {
	cols := len(t.header)
	for r := from; r < to; r++ {
		start := int32(0)
		if r > 0 {
			start = t.ends[r*cols-1]
		}
		for i := range cols {
			texts[i], start = t.text[start:t.ends[r*cols+i]], t.ends[r*cols+i]
		}
		buf = tw.row(buf, texts, t.tones[r*cols:(r+1)*cols])
	}
	return buf
}

// tableWriter writes aligned rows.
type tableWriter struct {
	widths []int
	st     theme.CLIStyles
	styled bool
}

// row appends one row to b.
func (tw *tableWriter) row(b []byte, texts [][]byte, tones []tone) []byte {
	last := len(texts) - 1
	for last > 0 && len(texts[last]) == 0 {
		last--
	}
	for i, text := range texts[:last+1] {
		if i > 0 {
			b = append(b, "  "...)
		}
		if tw.styled && len(text) > 0 {
			b = append(b, theme.Visible(tones[i].style(tw.st), string(text))...)
		} else {
			b = append(b, text...)
		}
		if i < last {
			b = pad(b, tw.widths[i]-bytesWidth(text))
		}
	}
	return append(b, '\n')
}

const spaces = "                                                                "

// pad appends n spaces.
func pad(b []byte, n int) []byte {
	for ; n > len(spaces); n -= len(spaces) {
		b = append(b, spaces...)
	}
	if n > 0 {
		b = append(b, spaces[:n]...)
	}
	return b
}

// bytesWidth is textWidth of b.
func bytesWidth(b []byte) int {
	if printableASCII(b) {
		return len(b)
	}
	return lipgloss.Width(string(b))
}

// textWidth is how many cells s takes on a terminal: its length when it is
// printable ASCII, as nearly every cell is, else what lipgloss measures.
func textWidth(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	return lipgloss.Width(s)
}

// printableASCII reports whether every byte of s is 0x20 to 0x7e, eight at
// a time (a table of 100 000 rows measures every cell twice): a byte below
// 0x20 borrows into its high bit, 0x7f carries into it, and any other
// byte above has it set. A borrow or carry reaches the next byte only
// from one that is itself flagged.
func printableASCII[T string | []byte](s T) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if (x|(x-ones*0x20)|(x+ones))&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
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
