package leak

import (
	"strings"
	"testing"
)

// The checker itself must see through every encoding, or tests built on it
// could not fail.
func TestRunFindsEncodedSecrets(t *testing.T) {
	const hash = "be4436a9c1f0e2d3b4a5968778695a4b3c2d1e0f"
	for _, text := range []string{
		hash, strings.ToUpper(hash), "%62%65%34%34%33%36%61%39%63%31%66%30%65", "%2562%2565%2534%2534%2533%2536%2561%2539%2563%2531%2566%2530",
		`\u0062\u0065\u0034\u0034\u0033\u0036\u0061\u0039\u0063\u0031\u0066\u0030`, "&#x62;&#101;4436a9c1f0e2",
		strings.Join(strings.Split(hash, ""), "\u200b"), strings.Join(strings.Split(hash, ""), "⟨U+200B⟩"), "100% sure: " + hash[5:20],
	} {
		if Run("before "+text+" after", hash, 12) == "" {
			t.Errorf("missed %q", text)
		}
	}
	if got := Run("be44…2f and "+hash[:11], hash, 12); got != "" {
		t.Errorf("found %q in a mask", got)
	}
}
