package table

import (
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// What each cell says; the formatting the detail pane shares is in
// tokenfmt. Pure and cheap: called for visible rows only, every frame.

// cellContext is what a cell's text depends on besides its token.
type cellContext struct {
	now   time.Time
	cat   *tokenfmt.Catalog
	caps  client.Capabilities
	profs *profileSet // for the Profile column's labels
}

// cellText is the text and tone of one cell.
func cellText(id columnID, tok *client.Token, cx cellContext) (string, theme.Tone) {
	now, cat := cx.now, cx.cat
	switch id {
	case colName:
		if tok.Name == "" {
			return tokenfmt.Name(tok.Name), theme.ToneMuted
		}
		return tok.Name, theme.TonePlain
	case colID:
		return tokenfmt.ShortID(tok.ID), theme.ToneMuted
	case colProfile:
		return cx.profs.labelOf(tok), theme.TonePlain
	case colScopes:
		if len(tok.Scopes) == 0 && cx.profs != nil && !cx.caps.Scopes {
			return "—", theme.ToneMuted // a provider without scopes, beside one with
		}
		if len(tok.Scopes) == 0 {
			return "none", theme.ToneMuted
		}
		return tokenfmt.ScopeSummary(tok.Scopes, cat), theme.TonePlain
	case colRole:
		return tok.Role, theme.TonePlain
	case colProjects:
		return listSummary(tok.Projects), theme.TonePlain
	case colEnvironment:
		return tok.Environment, theme.TonePlain
	case colSecret:
		if tok.Secret == "" && tok.SecretNote != "" {
			return "not kept", theme.ToneMuted // only a hash exists: see the detail pane
		}
		return secretTail(tok.Secret), theme.ToneWarn
	case colOwner:
		if tok.Owner == "" {
			return "—", theme.ToneMuted // the organisation's own
		}
		return tok.Owner, theme.TonePlain
	case colCreated:
		if tok.InvalidDates.Has(client.DateCreated) {
			return "invalid", theme.ToneError // "invalid date" is wider than a date
		}
		if tok.CreatedAt.IsZero() {
			return "—", theme.ToneMuted
		}
		return tok.CreatedAt.Format(tokenfmt.DateLayout), theme.TonePlain
	case colExpires:
		text, tone := tokenfmt.RelativeExpiry(*tok, now)
		return text, tone.ThemeTone()
	case colLastUsed:
		switch {
		case tok.InvalidDates.Has(client.DateLastUsed):
			return "invalid", theme.ToneError
		case !tok.LastUsedAt.IsZero():
			return tokenfmt.RelativePast(tok.LastUsedAt, now), theme.TonePlain
		case cx.caps.ReportsLastUse():
			return "never", theme.ToneMuted
		}
		return "—", theme.ToneMuted // this provider does not say
	case colIPs:
		text, any := ipSummary(tok.AllowedIPs)
		if any {
			return text, theme.ToneMuted
		}
		return text, theme.TonePlain
	}
	return "", theme.TonePlain
}

// secretTail is the masked secret without an Unleash "projects:environment."
// prefix: the part that tells two tokens of one project apart.
func secretTail(secret string) string {
	masked := client.MaskSecret(secret)
	if c := strings.IndexByte(secret, ':'); c >= 0 {
		if j := strings.IndexByte(secret[c:], '.'); j >= 0 {
			if prefix := secret[:c+j+1]; strings.HasPrefix(masked, prefix) && len(masked) > len(prefix) {
				return masked[len(prefix):]
			}
		}
	}
	return masked
}

// ipSummary is the allowed-IPs cell: "any" when unrestricted, else the
// first entry and how many more.
func ipSummary(ips []string) (string, bool) {
	switch len(ips) {
	case 0:
		return "any", true
	case 1:
		return ips[0], false
	}
	return ips[0] + " +" + strconv.Itoa(len(ips)-1), false
}

// listSummary renders a list cell: "" for none, the only item, or the first
// and how many more. "*" (Unleash: every project) reads "all".
func listSummary(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		if items[0] == "*" {
			return "all"
		}
		return items[0]
	}
	return items[0] + " +" + strconv.Itoa(len(items)-1)
}
