package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/tokentui/tokentui/client"
)

// Visible renders s in base, and each marker client.Sanitize wrote for an
// invisible character (⟨U+200B⟩) in base reversed, so it reads as what it
// is, a character that draws nothing, not as part of a name's letters. The
// reverse attribute stays when colours are off. Text without a marker costs
// one scan.
func Visible(base lipgloss.Style, s string) string {
	if !client.HasMarker(s) {
		return base.Render(s)
	}
	var b strings.Builder
	client.SplitMarkers(s, func(part string, marker bool) {
		if marker {
			b.WriteString(base.Reverse(true).Render(part))
		} else {
			b.WriteString(base.Render(part))
		}
	})
	return b.String()
}
