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

// printableASCII, eight bytes at a time, agrees with a byte-by-byte test
// wherever the odd byte sits, whatever sits around it.
func TestPrintableASCII(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] >= 0x7f {
				return false
			}
		}
		return true
	}
	for _, odd := range []byte{0x00, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xc3, 0xff} {
		for _, fill := range []byte{0x20, 0x7e, 'a'} {
			for n := 0; n <= 19; n++ {
				for at := 0; at < n; at++ {
					b := bytes.Repeat([]byte{fill}, n)
					b[at] = odd
					if got, want := printableASCII(b), slow(string(b)); got != want || printableASCII(string(b)) != want {
						t.Fatalf("printableASCII(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}
