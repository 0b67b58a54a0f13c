//go:build linux

// Command scaledrive times tokentui's dashboard as a person sees it: it runs
// the command in a pseudo-terminal of 120x35, answers the queries a real
// terminal answers (cursor position, background colour), types keys, and
// reads the screen as it is drawn. It prints one line per measurement, in
// seconds:
//
//	launch 1.065       start → the status bar shows "N tokens"
//	refresh 0.981      r → "loaded N tokens"            (-refreshes times)
//	switch 1.120       enter in the switcher → "N tokens" (-switches times)
//
// Switching needs a config with two profiles named a and b, a open at
// start; it goes to b and back. Refreshes are a second apart
// (refreshGap), so the end of any refresh is drawn. On a failure,
// SCALEDRIVE_DUMP=FILE keeps everything the program drew in FILE.
// .ci/bench-scale.sh uses it.
//
//	scaledrive -tokens 100017 -refreshes 3 -switches 2 -- tokentui
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

func main() {
	tokens := flag.Int("tokens", 0, "how many tokens the list holds: the status bar then says \"N tokens\"")
	refreshes := flag.Int("refreshes", 0, "press r this many times, each after the last refresh ended")
	switches := flag.Int("switches", 0, "switch profiles (p) this many times, alternating between the first two")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up on any one step after this long")
	flag.Parse()
	if *tokens <= 0 || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: scaledrive -tokens N [-refreshes K] [-switches K] -- command [args]")
		os.Exit(2)
	}
	t, err := start(flag.Args(), *timeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scaledrive:", err)
		os.Exit(1)
	}
	if err := t.run(strconv.Itoa(*tokens)+" tokens", *refreshes, *switches); err != nil {
		t.kill()
		if f := os.Getenv("SCALEDRIVE_DUMP"); f != "" {
			os.WriteFile(f, t.screen, 0o600)
		}
		fmt.Fprintln(os.Stderr, "scaledrive:", err)
		os.Exit(1)
	}
}

// refreshGap is the pause before each refresh. A refresh ends on a
// screen that differs from the last one only by its time ("refreshed
// 12:00:01"), to the second: one ending in the same second as the last,
// whose "refreshing…" a late frame never showed, would draw nothing at
// all, and its end could not be seen. A second after the last one ended,
// its time differs. The pause costs the run time, not the figures, which
// are timed from the key (and the key's phase within a second stays as
// it was: just after the last refresh, a second on).
const refreshGap = time.Second

// run is the session: launch, refreshes, switches, quit.
func (t *terminal) run(count string, refreshes, switches int) error {
	began := time.Now()
	if _, err := t.waitFor(0, count); err != nil {
		return fmt.Errorf("launch: %w", err)
	}
	fmt.Printf("launch %.3f\n", time.Since(began).Seconds())
	for range refreshes {
		time.Sleep(refreshGap)
		from := t.typed("r")
		if _, err := t.waitFor(from, "loaded "+count); err != nil {
			return fmt.Errorf("refresh: %w", err)
		}
		fmt.Printf("refresh %.3f\n", time.Since(t.lastKey).Seconds())
	}
	profiles := []string{"b", "a"}
	for i := range switches {
		to, move := profiles[i%2], map[bool]string{true: "j", false: "k"}[i%2 == 0]
		if _, err := t.waitFor(t.typed("p"), "Switch profile"); err != nil {
			return fmt.Errorf("switcher: %w", err)
		}
		t.typed(move)
		time.Sleep(50 * time.Millisecond) // let the cursor move before enter
		at, err := t.waitFor(t.typed("\r"), "switched to "+to)
		if err != nil {
			return fmt.Errorf("switch: %w", err)
		}
		if _, err := t.waitFor(at, count); err != nil {
			return fmt.Errorf("switch: %w", err)
		}
		fmt.Printf("switch %.3f\n", time.Since(t.lastKey).Seconds())
	}
	t.typed("q")
	return t.wait()
}

