package table

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"

	"github.com/tokentui/tokentui/tui/internal/tokentest"
)

// TestHeaderKeepsTheSortArrow: whatever the column sorted on and however
// narrow the table, its header shows the arrow. "Last used ↑" is wider
// than its column, and used to lose the arrow to the ellipsis.
func TestHeaderKeepsTheSortArrow(t *testing.T) {
	plain := tokentest.Synthetic(40, nil) // GoodAccess's columns
	plain[3].AllowedIPs = []string{"10.0.0.0/8"}
	plain[5].LastUsedAt = tokentest.Now
	mixed := tokentest.Synthetic(40, nil) // and Unleash's
	mixed[4].Role, mixed[4].Environment, mixed[4].Projects = "client", "production", []string{"default"}
	seen := map[columnID]bool{}
	for _, c := range []struct {
		tokens []client.Token
		width  int
	}{{plain, 78}, {plain, 118}, {mixed, 78}, {mixed, 118}, {mixed, 200}} {
		tb := loaded(c.tokens)
		tb.SetSize(c.width, 15)
		for _, key := range tb.sortKeys() {
			if !slices.ContainsFunc(tb.cols, func(col column) bool { return col.id == sortColumns[key] }) {
				continue // not on screen at this width: the title bar names the order
			}
			seen[sortColumns[key]] = true
			for _, reversed := range []bool{false, true} {
				s := Sort{Key: key, Reversed: reversed}
				tb.SetSort(s)
				tb.SettleSort()
				header := ansi.Strip(strings.SplitN(tb.View(tokentest.Clock(), true), "\n", 2)[0])
				title := columnTitle(sortColumns[key], nil)
				cut := strings.TrimRight(title[:min(len(title), 4)], " ")
				if !strings.Contains(header, s.Arrow()) || !strings.Contains(header, cut) {
					t.Errorf("width %d, sorted by %s (reversed %v): header %q has no %q by %q", c.width, title, reversed, header, s.Arrow(), cut)
				}
			}
		}
	}
	if !seen[colLastUsed] || !seen[colCreated] || !seen[colEnvironment] {
		t.Errorf("columns sorted on screen: %v; want Last used, Created and Env among them", seen)
	}
}

// The admin token in use keeps its "(you)" whatever its name's length:
// the name is cut instead.
func TestSelfTagSurvivesALongName(t *testing.T) {
	tokens := tokentest.Synthetic(10, nil)
	tokens[0].Name, tokens[0].Self = "a-very-long-admin-token-name-that-fills-the-column", true
	tb := loaded(tokens)
	tb.SetSize(78, 15)
	view := ansi.Strip(tb.View(tokentest.Clock(), true))
	if !strings.Contains(view, "a-very-long") || !strings.Contains(view, "… (you)") {
		t.Errorf("the admin token's row lost its tag:\n%s", view)
	}
}
