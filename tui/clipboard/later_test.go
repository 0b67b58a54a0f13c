package clipboard

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary plays tokentui in child processes: with clearerFileEnv
// set it is the clearer (ClearerCommand) or, with handoffEnv too, a
// tokentui that hands a clear off and quits at once. Its "system
// clipboard" is a file.
const (
	clearerFileEnv = "TOKENTUI_TEST_CLIPBOARD_FILE"
	handoffEnv     = "TOKENTUI_TEST_HANDOFF_AT"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(clearerFileEnv); path != "" {
		os.Exit(playTokentui(path))
	}
	os.Exit(m.Run())
}

func playTokentui(path string) int {
	sys := fileSystem(path)
	if at := os.Getenv(handoffEnv); at != "" {
		unix, _ := strconv.ParseInt(at, 10, 64)
		os.Unsetenv(handoffEnv) // the clearer it starts must not hand off again
		a := New(Options{System: sys, Clearer: []string{os.Args[0], ClearerCommand}})
		if err := a.ClearLater(string(readFile(path)), time.Unix(unix, 0)); err != nil {
			return 1
		}
		return 0 // gone at once, as tokentui quitting
	}
	if len(os.Args) != 4 || os.Args[1] != ClearerCommand || os.Args[2] != "--at" {
		return 2
	}
	unix, _ := strconv.ParseInt(os.Args[3], 10, 64)
	RunClearer(os.Stdin, os.Stdout, time.Unix(unix, 0), ClearerOptions{System: sys, Now: time.Now, Sleep: time.Sleep})
	return 0
}

// fileSystem is a system clipboard kept in a file.
type fileSystem string

func (f fileSystem) Write(text string) error { return os.WriteFile(string(f), []byte(text), 0o600) }
func (f fileSystem) Read() (string, error) {
	b, err := os.ReadFile(string(f))
	return string(b), err
}

func readFile(path string) []byte {
	b, _ := os.ReadFile(path)
	return b
}

// eventually waits up to 8 s for cond.
func eventually(cond func() bool) bool {
	for end := time.Now().Add(8 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

func TestClearOutlivesTheProgramThatHandedItOff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clipboard")
	if err := os.WriteFile(path, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(4 * time.Second).Truncate(time.Second)
	quitter := exec.Command(os.Args[0])
	quitter.Env = append(os.Environ(), clearerFileEnv+"="+path, handoffEnv+"="+strconv.FormatInt(at.Unix(), 10))
	if out, err := quitter.CombinedOutput(); err != nil {
		t.Fatalf("handing off: %v %s", err, out)
	}
	// The program that copied is gone; the secret is still there to paste
	// (on a machine slow enough to pass the deadline meanwhile, not asked).
	if early := time.Now().Before(at.Add(-200 * time.Millisecond)); early && string(readFile(path)) != secret {
		t.Fatal("the clipboard was cleared at once, not at the deadline")
	}
	if !eventually(func() bool { return string(readFile(path)) == "" }) {
		t.Fatalf("the clipboard still holds the secret after the deadline")
	}
	if time.Now().Before(at) {
		t.Fatal("cleared before the deadline")
	}
}

func TestClearerLeavesWhatWasCopiedSince(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clipboard")
	t.Setenv(clearerFileEnv, path)
	a := New(Options{System: fileSystem(path), Clearer: []string{os.Args[0], ClearerCommand}})
	if r := a.Copy(secret); r.Method != System {
		t.Fatalf("Copy = %+v", r)
	}
	at := time.Now().Add(time.Second)
	if err := a.ClearLater(secret, at); err != nil {
		t.Fatal(err)
	}
	fileSystem(path).Write("https://example.com")
	time.Sleep(time.Until(at) + 1500*time.Millisecond) // past the deadline, rounded up
	if time.Now().Before(at) {
		t.Fatal("slept too little")
	}
	if got := string(readFile(path)); got != "https://example.com" {
		t.Fatalf("the clearer destroyed what was copied since: %q", got)
	}
}

func TestClearLaterSaysWhenNoClearerTookIt(t *testing.T) {
	a := New(Options{System: &memSystem{}, Clearer: []string{"/bin/false"}})
	a.Copy(secret)
	if err := a.ClearLater(secret, time.Now().Add(time.Minute)); err == nil {
		t.Fatal("a clearer that never started was taken for one that did")
	}
}

func TestClearLaterRefusesOSC52(t *testing.T) {
	a := New(Options{System: &memSystem{writeErr: errors.New("no display")}, Terminal: &countingWriter{}, Getenv: env(nil)})
	a.Copy(secret)
	if err := a.ClearLater(secret, time.Now()); !errors.Is(err, ErrCannotClear) {
		t.Fatalf("ClearLater after OSC 52 = %v", err)
	}
}

func TestRunClearer(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var slept []time.Duration
	opts := func(sys SystemBackend) ClearerOptions {
		return ClearerOptions{System: sys, Now: func() time.Time { return now }, Sleep: func(d time.Duration) { slept = append(slept, d) }}
	}
	sys := &memSystem{content: secret}
	if r := RunClearer(strings.NewReader(secret), io.Discard, now.Add(45*time.Second), opts(sys)); !r.Cleared || sys.content != "" {
		t.Fatalf("unchanged: %+v, %q", r, sys.content)
	}
	sys = &memSystem{content: "other"}
	if r := RunClearer(strings.NewReader(secret), io.Discard, now.Add(72*time.Hour), opts(sys)); r.Cleared || sys.content != "other" {
		t.Fatalf("changed: %+v, %q", r, sys.content)
	}
	if slept[0] != 45*time.Second || slept[1] != MaxClearDelay {
		t.Fatalf("slept %v, want 45s then the cap", slept)
	}
	if r := RunClearer(strings.NewReader(""), io.Discard, now, opts(&memSystem{})); r.Cleared {
		t.Fatal("cleared with no secret handed over")
	}
}

// slowSystem's first write takes a while, then lands.
type slowSystem struct {
	memSystem
	delay time.Duration
	once  sync.Once
}

func (s *slowSystem) Write(text string) error {
	s.once.Do(func() { time.Sleep(s.delay) })
	return s.memSystem.Write(text)
}

func TestSlowSystemWriteIsStillCleared(t *testing.T) {
	sys := &slowSystem{delay: 150 * time.Millisecond}
	c := New(Options{System: sys, Terminal: &countingWriter{}, Getenv: env(nil), Timeout: 20 * time.Millisecond})
	res := c.Copy(secret)
	if !res.SystemPending || res.Method != OSC52 || !res.MayHold() {
		t.Fatalf("Copy = %+v, want OSC 52 with the system write pending", res)
	}
	// The clear waits for the slow write and then empties it.
	if r := c.ClearIfUnchanged(secret); !r.Cleared || sys.content != "" {
		t.Fatalf("ClearIfUnchanged = %+v, clipboard %q", r, sys.content)
	}
}

func TestFakeClearLater(t *testing.T) {
	f := NewFake()
	f.Copy(secret)
	at := time.Date(2026, 1, 1, 12, 0, 45, 0, time.UTC)
	if err := f.ClearLater(secret, at); err != nil || len(f.Later()) != 1 {
		t.Fatalf("ClearLater = %v, %v", err, f.Later())
	}
	f.RunLater(at.Add(-time.Second))
	if f.Content() != secret {
		t.Fatal("cleared before its time")
	}
	f.RunLater(at)
	if f.Content() != "" || len(f.Later()) != 0 {
		t.Fatalf("content %q, later %v", f.Content(), f.Later())
	}
}
