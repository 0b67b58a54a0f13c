package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// dialogWidth is the text width of a dialog on a screen width wide: room
// for the border and padding, never narrower than 30 nor wider than widest.
func dialogWidth(width, widest int) int {
	return min(max(width-10, 30), widest)
}

// keyHints is a dialog's footer ("y revoke   n/esc cancel"), drawn from the
// same help text the help line shows, so the two never disagree.
func keyHints(bindings ...key.Binding) string {
	parts := make([]string, 0, len(bindings))
	for _, b := range bindings {
		h := b.Help()
		parts = append(parts, theme.Key.Render(h.Key)+theme.Muted.Render(" "+h.Desc))
	}
	return strings.Join(parts, theme.Muted.Render("   "))
}

// tokenLabel is "name  3f2a9c4e", the name cut to fit width; in the
// all-profiles table "name  3f2a9c4e on prod", so every dialog says where
// a token is.
func tokenLabel(t client.Token, width int) string {
	id := tokenfmt.ShortID(t.ID)
	if t.Profile != "" {
		id += " on " + client.Sanitize(t.Profile)
	}
	return theme.Bold.Render(tokenfmt.Fit(tokenfmt.Name(t.Name), max(width-ansi.StringWidth(id)-2, 8))) + "  " + theme.Muted.Render(id)
}
