package clipboard

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/tokentui/tokentui/client"
)

// A copied secret's clear must outlive the program: "create, quit, paste
// into CI" is the normal flow, so quitting must neither clear at once nor
// leave the secret on the clipboard for good. As pass and gopass do, the
// clear is handed to a small detached process of the same binary
// (ClearerCommand), which gets the secret on stdin (never in argv or the
// environment, which other users can read through /proc), keeps only its
// hash, waits until the deadline and empties the clipboard if it still
// holds that secret.

// ClearerCommand is tokentui's hidden subcommand that RunClearer serves.
const ClearerCommand = "__clear-clipboard"

// MaxClearDelay bounds how long a clearer process waits: a secret is not
// left on a clipboard for longer, and no process lingers for days.
const MaxClearDelay = time.Hour

// maxSecret bounds what a clearer reads from stdin.
const maxSecret = 64 << 10

// ClearLater implements Clipboard: it starts the clearer, detached, and
// returns once it has the secret.
func (a *Auto) ClearLater(secret string, at time.Time) error {
	a.mu.Lock()
	viaOSC52 := a.onlyOSC52[client.Fingerprint(secret)]
	a.mu.Unlock()
	switch {
	case viaOSC52:
		return ErrCannotClear
	case a.opts.System == nil:
		return errors.New(ReasonNotCopied)
	}
	command := a.opts.Clearer
	if command == nil {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("cannot find tokentui's own program to clear later: %w", err)
		}
		command = []string{exe, ClearerCommand}
	}
	return startClearer(command, secret, at)
}

// startClearer runs command with "--at" in a session of its own (so a
// closed terminal does not take it down), writes the secret to its stdin,
// waits for it to say it has it (ack), and leaves it running.
func startClearer(command []string, secret string, at time.Time) error {
	// Whole seconds, rounded up: never earlier than the time promised.
	unix := at.Unix()
	if at.Nanosecond() > 0 {
		unix++
	}
	args := append(append([]string{}, command[1:]...), "--at", strconv.FormatInt(unix, 10))
	cmd := exec.Command(command[0], args...)
	detach(cmd)
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start the clipboard clearer: %w", err)
	}
	_, werr := io.WriteString(in, secret)
	if cerr := in.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = awaitAck(out)
	}
	if werr != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return fmt.Errorf("the clipboard clearer did not take the secret: %w", werr)
	}
	go cmd.Wait() // reaped if this process is still there when it ends
	return nil
}

// ack is what a clearer writes on stdout once it holds the secret's hash.
const ack = "ok\n"

// ackTimeout bounds the wait for a clearer to start and say it is ready.
const ackTimeout = 5 * time.Second

// awaitAck reads the clearer's ack.
func awaitAck(out io.Reader) error {
	got := make(chan error, 1)
	go func() {
		buf := make([]byte, len(ack))
		_, err := io.ReadFull(out, buf)
		if err == nil && string(buf) != ack {
			err = errors.New("it answered something else")
		}
		got <- err
	}()
	select {
	case err := <-got:
		return err
	case <-time.After(ackTimeout):
		return errors.New("it did not answer in time")
	}
}

// ClearerOptions are what RunClearer needs besides its input.
type ClearerOptions struct {
	System SystemBackend
	Now    func() time.Time
	Sleep  func(time.Duration)
	// Timeout bounds each clipboard call; 0 means 3 s.
	Timeout time.Duration
}

// RunClearer is the clearer process: it reads the secret from in (bounded),
// keeps only its SHA-256, tells the program that started it so on ack,
// waits until at (never longer than MaxClearDelay) and empties the system
// clipboard if it still holds that secret.
func RunClearer(in io.Reader, ackTo io.Writer, at time.Time, o ClearerOptions) ClearResult {
	raw, err := io.ReadAll(io.LimitReader(in, maxSecret+1))
	if err != nil || len(raw) == 0 || len(raw) > maxSecret {
		return ClearResult{Reason: "no secret was handed over"}
	}
	want := sha256.Sum256(raw)
	clear(raw)
	if _, err := io.WriteString(ackTo, ack); err != nil {
		return ClearResult{Reason: "the program that handed the secret over is gone"}
	}
	wait := min(at.Sub(o.Now()), MaxClearDelay)
	if wait > 0 {
		o.Sleep(wait)
	}
	a := New(Options{System: o.System, Timeout: o.Timeout})
	var current string
	if err := a.withTimeout(func() error {
		var err error
		current, err = o.System.Read()
		return err
	}); err != nil {
		return ClearResult{Reason: "cannot read the system clipboard: " + err.Error()}
	}
	got := sha256.Sum256([]byte(current))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return ClearResult{Reason: ReasonChanged}
	}
	if err := a.withTimeout(func() error { return o.System.Write("") }); err != nil {
		return ClearResult{Reason: "clearing failed: " + err.Error()}
	}
	return ClearResult{Cleared: true}
}
