package tui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// A parser for the subset of VHS (github.com/charmbracelet/vhs) that
// demo.tape uses. It is strict on purpose: a command it does not know is an
// error, so the tape cannot grow steps the replay test silently skips.

// tapeStep is one command of a tape, already turned into what the replay
// does with it.
type tapeStep struct {
	line int
	src  string // the command as written, for error messages

	keys    []tea.KeyMsg   // Type and key commands: what the terminal sends
	wait    *regexp.Regexp // Wait+Screen: what the screen must show
	timeout time.Duration  // Wait+Screen@<timeout>; 0: the replay's default
	typed   string         // Type: the text, to spot the launch command
	enter   bool           // the command is Enter
}

// tape is a parsed tape file.
type tape struct {
	cols, rows int        // from the "# tokentui: 120x35" directive
	setup      []tapeStep // what the shell runs before the app is up
	app        []tapeStep // from the first key the app receives
}

// tapeSizeDirective gives the terminal size in cells: VHS sizes are in
// pixels, which the replay cannot turn into cells without the font.
var tapeSizeDirective = regexp.MustCompile(`^#\s*tokentui:\s*(\d+)x(\d+)\s*$`)

// tapeSettings are the Set names the tape may use.
var tapeSettings = map[string]bool{
	"FontSize": true, "Width": true, "Height": true, "Shell": true, "TypingSpeed": true, "Padding": true,
}

// tapeKeys are the VHS key commands and the key a terminal sends for each.
var tapeKeys = map[string]tea.KeyType{
	"Enter": tea.KeyEnter, "Tab": tea.KeyTab, "Space": tea.KeySpace, "Backspace": tea.KeyBackspace,
	"Escape": tea.KeyEsc, "Up": tea.KeyUp, "Down": tea.KeyDown, "Left": tea.KeyLeft, "Right": tea.KeyRight,
}

// parseTape reads a tape. The app starts at the first Enter after a Type
// whose text has --demo (`go run . --demo`, `/tmp/tokentui-demo --demo`); commands before it belong to the
// shell and are only checked for syntax.
func parseTape(src string) (tape, error) {
	var t tape
	launched := false
	lastTyped := ""
	for i, raw := range strings.Split(src, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		if m := tapeSizeDirective.FindStringSubmatch(line); m != nil {
			t.cols, _ = strconv.Atoi(m[1])
			t.rows, _ = strconv.Atoi(m[2])
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		step, err := parseTapeLine(line)
		if err != nil {
			return tape{}, fmt.Errorf("demo.tape line %d: %q: %w", n, line, err)
		}
		step.line, step.src = n, line
		if launched {
			t.app = append(t.app, step)
			continue
		}
		if step.wait != nil {
			return tape{}, fmt.Errorf("demo.tape line %d: Wait before the app is launched cannot be replayed", n)
		}
		t.setup = append(t.setup, step)
		if step.keys != nil && !step.enter {
			lastTyped = step.typed
		}
		if step.enter && strings.Contains(lastTyped, "--demo") {
			launched = true
		}
	}
	switch {
	case t.cols < 40 || t.rows < 10:
		return tape{}, fmt.Errorf(`demo.tape needs a "# tokentui: <cols>x<rows>" line (at least 40x10) for the replay's terminal size`)
	case !launched:
		return tape{}, fmt.Errorf(`demo.tape never launches the app: want Type "... --demo" then Enter`)
	case len(t.app) == 0:
		return tape{}, fmt.Errorf("demo.tape does nothing once the app is up")
	}
	return t, nil
}

// parseTapeLine parses one command.
func parseTapeLine(line string) (tapeStep, error) {
	word, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	word, at, hasAt := strings.Cut(word, "@") // Type@50ms, Down@100ms 3, Wait+Screen@5s
	var step tapeStep
	switch {
	case word == "Output" || word == "Hide" || word == "Show":
		if (word == "Output") != (rest != "") || hasAt {
			return step, fmt.Errorf("want %s", map[string]string{"Output": "Output <file>", "Hide": "Hide", "Show": "Show"}[word])
		}
		return step, nil
	case word == "Set":
		name, value, _ := strings.Cut(rest, " ")
		if !tapeSettings[name] || strings.TrimSpace(value) == "" || hasAt {
			return step, fmt.Errorf("unknown setting or missing value (known: FontSize, Width, Height, Shell, TypingSpeed, Padding)")
		}
		return step, nil
	case word == "Sleep":
		if _, err := tapeDuration(rest); err != nil || hasAt {
			return step, fmt.Errorf("want Sleep <duration> such as 500ms or 2s")
		}
		return step, nil
	case word == "Type":
		if hasAt {
			if _, err := tapeDuration(at); err != nil {
				return step, err
			}
		}
		text, err := tapeString(rest)
		if err != nil {
			return step, err
		}
		step.typed = text
		for _, r := range text {
			if r == ' ' {
				step.keys = append(step.keys, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
				continue
			}
			step.keys = append(step.keys, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
		return step, nil
	case word == "Wait+Screen":
		if hasAt {
			d, err := tapeDuration(at)
			if err != nil {
				return step, err
			}
			step.timeout = d
		}
		if len(rest) < 2 || rest[0] != '/' || rest[len(rest)-1] != '/' {
			return step, fmt.Errorf("want Wait+Screen /regex/")
		}
		re, err := regexp.Compile(rest[1 : len(rest)-1])
		if err != nil {
			return step, err
		}
		step.wait = re
		return step, nil
	}
	key, err := tapeKey(word)
	if err != nil {
		return step, err
	}
	if hasAt {
		if _, err := tapeDuration(at); err != nil {
			return step, err
		}
	}
	count := 1
	if rest != "" {
		if count, err = strconv.Atoi(rest); err != nil || count < 1 {
			return step, fmt.Errorf("want %s [count]", word)
		}
	}
	for range count {
		step.keys = append(step.keys, key)
	}
	step.enter = word == "Enter"
	return step, nil
}

// tapeKey is the key a VHS key command sends: one of tapeKeys or
// Ctrl+<letter>.
func tapeKey(word string) (tea.KeyMsg, error) {
	if k, ok := tapeKeys[word]; ok {
		if k == tea.KeySpace {
			return tea.KeyMsg{Type: k, Runes: []rune{' '}}, nil
		}
		return tea.KeyMsg{Type: k}, nil
	}
	if l, ok := strings.CutPrefix(word, "Ctrl+"); ok && len(l) == 1 {
		c := strings.ToLower(l)[0]
		if c >= 'a' && c <= 'z' {
			// Ctrl+A..Ctrl+Z are the control codes 1..26.
			return tea.KeyMsg{Type: tea.KeyCtrlA + tea.KeyType(c-'a')}, nil
		}
	}
	return tea.KeyMsg{}, fmt.Errorf("unknown command %q", word)
}

// tapeString reads a quoted VHS string: "…", '…' or `…`, no escapes.
func tapeString(s string) (string, error) {
	if len(s) >= 2 && strings.ContainsRune("\"'`", rune(s[0])) && s[len(s)-1] == s[0] {
		inner := s[1 : len(s)-1]
		if !strings.ContainsRune(inner, rune(s[0])) {
			return inner, nil
		}
	}
	return "", fmt.Errorf("want one quoted string")
}

// tapeDuration reads 500ms, 2s, 1.5 (seconds, as VHS reads a bare number).
func tapeDuration(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 {
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || !(strings.HasSuffix(s, "ms") || strings.HasSuffix(s, "s")) {
		return 0, fmt.Errorf("%q is not a duration such as 500ms or 2s", s)
	}
	return d, nil
}
