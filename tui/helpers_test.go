package tui

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/theme"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/table"
)

// Every test draws without colour on a known background, so views and golden
// files are plain, stable text.
func TestMain(m *testing.M) {
	theme.SetProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// Fixtures shared with the other packages' tests (package tokentest), by
// the names these tests have always used.
var (
	testNow           = tokentest.Now
	fixedClock        = tokentest.Clock
	tok               = tokentest.Tok
	withScopes        = tokentest.WithScopes
	withIPs           = tokentest.WithIPs
	expiresIn         = tokentest.ExpiresIn
	syntheticTokens   = tokentest.Synthetic
	goodAccessCatalog = tokentest.GoodAccessCatalog
	modelFixture      = tokentest.Fixture
)

const day = tokentest.Day

// startGoodAccess runs the GoodAccess emulator on the pinned clock and
// returns it with a provider holding its all-scope admin token.
func startGoodAccess(t testing.TB, opts emulator.GoodAccessOptions) (*emulator.GoodAccess, client.Provider) {
	t.Helper()
	opts.Clock = fixedClock
	ga, err := emulator.NewGoodAccess(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ga.Close)
	return ga, providerFor(t, ga, ga.AdminToken)
}

func providerFor(t testing.TB, ga *emulator.GoodAccess, token string) client.Provider {
	t.Helper()
	p, err := goodaccess.New(client.Connection{BaseURL: ga.URL, Token: token, RetryBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// memProvider is an in-memory provider for model tests: it lists what it
// holds and fails revokes of the ids in fail.
type memProvider struct {
	mu      sync.Mutex
	tokens  []client.Token
	fail    map[string]error
	revoked []string
}

func (p *memProvider) Kind() string        { return "mem" }
func (p *memProvider) DisplayName() string { return "Memory" }
func (p *memProvider) List(context.Context) ([]client.Token, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]client.Token(nil), p.tokens...), nil
}
func (p *memProvider) Create(context.Context, client.NewToken) (client.Created, error) {
	return client.Created{}, errors.New("not supported")
}
func (p *memProvider) Revoke(_ context.Context, t client.Token) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.fail[t.ID]; err != nil {
		return err
	}
	p.revoked = append(p.revoked, t.ID)
	return nil
}
func (p *memProvider) Catalog(context.Context) (client.Catalog, error) { return client.Catalog{}, nil }

// update runs one message through the model and drops the command; a
// filter computation it started is run and its result delivered, as the
// program does before the next key on an idle machine. Tests of what
// happens in between use Update directly.
func update(m Model, msg tea.Msg) Model {
	next, _ := m.Update(msg)
	m = next.(Model)
	m.table.SettleSort()
	if job := m.table.Pending(); job != nil {
		next, _ = m.Update(job.Run())
		m = next.(Model)
	}
	return m
}

// updateCmd runs one message and returns the command too.
func updateCmd(m Model, msg tea.Msg) (Model, tea.Cmd) {
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// keyMsg turns "j", "enter", "esc", "space", "ctrl+c", "ctrl+s",
// "delete" into the message a terminal would send; several runes are a
// burst, as a terminal delivers fast typing.
func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "down": tea.KeyDown, "up": tea.KeyUp,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"end": tea.KeyEnd, "home": tea.KeyHome, "ctrl+c": tea.KeyCtrlC, "ctrl+s": tea.KeyCtrlS,
	}
	if k == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys one by one.
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m = update(m, keyMsg(k))
	}
	return m
}

// typeText sends each rune of s as a key.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

// loadedModel is a dashboard of size w x h that has received tokens and a
// catalog, without running any command.
func loadedModel(t testing.TB, p client.Provider, tokens []client.Token, cat *client.Catalog, w, h int) Model {
	t.Helper()
	m := New(Options{Provider: p, Now: fixedClock, ProfileLabel: "test · Memory", URL: "http://127.0.0.1:9"})
	m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
	if cat != nil {
		m = update(m, catalogLoadedMsg{catalog: *cat})
	}
	return update(m, tokensLoadedMsg{gen: m.listGen, index: table.BuildIndex(tokens), at: testNow})
}

// rowNames is the names of the rows the table shows, in order.
func rowNames(m Model) []string {
	var out []string
	for pos := range m.table.RowCount() {
		out = append(out, m.table.Row(pos).Name)
	}
	return out
}

// statusLine is the status bar as drawn.
func statusLine(m Model) string {
	lines := strings.Split(m.View(), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], "token") {
			return lines[i]
		}
	}
	return ""
}

// tableIndex is a list as a List command builds it.
func tableIndex(tokens []client.Token) *table.Index { return table.BuildIndex(tokens) }

// targets is every token a confirmed revoke names, whatever its profile.
func (m revokeConfirmedMsg) targets() []client.Token { return allTargets(m.groups) }

// results is every result of a revoke, whatever its profile.
func (m revokeDoneMsg) results() []revokeResult {
	var out []revokeResult
	for _, g := range m.groups {
		out = append(out, g.results...)
	}
	return out
}
