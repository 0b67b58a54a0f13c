package tui

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tokentui/tokentui/client/emulator/demo"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// demo.tape is replayed here against the demo dashboard (emulators in this
// process, pinned clock, fake clipboard) at the size the tape names: every
// Wait+Screen must come true, in order, or the tape has drifted from the
// app. Run: go test -race -run Tape ./tui

// tapeWaitDefault is how long a Wait+Screen without @<timeout> may take;
// VHS's own default is 15 s.
const tapeWaitDefault = 15 * time.Second

func TestDemoTape(t *testing.T) {
	src, err := os.ReadFile("../demo.tape")
	if err != nil {
		t.Fatal(err)
	}
	tp, err := parseTape(string(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := replayTape(t, tp); err != nil {
		t.Fatal(err)
	}
}

// TestDemoTapeDrift proves the replay can fail: a tape waiting for what the
// app never draws, or sending a key it binds to nothing the tape expects,
// is caught.
func TestDemoTapeDrift(t *testing.T) {
	const head = "# tokentui: 120x35\nType \"go run . --demo\"\nEnter\nWait+Screen@5s /16 tokens/\n"
	for name, body := range map[string]string{
		"screen never shows it": "Wait+Screen@1s /no such token anywhere/\n",
		// "?" is help, not the filter: the keys land on the table instead.
		"wrong key for filter": "Type \"?splunk\"\nEnter\nWait+Screen@1s /1 of 16 tokens/\n",
	} {
		t.Run(name, func(t *testing.T) {
			tp, err := parseTape(head + body)
			if err != nil {
				t.Fatal(err)
			}
			err = replayTape(t, tp)
			if err == nil {
				t.Fatal("a drifted tape replayed without error")
			}
			if !strings.Contains(err.Error(), "line 5:") && !strings.Contains(err.Error(), "line 7:") {
				t.Errorf("the error does not name the failing line: %v", err)
			}
		})
	}
}

// screenModel wraps the app and keeps its latest frame, as plain text cut
// to the terminal's size: what Wait+Screen looks at.
type screenModel struct {
	tea.Model
	frame      *atomic.Pointer[string]
	cols, rows int
	barrier    chan struct{} // closed once the frame after a barrierMsg is drawn
}

// barrierMsg marks a point in the key stream: once its frame is drawn,
// every key before it has been handled.
type barrierMsg struct{ done chan struct{} }

func (s screenModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if b, ok := msg.(barrierMsg); ok {
		s.barrier = b.done
		return s, nil
	}
	next, cmd := s.Model.Update(msg)
	s.Model = next
	s.barrier = nil
	return s, cmd
}

func (s screenModel) View() string {
	v := s.Model.View()
	lines := strings.Split(ansi.Strip(v), "\n")
	if len(lines) > s.rows {
		lines = lines[:s.rows]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(ansi.Truncate(l, s.cols, ""), " ")
	}
	screen := strings.Join(lines, "\n")
	s.frame.Store(&screen)
	if s.barrier != nil {
		select {
		case s.barrier <- struct{}{}:
		default:
		}
	}
	return v
}

// replayTape runs the app part of a tape against a fresh demo dashboard. It
// returns the first Wait+Screen that did not come true, with the screen as
// it was.
func replayTape(t *testing.T, tp tape) error {
	t.Helper()
	frame := &atomic.Pointer[string]{}
	empty := ""
	frame.Store(&empty)
	sm := screenModel{Model: newTapeDemoModel(t), frame: frame, cols: tp.cols, rows: tp.rows}
	tm := teatest.NewTestModel(t, sm, teatest.WithInitialTermSize(tp.cols, tp.rows))
	defer func() { _ = tm.Quit() }()

	for _, st := range tp.app {
		for _, k := range st.keys {
			tm.Send(k)
		}
		if st.wait == nil {
			continue
		}
		// Look only at frames drawn after every key so far was handled.
		done := make(chan struct{}, 1)
		tm.Send(barrierMsg{done})
		timeout := st.timeout
		if timeout == 0 {
			timeout = tapeWaitDefault
		}
		deadline := time.After(timeout)
		select {
		case <-done:
		case <-deadline:
			return fmt.Errorf("demo.tape line %d: %s: the app did not handle the keys within %s", st.line, st.src, timeout)
		}
		for !st.wait.MatchString(*frame.Load()) {
			select {
			case <-deadline:
				return fmt.Errorf("demo.tape line %d: %s: not on screen after %s; the screen was:\n%s", st.line, st.src, timeout, *frame.Load())
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	return nil
}

// newTapeDemoModel is the dashboard `tokentui --demo` opens (the profile
// selection tui/launch makes), on emulators running in this test, and a fake
// clipboard. The clock is pinned to the moment the test starts, not to
// testNow: the providers check expiry dates against the wall clock, which a
// date in the past would fail.
func newTapeDemoModel(t *testing.T) tea.Model {
	t.Helper()
	start := time.Now().UTC().Truncate(time.Minute)
	fixedClock := func() time.Time { return start }
	sel, err := profile.Resolve(profile.Options{Demo: true, Clock: fixedClock, StartDemo: demo.Start})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sel.Close)
	// As tui/launch does: the dashboard opens the profile itself.
	return New(Options{
		Demo:     true,
		Profiles: sel.Profiles, Profile: sel.SelectedIndex(),
		Now: fixedClock, Location: time.UTC, Clipboard: clipboard.NewFake(),
	})
}

func TestParseTape(t *testing.T) {
	good := "# tokentui: 100x30\nOutput x.gif\nSet FontSize 14\nHide\nType@10ms \"go run . --demo\"\nEnter\nShow\n" +
		"Sleep 1.5\nDown@50ms 3\nCtrl+C\nSpace\nType 'a b'\nWait+Screen@2s /x+y/\n"
	tp, err := parseTape(good)
	if err != nil {
		t.Fatal(err)
	}
	if tp.cols != 100 || tp.rows != 30 || len(tp.setup) != 5 || len(tp.app) != 7 {
		t.Fatalf("size %dx%d, %d setup and %d app steps", tp.cols, tp.rows, len(tp.setup), len(tp.app))
	}
	var keys []tea.KeyMsg
	for _, st := range tp.app {
		keys = append(keys, st.keys...)
	}
	want := "down down down ctrl+c   a   b"
	var got []string
	for _, k := range keys {
		got = append(got, k.String())
	}
	if strings.Join(got, " ") != want {
		t.Errorf("keys %q, want %q", strings.Join(got, " "), want)
	}
	last := tp.app[len(tp.app)-1]
	if last.wait == nil || last.timeout != 2*time.Second || !last.wait.MatchString("xxy") {
		t.Errorf("wait step %+v", last)
	}

	const launch = "# tokentui: 100x30\nType \"go run . --demo\"\nEnter\n"
	for name, src := range map[string]string{
		"unknown command":     launch + "Screenshot x.png\n",
		"unknown key":         launch + "PageDown\n",
		"unknown setting":     launch + "Set Theme \"Dracula\"\n",
		"bad count":           launch + "Down zero\n",
		"bad sleep":           launch + "Sleep soon\n",
		"unquoted type":       launch + "Type hello\n",
		"bad regex":           launch + "Wait+Screen /(/\n",
		"other wait":          launch + "Wait+Line /x/\n",
		"no size":             "Type \"go run . --demo\"\nEnter\nType \"q\"\n",
		"never launched":      "# tokentui: 100x30\nType \"go run .\"\nEnter\n",
		"wait before launch":  "# tokentui: 100x30\nWait+Screen /\\$/\nType \"go run . --demo\"\nEnter\nType \"q\"\n",
		"nothing after start": launch,
	} {
		if _, err := parseTape(src); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
