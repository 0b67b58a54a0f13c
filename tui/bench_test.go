package tui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/internal/tokentest"
	"github.com/tokentui/tokentui/tui/table"
	"github.com/tokentui/tokentui/tui/tokenfmt"
)

// The table's promises, measured (go test -run '^$' -bench . -benchmem ./tui/...):
// a frame costs the same at 100 000 tokens as at 100 (time and allocations),
// and so does the Update of one filter keystroke (what blocks input): the
// matching itself runs in a tea.Cmd (BenchmarkFilterCompute in tui/table).

// benchModel is a 120x35 dashboard holding n tokens, the benchmark token
// (tokentest.BenchSelected) among them and at the cursor.
func benchModel(b testing.TB, n int) Model {
	b.Helper()
	cat := goodAccessCatalog(b)
	m := loadedModel(b, &memProvider{}, tokentest.BenchTokens(n), &cat, 120, 35)
	if !m.table.Select(tokentest.BenchSelected.ID) {
		b.Fatal("the benchmark token is not selected")
	}
	tok, _ := m.table.Selected()
	m.detail.show(tok) // as Update does after every message
	return m
}

func BenchmarkTableView(b *testing.B) { benchTableView(b, benchModel) }

// benchTableView draws the table pane of the model build makes, at each
// size.
func benchTableView(b *testing.B, build func(testing.TB, int) Model) {
	for _, n := range tokentest.BenchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := build(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.tablePane()
			}
		})
	}
}

// BenchmarkFrame is the whole screen: header, table, detail, status, help.
func BenchmarkFrame(b *testing.B) {
	for _, n := range tokentest.BenchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := benchModel(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkFilterKeystroke is what a key typed into the filter costs the
// Update loop, the time input is blocked: the key, then backspace, through
// Update, as a user would. The tea.Cmd computing the matches is not run
// (BenchmarkFilterCompute measures it); backspace returns to the stored
// result of the prefix.
func BenchmarkFilterKeystroke(b *testing.B) { benchKeystrokes(b, benchModel, tokentest.FilterCases) }

// benchKeystrokes types each case's key (after its prefix) into the
// filter of the model build makes, at each size, and backspace.
func benchKeystrokes(b *testing.B, build func(testing.TB, int) Model, cases []struct{ Name, Prefix, Key string }) {
	for _, c := range cases {
		for _, n := range tokentest.BenchSizes {
			b.Run(c.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				m := build(b, n)
				m = press(m, "/")
				m = typeText(m, c.Prefix) // results delivered: the prefix is a level
				typed, back := keyMsg(c.Key), keyMsg("backspace")
				b.ReportAllocs()
				for b.Loop() {
					next, _ := m.Update(typed)
					next, _ = next.(Model).Update(back)
					m = next.(Model)
				}
				if m.table.Query() != strings.TrimSpace(c.Prefix) || m.table.Pending() != nil {
					b.Fatalf("query drifted to %q", m.table.Query())
				}
			})
		}
	}
}

// BenchmarkOpenDetail is enter on the selected row, the frame that shows
// its detail pane focused, and esc back to the table.
func BenchmarkOpenDetail(b *testing.B) {
	for _, n := range tokentest.BenchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := benchModel(b, n)
			open, back := keyMsg("enter"), keyMsg("esc")
			b.ReportAllocs()
			for b.Loop() {
				m = update(m, open)
				_ = m.View()
				m = update(m, back)
			}
			if m.focus != focusTable {
				b.Fatal("esc did not return to the table")
			}
		})
	}
}

func BenchmarkDetailView(b *testing.B) {
	cat := goodAccessCatalog(b)
	tokens := []client.Token{tok("0b6f3c1e-5d2a-4e8b-9a71-2c4d6e8f0a11", "tokentui demo admin",
		withScopes(cat.AllScopes()...), withIPs("203.0.113.10", "198.51.100.0/24", "2001:db8::/48"), expiresIn(3*day))}
	m := loadedModel(b, &memProvider{}, tokens, &cat, 120, 35)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.detailPane()
	}
}

// benchAllModel is a 120x35 all-profiles dashboard holding n tokens over
// three profiles (GoodAccess-shaped, with its catalog, and two without
// one), the benchmark token at the cursor: the same drawing and keystroke
// as one profile's, plus a Profile column and a lookup per visible row.
func benchAllModel(b testing.TB, n int) Model {
	b.Helper()
	ps := []profile.Profile{
		profile.WithLiteralToken("ga", "goodaccess", "https://ga.example", "t"),
		profile.WithLiteralToken("b0", "border0", "https://b0.example", "t"),
		profile.WithLiteralToken("un", "unleash", "https://un.example", "t"),
	}
	m := New(Options{Profiles: ps, AllProfiles: true, Now: fixedClock})
	m = update(m, windowSize(120, 35))
	next, _ := m.enterAll()
	m = next.(Model)
	cat := goodAccessCatalog(b)
	s := m.all.sources[0]
	s.cat, s.loading, s.listed = tokenfmt.NewCatalog(cat), false, true
	m.all = m.all.with(0, s)
	for i := 1; i < 3; i++ {
		s := m.all.sources[i]
		s.loading, s.listed = false, true
		m.all = m.all.with(i, s)
	}
	m.setTableProfiles()
	tokens := tokentest.BenchTokens(n)
	for i := range tokens {
		tokens[i].Profile = ps[i*3/len(tokens)].Name
	}
	m.mergeCmd() // numbers the merge
	m = update(m, mergedMsg{merge: m.all.merge, index: table.BuildIndex(tokens)})
	if !m.table.Select(table.RowKey(&tokentest.BenchSelected)) && !m.table.Select(table.RowKeyOf(tokens[n/2].Profile, tokentest.BenchSelected.ID)) {
		b.Fatal("the benchmark token is not selected")
	}
	tok, _ := m.table.Selected()
	m.detail.show(tok)
	return m
}

// BenchmarkAllProfilesTableView is BenchmarkTableView on the all-profiles
// table.
func BenchmarkAllProfilesTableView(b *testing.B) { benchTableView(b, benchAllModel) }

// BenchmarkAllProfilesFilterKeystroke is what a key typed into the filter
// of the all-profiles table costs Update (a word, the profile term, a
// second term; the matching runs in a command).
func BenchmarkAllProfilesFilterKeystroke(b *testing.B) {
	benchKeystrokes(b, benchAllModel, []struct{ Name, Prefix, Key string }{
		{"first-key", "", "e"}, {"profile-term", "profile:", "u"}, {"second-term", "ci ", "p"},
	})
}
