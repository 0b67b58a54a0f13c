package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/term"
)

// maxSecretInput bounds what is read as one secret: a token is at most a few
// KB; a mistaken pipe of a large file must not be read whole.
const maxSecretInput = 64 << 10

// readSecret reads one secret from stdin, the way inspect and auth set take
// a token. On a terminal it asks with prompt (on stderr) and reads one line
// without echo, so the pasted secret stays off the screen and out of the
// scrollback; from a pipe it reads the whole input, bounded. The result is
// trimmed.
func (inv *invocation) readSecret(ctx context.Context, prompt string) (string, error) {
	if !inv.io.InIsTerminal {
		s, err := readBounded(inv.io.In)
		return strings.TrimSpace(s), err
	}
	fmt.Fprint(inv.io.Err, prompt)
	line, err := readHidden(ctx, inv.io.In)
	fmt.Fprintln(inv.io.Err) // the Enter was not echoed either
	if ctx.Err() != nil {
		return "", refusal("interrupted")
	}
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("reading the terminal: %w", err)
	}
	return strings.TrimSpace(line), nil
}

// fder is what an *os.File offers to reach its terminal.
type fder interface{ Fd() uintptr }

// readHidden reads a line from in. When in is a terminal, echo is off while
// it reads, and restored even when ctx ends first (Ctrl-C at the prompt).
// Any other reader (a test's) is read as it is: there is no screen to hide
// the line from.
func readHidden(ctx context.Context, in io.Reader) (string, error) {
	f, ok := in.(fder)
	if !ok || !term.IsTerminal(f.Fd()) {
		return readLine(ctx, in)
	}
	fd := f.Fd()
	saved, err := term.GetState(fd)
	if err != nil {
		return "", err
	}
	type result struct {
		line []byte
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := term.ReadPassword(fd)
		ch <- result{line, err}
	}()
	select {
	case r := <-ch:
		return string(r.line), r.err
	case <-ctx.Done():
		// ReadPassword is still blocked in read and would restore echo only
		// after a line came; put the terminal back now.
		_ = term.Restore(fd, saved)
		return "", ctx.Err()
	}
}

// readBounded reads all of in, refusing more than maxSecretInput bytes.
func readBounded(in io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(in, maxSecretInput+1))
	if err != nil {
		return "", fmt.Errorf("reading stdin: %w", err)
	}
	if len(data) > maxSecretInput {
		return "", refusal("stdin holds more than %d KiB; that is not a token", maxSecretInput>>10)
	}
	return string(data), nil
}