// terminal is the pseudo-terminal and the process drawing on it.
type terminal struct {
	master  *os.File
	cmd     *exec.Cmd
	timeout time.Duration
	lastKey time.Time

	mu      sync.Mutex
	screen  []byte        // everything drawn so far
	changed chan struct{} // a token for each read
	done    chan error
}

func start(argv []string, timeout time.Duration) (*terminal, error) {
	master, slave, err := openPTY()
	if err != nil {
		return nil, err
	}
	ws := &unix.Winsize{Row: 35, Col: 120}
	if err := unix.IoctlSetWinsize(int(master.Fd()), unix.TIOCSWINSZ, ws); err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	slave.Close()
	t := &terminal{master: master, cmd: cmd, timeout: timeout, changed: make(chan struct{}, 1), done: make(chan error, 1)}
	go t.read()
	go func() { t.done <- cmd.Wait() }()
	return t, nil
}

// read takes in what the program draws and answers its queries.
func (t *terminal) read() {
	buf := make([]byte, 64<<10)
	for {
		n, err := t.master.Read(buf)
		if n > 0 {
			t.mu.Lock()
			from := max(len(t.screen)-16, 0) // a query may span two reads
			t.screen = append(t.screen, buf[:n]...)
			t.answer(t.screen[from:], len(t.screen)-n-from)
			t.mu.Unlock()
			select {
			case t.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// answer replies to the queries in b that end past its first newFrom
// bytes, as a terminal does: a dark background, then the cursor position.
// termenv asks for both and reads up to the position report, so the order
// matters: an answer it did not read would reach Bubble Tea as keys.
func (t *terminal) answer(b []byte, newFrom int) {
	for _, q := range []struct{ ask, reply string }{
		{"\x1b]11;?", "\x1b]11;rgb:0000/0000/0000\x1b\\"},
		{"\x1b[6n", "\x1b[35;1R"},
	} {
		for i := 0; ; {
			j := bytes.Index(b[i:], []byte(q.ask))
			if j < 0 {
				break
			}
			if i+j+len(q.ask) > newFrom {
				t.master.WriteString(q.reply)
			}
			i += j + len(q.ask)
		}
	}
}

// typed sends keys and returns how much had been drawn before them.
func (t *terminal) typed(keys string) int {
	t.mu.Lock()
	from := len(t.screen)
	t.mu.Unlock()
	t.lastKey = time.Now()
	t.master.WriteString(keys)
	return from
}

// waitFor waits until text is drawn after the first from bytes, and returns
// where it ends.
func (t *terminal) waitFor(from int, text string) (int, error) {
	deadline := time.After(t.timeout)
	for {
		t.mu.Lock()
		i := bytes.Index(t.screen[from:], []byte(text))
		tail := t.screen[max(len(t.screen)-400, 0):]
		t.mu.Unlock()
		if i >= 0 {
			return from + i + len(text), nil
		}
		select {
		case <-t.changed:
		case err := <-t.done:
			return 0, fmt.Errorf("the program ended (%v) before %q appeared; it last drew %q", err, text, tail)
		case <-deadline:
			return 0, fmt.Errorf("%q did not appear within %v; the program last drew %q", text, t.timeout, tail)
		}
	}
}

// wait waits for the program to end after q.
func (t *terminal) wait() error {
	select {
	case err := <-t.done:
		return err
	case <-time.After(t.timeout):
		return fmt.Errorf("the program did not end within %v of q", t.timeout)
	}
}

func (t *terminal) kill() {
	if t.cmd.Process != nil {
		t.cmd.Process.Kill()
	}
}

// openPTY opens a pseudo-terminal pair.
func openPTY() (master, slave *os.File, err error) {
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("no pseudo-terminals here: %w", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		return nil, nil, err
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		return nil, nil, err
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	return m, s, nil
}
