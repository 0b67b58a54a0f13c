package client

// Facts is a set of things an API may or may not report about its tokens.
// A provider stamps the ones it reports on every Token (Token.Reported), so
// whoever shows a token can tell "never used" from "not reported" without
// knowing which provider it came from.
type Facts uint8

const (
	// FactLastUse: LastUsedAt is reported; zero then means never used.
	FactLastUse Facts = 1 << iota
	// FactCreator: CreatedBy is reported; "" then means none recorded.
	FactCreator
	// FactSelf: the provider can tell whether the token is the admin token
	// in use (Token.Self).
	FactSelf
)

// Has reports whether every fact of x is in f.
func (f Facts) Has(x Facts) bool { return f&x == x }

// SplitSelf separates the admin token in use (Token.Self) from the other
// tokens, keeping their order: revoking it must come last, and take a step
// of its own.
func SplitSelf(tokens []Token) (self, others []Token) {
	for _, t := range tokens {
		if t.Self {
			self = append(self, t)
		} else {
			others = append(others, t)
		}
	}
	return self, others
}
