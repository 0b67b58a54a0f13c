package tui

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/tokentui/tokentui/client"
)

// The table's promises, measured (go test -run '^$' -bench . -benchmem ./tui):
// a frame costs the same at 100 000 tokens as at 100 (time and allocations),
// and so does the Update of one filter keystroke (what blocks input): the
// matching itself runs in a tea.Cmd (BenchmarkFilterCompute).

// benchSizes are the list sizes every per-size benchmark runs at.
var benchSizes = []int{100, 10_000, 100_000}

// benchSelected is the token every benchmark model selects, the same at
// every size, so a difference between sizes is the list's and not that of
// whichever token happens to sit at the cursor (its scopes and IPs fill the
// detail pane).
var benchSelected = client.Token{
	ID: "0b6f3c1e-5d2a-4e8b-9a71-2c4d6e8f0a11", Name: "jira-bot-staging-bench",
	Scopes:     []string{"members.read-all", "groups.read-all", "systems.read-all", "gateway-log.read", "token.read"},
	AllowedIPs: []string{"203.0.113.10", "2001:db8::/48"},
	CreatedAt:  testNow.Add(-40 * day), ExpiresAt: testNow.Add(20 * day),
}

// benchModel is a 120x35 dashboard holding n tokens, benchSelected among
// them (near the middle of the name order) and at the cursor.
func benchModel(b testing.TB, n int) Model {
	b.Helper()
	tokens := syntheticTokens(n, rand.New(rand.NewPCG(7, uint64(n))))
	tokens[n/2] = benchSelected
	cat := goodAccessCatalog(b)
	m := loadedModel(b, &memProvider{}, tokens, &cat, 120, 35)
	for row, i := range m.table.rows() {
		if m.table.ix.tokens[i].ID == benchSelected.ID {
			m.table.cursor = row
		}
	}
	m.table.clamp()
	if tk, ok := m.table.selected(); !ok || tk.ID != benchSelected.ID {
		b.Fatal("the benchmark token is not selected")
	}
	return m
}

func BenchmarkTableView(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := benchModel(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.tablePane()
			}
		})
	}
}

// BenchmarkFrame is the whole screen: header, table, detail, status, help.
func BenchmarkFrame(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m := benchModel(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// filterCases are the queries both filter benchmarks type.
var filterCases = []struct{ name, prefix, key string }{
	{"first-key", "", "e"},      // in every scope set: every token matches
	{"first-key-o", "", "o"},    // in most names, some scope sets
	{"first-key-hex", "", "3"},  // could start an ID: the ID pass runs too
	{"rare-first-key", "", "z"}, // in almost nothing
	{"narrow", "ci-", "r"},      // extends a query matching 1/8 of the tokens
	{"second-key", "t", "e"},    // extends a query matching most tokens
}

// BenchmarkFilterKeystroke is what a key typed into the filter costs the
// Update loop, the time input is blocked: the key, then backspace, through
// Update, as a user would. The tea.Cmd computing the matches is not run
// (BenchmarkFilterCompute measures it); backspace returns to the stored
// result of the prefix.
func BenchmarkFilterKeystroke(b *testing.B) {
	for _, c := range filterCases {
		for _, n := range benchSizes {
			b.Run(c.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				m := benchModel(b, n)
				m = press(m, "/")
				m = typeText(m, c.prefix) // results delivered: the prefix is a level
				typed, back := keyMsg(c.key), keyMsg("backspace")
				b.ReportAllocs()
				for b.Loop() {
					next, _ := m.Update(typed)
					next, _ = next.(Model).Update(back)
					m = next.(Model)
				}
				if m.table.filter.query() != c.prefix || m.table.filter.pending != nil {
					b.Fatalf("query drifted to %q", m.table.filter.query())
				}
			})
		}
	}
}

// BenchmarkFilterCompute is the off-path half of a keystroke: the filter
// job's computation (scan or narrow) on the index snapshot.
func BenchmarkFilterCompute(b *testing.B) {
	for _, c := range filterCases {
		for _, n := range benchSizes {
			b.Run(c.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				m := benchModel(b, n)
				m = press(m, "/")
				m = typeText(m, c.prefix)
				next, _ := m.Update(keyMsg(c.key))
				job := next.(Model).table.filter.pending
				if job == nil {
					b.Fatal("the key started no filter job")
				}
				b.ReportAllocs()
				for b.Loop() {
					_ = job.run()
				}
			})
		}
	}
}

// BenchmarkOpenDetail is enter on the selected row, the frame that shows
// its detail pane focused, and esc back to the table.
func BenchmarkOpenDetail(b *testing.B) {
	for _, n := range benchSizes {
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

// BenchmarkBuildIndex is the one O(n log n) step, run inside the List
// command (off the UI loop) once per refresh.
func BenchmarkBuildIndex(b *testing.B) {
	tokens := syntheticTokens(100_000, rand.New(rand.NewPCG(7, 100_000)))
	b.ReportAllocs()
	for b.Loop() {
		_ = buildIndex(tokens)
	}
}
