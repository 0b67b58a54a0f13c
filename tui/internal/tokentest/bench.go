package tokentest

import (
	"math/rand/v2"

	"github.com/tokentui/tokentui/client"
)

// What the benchmarks of the table and of the whole dashboard share, so
// their figures compare (go test -run '^$' -bench . -benchmem ./tui/...).

// BenchSizes are the list sizes every per-size benchmark runs at.
var BenchSizes = []int{100, 10_000, 100_000}

// BenchSelected is the token every benchmark model selects, the same at
// every size, so a difference between sizes is the list's and not that of
// whichever token happens to sit at the cursor (its scopes and IPs fill the
// detail pane).
var BenchSelected = client.Token{
	ID: "0b6f3c1e-5d2a-4e8b-9a71-2c4d6e8f0a11", Name: "jira-bot-staging-bench",
	Scopes:     []string{"members.read-all", "groups.read-all", "systems.read-all", "gateway-log.read", "token.read"},
	AllowedIPs: []string{"203.0.113.10", "2001:db8::/48"},
	CreatedAt:  Now.Add(-40 * Day), ExpiresAt: Now.Add(20 * Day),
}

// BenchTokens is n synthetic tokens, seeded by n, with BenchSelected near
// the middle of the name order.
func BenchTokens(n int) []client.Token {
	tokens := Synthetic(n, rand.New(rand.NewPCG(7, uint64(n))))
	tokens[n/2] = BenchSelected
	return tokens
}

// FilterCases are the queries both filter benchmarks type: Prefix first
// (its result delivered), then Key.
var FilterCases = []struct{ Name, Prefix, Key string }{
	{"first-key", "", "e"},      // in every scope set: every token matches
	{"first-key-o", "", "o"},    // in most names, some scope sets
	{"first-key-hex", "", "3"},  // could start an ID: the ID pass runs too
	{"rare-first-key", "", "z"}, // in almost nothing
	{"narrow", "ci-", "r"},      // extends a query matching 1/8 of the tokens
	{"second-key", "t", "e"},    // extends a query matching most tokens
	// The filter language: each must cost the same per token as a plain
	// word, whatever it adds.
	{"second-term", "ci ", "p"},             // AND: a new term on 1/8 of the tokens
	{"field-prefix", "scope:", "w"},         // one tagged field of the shared sets
	{"status-word", "expire", "d"},          // the expiry's status, per token
	{"preset-label", "read-onl", "y"},       // a word of the Scopes column (catalog)
	{"address", "10.12.3.", "4"},            // the ranges that hold an address: a full scan
	{"expires-compare", "expires:<30", "d"}, // a comparison: a full scan
}
