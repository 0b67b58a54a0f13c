package profile

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/tokentui/tokentui/client"
)

// A config file may hold a token, and a token typed in the wrong place
// becomes a key, an anchor name or the value of another key. Messages about
// the file therefore say the line and what is wrong, and quote nothing that
// could be a token: the helpers below decide what may be shown.

// yamlErrorRE splits the YAML library's messages: "yaml: line 3: did not
// find expected key", "yaml: unknown anchor 'x' referenced".
var yamlErrorRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// anchorRE is the one message that quotes text from the file.
var anchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// quotedRE finds quoted text in a message. The parser's own problems quote
// single characters (expected ',' or '}'); anything longer came from the
// file.
var quotedRE = regexp.MustCompile("'[^']*'|\"[^\"]*\"|`[^`]*`")

// syntaxError turns the YAML library's error into a line number (0 when it
// names none) and a message that quotes nothing from the file.
func syntaxError(err error, data []byte) (int, string) {
	m := yamlErrorRE.FindStringSubmatch(strings.TrimSpace(err.Error()))
	if m == nil {
		return 0, "the file cannot be parsed"
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	if a := anchorRE.FindStringSubmatch(msg); a != nil {
		return lineOf(data, "*"+a[1]), "an alias (*name) refers to an anchor that is not defined; write the value itself (anchors and aliases are not needed in this file)"
	}
	msg = quotedRE.ReplaceAllStringFunc(msg, func(q string) string {
		if len([]rune(q)) == 3 && q[0] == '\'' {
			return q // one character, the parser's own: expected ':'
		}
		return "(text not shown)"
	})
	return line, client.Sanitize(msg)
}

// lineOf is the 1-based line of the first occurrence of s in data, 0 if
// none.
func lineOf(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// showKey quotes an unknown key when it looks like a mistyped key (letters,
// '_' and '-'); anything else may be a token pasted on the wrong line.
func showKey(key string) string {
	if len(key) == 0 || len(key) > 32 || strings.IndexFunc(key, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '-')
	}) >= 0 {
		return "(not shown: it does not look like a key)"
	}
	return strconv.Quote(key)
}

// showValue quotes a value that reads as a name (short, one word, printable);
// a longer one may be a token and is described instead.
func showValue(v string) string {
	if v != "" && len(v) <= 24 && client.Sanitize(v) == v && strings.IndexFunc(v, unicode.IsSpace) < 0 {
		return strconv.Quote(v)
	}
	return fmt.Sprintf("(a value of %d characters, not shown)", len([]rune(v)))
}

// didYouMean names the known profile key closest to an unknown one.
func didYouMean(key string) string {
	best, bestDist := "", 3 // suggest only a near miss
	for k := range profileKeys {
		if d := editDistance(strings.ToLower(key), k); d < bestDist || d == bestDist && best != "" && k < best {
			best, bestDist = k, d
		}
	}
	if best == "" || showKey(key)[0] != '"' {
		return ""
	}
	return "; did you mean " + best + "?"
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
