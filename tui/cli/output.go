package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"

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

// cell is one table cell: plain text and the style to draw it in.
type cell struct {
	text  string
	style lipgloss.Style
}

func plain(s string) cell { return cell{text: s} }

// table is an aligned text table; columns are two spaces apart and the last
// is not padded, so lines carry no trailing blanks.
type table struct {
	header []string
	rows   [][]cell
}

func (t *table) add(cells ...cell) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer, st theme.CLIStyles, styled bool) error {
	widths := make([]int, len(t.header))
	for i, h := range t.header {
		widths[i] = lipgloss.Width(h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], lipgloss.Width(c.text))
		}
	}
	bw := bufio.NewWriter(w)
	head := make([]cell, len(t.header))
	for i, h := range t.header {
		head[i] = cell{text: h, style: st.Header}
	}
	writeRow(bw, head, widths, styled)
	for _, r := range t.rows {
		writeRow(bw, r, widths, styled)
	}
	return bw.Flush()
}

func writeRow(w *bufio.Writer, cells []cell, widths []int, styled bool) {
	last := len(cells) - 1
	for last > 0 && cells[last].text == "" {
		last--
	}
	for i := 0; i <= last; i++ {
		c := cells[i]
		if i > 0 {
			w.WriteString("  ")
		}
		if styled && c.text != "" {
			w.WriteString(theme.Visible(c.style, c.text))
		} else {
			w.WriteString(c.text)
		}
		if i < last {
			w.WriteString(strings.Repeat(" ", widths[i]-lipgloss.Width(c.text)))
		}
	}
	w.WriteString("\n")
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
