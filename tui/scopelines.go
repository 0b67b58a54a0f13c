package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// How the detail pane lays out a token's scopes: by catalog group, each
// with how much of the group the token holds, the scopes packed beside it.

// scopeLines lists scopes by catalog group: the group and how much of it the
// token holds ("Members 2/6") beside the scopes, wrapped. On a narrow pane
// the group goes on its own line above its scopes.
func scopeLines(scopes []string, cat *tokenfmt.Catalog, width int) []string {
	lines := []string{theme.PaneTitle.Render(tokenfmt.Fit("Scopes ("+strconv.Itoa(len(scopes))+")", width))}
	groups := tokenfmt.GroupScopes(scopes, cat)
	heads := make([]string, len(groups))
	headW := 0
	for i, g := range groups {
		heads[i] = g.Name
		if g.Total > 0 {
			heads[i] += " " + strconv.Itoa(len(g.Scopes)) + "/" + strconv.Itoa(g.Total)
		}
		headW = max(headW, ansi.StringWidth(heads[i])+2)
	}
	for i, g := range groups {
		// A group the token holds entirely reads "all"; the scopes are
		// then exactly the catalog's, listed in the create form.
		words := g.Scopes
		if g.Total > 0 && len(g.Scopes) == g.Total {
			words = []string{"all"}
		}
		// Scopes sit beside their group when the longest one fits there.
		longest := 0
		for _, w := range words {
			longest = max(longest, ansi.StringWidth(w))
		}
		indent, scopeW := headW, width-headW
		beside := scopeW >= longest && scopeW >= 12
		if !beside {
			lines = append(lines, theme.GroupLabel.Render(tokenfmt.Fit(heads[i], width)))
			indent, scopeW = 2, width-2
		}
		for j, w := range packWords(words, scopeW, "  ") {
			lead := strings.Repeat(" ", indent)
			if beside && j == 0 {
				lead = theme.GroupLabel.Render(tokenfmt.Fit(heads[i], headW))
			}
			lines = append(lines, lead+theme.FieldValue.Render(tokenfmt.Fit(w, scopeW)))
		}
	}
	return lines
}

// packWords fills lines of at most width cells with whole words joined by
// sep; a scope is never split across lines (a word wider than a line gets a
// line of its own and is cut by fit).
func packWords(words []string, width int, sep string) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, w := range words {
		ww := ansi.StringWidth(w)
		if curW > 0 && curW+len(sep)+ww > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteString(sep)
			curW += len(sep)
		}
		cur.WriteString(w)
		curW += ww
	}
	if curW > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// joinColumns puts right beside left (each line of left is already exactly
// leftWidth wide), padding the shorter column.
func joinColumns(left, right []string, leftWidth, gap int) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	pad := strings.Repeat(" ", leftWidth+gap)
	for i := 0; i < n; i++ {
		var l, r string
		if i < len(left) {
			l = left[i] + strings.Repeat(" ", gap)
		} else {
			l = pad
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = l + r
	}
	return out
}
