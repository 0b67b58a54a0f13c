package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/theme"
)

// A table made in parts on every core and written in chunks is the table
// made and written one row at a time: the same widths, the same bytes.
func TestTableInPartsMatchesOneByOne(t *testing.T) {
	n := 3*rowsPerPart + 5
	row := func(i int, cells []cell) []cell {
		name := strings.Repeat("n", i%17) + "é"
		return append(cells, plain(fmt.Sprint(i)), cell{text: name, tone: toneMuted}, plain(strings.Repeat("x", (i*7)%23)), plain(""))
	}
	one := newTable("ID", "NAME", "X", "EMPTY")
	for i := range n {
		one.add(row(i, nil)...)
	}
	parts := newTable("ID", "NAME", "X", "EMPTY")
	parts.addRows(n, nil, row)
	var a, b bytes.Buffer
	if err := writeOneByOne(&a, one); err != nil {
		t.Fatal(err)
	}
	if err := parts.write(&b, theme.CLIStyles{}, false); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatalf("the table in parts differs:\n%.400s\nfrom one by one:\n%.400s", b.String(), a.String())
	}
	if lines := strings.Count(b.String(), "\n"); lines != n+1 {
		t.Errorf("%d lines, want %d", lines, n+1)
	}
	// Styled, on one core: every part in order all the same.
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	st := theme.CLI(r)
	a.Reset()
	b.Reset()
	if one.write(&a, st, true) != nil || parts.write(&b, st, true) != nil {
		t.Fatal("write failed")
	}
	if a.String() != b.String() || !strings.Contains(a.String(), "\x1b[") {
		t.Fatalf("styled, the table in parts differs:\n%.400s\nfrom one store:\n%.400s", b.String(), a.String())
	}
}

// writeOneByOne writes t's rows one at a time, as the table did before it
// was written in chunks.
func writeOneByOne(w *bytes.Buffer, t *table) error {
	cols := len(t.header)
	tw := tableWriter{widths: t.widths}
	texts, tones := make([][]byte, cols), make([]tone, cols)
	for i, h := range t.header {
		texts[i] = []byte(h)
	}
	w.Write(tw.row(nil, texts, tones))
	start := int32(0)
	for c := 0; c < len(t.ends); c += cols {
		for i := range cols {
			texts[i], start = t.text[start:t.ends[c+i]], t.ends[c+i]
		}
		w.Write(tw.row(nil, texts, t.tones[c:c+cols]))
	}
	return nil
}
