//go:build linux

package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: what is written to master is typed on
// slave; what the terminal shows (echo included) is read from master.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

func echoOn(t *testing.T, tty *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// waitEcho waits until the terminal's echo is on (want) or off.
func waitEcho(t *testing.T, tty *os.File, want bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); echoOn(t, tty) != want; {
		if time.Now().After(deadline) {
			t.Fatalf("echo never turned %v", want)
		}
		time.Sleep(time.Millisecond)
	}
}

// screen reads what the terminal showed, up to marker (written through
// the slave side, so it follows any echo).
func screen(t *testing.T, master, slave *os.File, marker string) string {
	t.Helper()
	if _, err := slave.WriteString(marker); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	buf := make([]byte, 256)
	for !strings.Contains(got.String(), marker) {
		n, err := master.Read(buf)
		if err != nil {
			t.Fatalf("reading the terminal: %v (so far %q)", err, got.String())
		}
		got.Write(buf[:n])
	}
	return got.String()
}

func TestSecretIsReadWithoutEcho(t *testing.T) {
	master, slave := openPTY(t)
	// The terminal echoes by default: a typed line shows up on screen. The
	// line is read first: the kernel echoes input as it takes it in, which
	// may come after a write from the slave side made meanwhile (the marker
	// could then overtake the echo); once the line can be read, its echo
	// is already on its way to the screen.
	if _, err := master.WriteString("probe\n"); err != nil {
		t.Fatal(err)
	}
	if line, err := readLine(t.Context(), slave); line != "probe\n" || err != nil {
		t.Fatalf("probe: %q %v", line, err)
	}
	if !strings.Contains(screen(t, master, slave, "#1#"), "probe") {
		t.Fatal("the terminal does not echo: this test would prove nothing")
	}

	var prompt bytes.Buffer
	inv := &invocation{io: IO{In: slave, InIsTerminal: true, Err: &prompt}}
	type result struct {
		secret string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		s, err := inv.readSecret(t.Context(), "Token: ")
		done <- result{s, err}
	}()
	waitEcho(t, slave, false)
	if _, err := master.WriteString("s3cr3t-pasted-token\n"); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil || r.secret != "s3cr3t-pasted-token" {
		t.Fatalf("readSecret = %q, %v", r.secret, r.err)
	}
	if shown := screen(t, master, slave, "#2#"); strings.Contains(shown, "s3cr3t") {
		t.Fatalf("the secret was echoed: %q", shown)
	}
	if prompt.String() != "Token: \n" || !echoOn(t, slave) {
		t.Errorf("prompt %q, echo restored %v", prompt.String(), echoOn(t, slave))
	}
}

func TestSecretPromptRestoresEchoOnInterrupt(t *testing.T) {
	_, slave := openPTY(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := readHidden(ctx, slave)
		done <- err
	}()
	waitEcho(t, slave, false)
	cancel() // Ctrl-C: main's signal context ends
	if err := <-done; err != context.Canceled {
		t.Fatalf("err = %v", err)
	}
	if !echoOn(t, slave) {
		t.Fatal("echo stays off after an interrupted prompt")
	}
}
