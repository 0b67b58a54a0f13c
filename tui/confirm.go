package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/scroll"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// question is what a confirmDialog asks: the tokens it is about and what
// saying yes means, since what it guards cannot be undone. The answer
// travels as a message, like every overlay's decision.
type question struct {
	title   string
	targets []client.Token // every one is listed (the list scrolls)
	// hidden are the targets the table's filter hides: flagged in the
	// list, since a revoke must never surprise.
	hidden map[string]bool
	// now dates each target's last use and expiry; zero shows neither.
	now         time.Time
	consequence []string // what follows a yes, one line each
	yesHelp     string   // what y does, in the key hints ("revoke")
	noHelp      string   // what n/esc does ("cancel", "keep it")
	yes, no     tea.Msg  // sent on y and on n/esc; nil sends nothing

	// selfWarning, when set, makes a yes a two-step affair: the first y
	// shows these lines (tokentui is about to lose its own access) and only
	// a second y sends yes. yesOthers, when set, is what o sends there
	// instead: go ahead without the admin token in use.
	selfWarning []string
	yesOthers   tea.Msg
}

// confirmDialog is the one yes/no dialog: the revoke confirmation, the last
// step of a rotate, the expiry and quit questions ask through it.
type confirmDialog struct {
	question
	keys      confirmKeys
	scroll    scroll.Keys
	offset    int  // first target listed
	room      int  // targets that fit, from the last view
	selfStage bool // the second step: the self warning is showing
}

func newConfirm(q question) *confirmDialog {
	c := &confirmDialog{question: q, keys: newConfirmKeys(q.yesHelp, q.noHelp), scroll: scroll.NewKeys(), room: maxListed}
	c.keys.Others.SetEnabled(false)
	return c
}

func (c *confirmDialog) update(msg tea.Msg) (overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	if pos, moved := c.scroll.Move(k, c.offset, c.room, len(c.targets)); moved {
		c.offset = max(min(pos, len(c.targets)-c.room), 0)
		return c, nil
	}
	switch {
	case key.Matches(k, c.keys.Yes) && len(c.selfWarning) > 0 && !c.selfStage:
		c.selfStage = true
		if len(c.targets) == 1 {
			c.keys.Yes.SetHelp("y", "yes, revoke it")
		} else {
			c.keys.Yes.SetHelp("y", "yes, revoke it too")
		}
		c.keys.Others.SetEnabled(c.yesOthers != nil)
		return c, nil
	case key.Matches(k, c.keys.Yes):
		return nil, deliver(c.yes)
	case key.Matches(k, c.keys.Others):
		return nil, deliver(c.yesOthers)
	case key.Matches(k, c.keys.No):
		return nil, deliver(c.no)
	}
	return c, nil
}

// deliver is a command that delivers msg, or none for a nil msg.
func deliver(msg tea.Msg) tea.Cmd {
	if msg == nil {
		return nil
	}
	return func() tea.Msg { return msg }
}

// maxListed is how many targets a dialog lists at once; more scroll.
const maxListed = 8

func (c *confirmDialog) view(width, height int) string {
	inner := dialogWidth(width, 72)
	var b strings.Builder
	if c.selfStage {
		b.WriteString(theme.DangerTitle.Render("⚠ tokentui would lose its access"))
		b.WriteString("\n")
		for _, line := range c.selfWarning {
			b.WriteString("\n" + theme.ErrorText.Render(ansi.Wrap(line, inner, " ")))
		}
		b.WriteString("\n\n" + keyHints(enabled(c.keys.Yes, c.keys.Others, c.keys.No)...))
		return theme.DangerDialog.Render(b.String())
	}
	var after []string
	for _, line := range c.consequence {
		after = append(after, strings.Split(ansi.Wrap(line, inner, " "), "\n")...)
	}
	b.WriteString(theme.DangerTitle.Render(c.title))
	b.WriteString("\n")
	c.writeTargets(&b, inner, height-len(after))
	b.WriteString("\n")
	for _, line := range after {
		b.WriteString("\n")
		b.WriteString(theme.Muted.Render(line))
	}
	b.WriteString("\n\n")
	b.WriteString(keyHints(c.keys.Yes, c.keys.No))
	return theme.DangerDialog.Render(b.String())
}

// writeTargets lists the targets that fit, each on two lines when there
// are facts to date (last use, expiry), with a line saying what scrolls.
func (c *confirmDialog) writeTargets(b *strings.Builder, inner, height int) {
	per := 1
	if !c.now.IsZero() {
		per = 2
	}
	c.room = max(min(maxListed, (height-12)/per), 1)
	c.offset = max(min(c.offset, len(c.targets)-c.room), 0)
	end := min(c.offset+c.room, len(c.targets))
	for _, t := range c.targets[c.offset:end] {
		b.WriteString("\n" + c.targetLine(t, inner))
		if per == 2 {
			b.WriteString("\n" + theme.Muted.Render(tokenfmt.Fit("  "+targetFacts(t, c.now), inner)))
		}
	}
	if above, below := c.offset, len(c.targets)-end; above+below > 0 {
		b.WriteString("\n" + theme.Muted.Render(tokenfmt.Fit(
			strconv.Itoa(len(c.targets))+" in all · "+strconv.Itoa(above)+" above, "+strconv.Itoa(below)+" below · ↑/↓ scroll", inner)))
	}
}

// targetLine is the name and short id, with what makes a target special:
// it is the admin token in use, or the filter hides it.
func (c *confirmDialog) targetLine(t client.Token, inner int) string {
	var tags []string
	if t.Self {
		tags = append(tags, theme.ErrorText.Render(tokenfmt.SelfTag+" the admin token in use"))
	}
	if c.hidden[table.RowKey(&t)] {
		tags = append(tags, theme.Marked.Render("hidden by the filter"))
	}
	tagText := strings.Join(tags, " ")
	room := inner
	if tagText != "" {
		room = max(inner-ansi.StringWidth(tagText)-2, 16)
	}
	line := tokenLabel(t, room)
	if tagText != "" {
		line += "  " + tagText
	}
	return line
}

// targetFacts is a target's last use and expiry: what tells a live token
// from a dead one before it is revoked.
func targetFacts(t client.Token, now time.Time) string {
	used, reported := tokenfmt.LastUsed(t, now)
	switch {
	case !reported:
		used = "last use " + used
	case t.LastUsedAt.IsZero():
		used = "never used"
	default:
		used = "last used " + used
	}
	exp, _ := tokenfmt.RelativeExpiry(t, now)
	if t.Expires() && !t.ExpiredAt(now) {
		exp = "expires " + exp
	} else if !t.Expires() {
		exp = "never expires"
	}
	return used + " · " + exp
}

func (c *confirmDialog) helpKeys() []key.Binding {
	if c.selfStage {
		return enabled(c.keys.Yes, c.keys.Others, c.keys.No)
	}
	bindings := []key.Binding{c.keys.Yes, c.keys.No}
	if len(c.targets) > c.room {
		bindings = append(bindings, c.scroll.Down, c.scroll.Up)
	}
	return bindings
}

// enabled keeps the bindings that are enabled, for hints that must not
// offer a key that does nothing.
func enabled(bindings ...key.Binding) []key.Binding {
	out := bindings[:0:0]
	for _, b := range bindings {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}
