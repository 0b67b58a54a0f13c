package tokenout

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// Whatever a server names a token, the CSV reads back as one row of the
// header's width, and no cell starts as a formula.
func FuzzWriteCSV(f *testing.F) {
	f.Add("=HYPERLINK(\"x\")", "@SUM(1)", "+1", "a,b\n\"c\"")
	f.Fuzz(func(t *testing.T, name, id, role, ip string) {
		tokens := []Token{{Name: name, ID: id, Role: role, AllowedIPs: []string{ip}, Profile: name}}
		var b bytes.Buffer
		if n, tok := Of(tokens); WriteCSV(&b, n, tok) != nil {
			t.Fatal("WriteCSV failed")
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(rows) != 2 || len(rows[1]) != len(CSVHeader) {
			t.Fatalf("not one row of %d fields: %v %q", len(CSVHeader), err, rows)
		}
		for _, cell := range rows[1] {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Fatalf("a cell starts as a formula: %q", cell)
			}
		}
	})
}
