package profile

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/tokentui/tokentui/client"
)

// CommandTimeout bounds a token_command: a password manager waiting for a
// PIN that never comes must not hang tokentui.
const CommandTimeout = 10 * time.Second

// Limits on a command's output. A token is short; stderr is quoted in an
// error message and only needs its first words. A command that prints more
// than maxCommandStdout, or floods stderr past maxCommandStderr, is killed at
// once rather than drained until the timeout.
const (
	maxCommandStdout = 64 << 10
	maxCommandStderr = 1 << 20
	keptStderr       = 4 << 10
	maxStderrQuote   = 300
	maxCommandQuote  = 80
)

// runTokenCommand runs command with sh -c and returns its trimmed stdout.
// Errors quote the command's stderr (sanitised, truncated) and never its
// stdout, which may be the token or part of it.
func runTokenCommand(ctx context.Context, command string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	stdout := &cappedBuffer{keep: maxCommandStdout, limit: maxCommandStdout, onOverflow: cancel}
	stderr := &cappedBuffer{keep: keptStderr, limit: maxCommandStderr, onOverflow: cancel}
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	// stdin stays /dev/null: the TUI owns the terminal, and a command that
	// prompts there would freeze it. Password agents use their own pinentry.
	killGroupOnCancel(cmd)
	// A grandchild that keeps the pipes open must not keep us waiting.
	cmd.WaitDelay = time.Second

	err := cmd.Run()
	shown := quoteCommand(command)
	switch {
	case stdout.overflowed():
		return "", fmt.Errorf("token_command %s printed more than %d KiB; it must print only the token", shown, maxCommandStdout>>10)
	case stderr.overflowed():
		return "", fmt.Errorf("token_command %s printed more than %d MiB on stderr and was stopped%s", shown, maxCommandStderr>>20, quoteStderr(stderr.String()))
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("token_command %s did not finish within %s%s", shown, timeout, quoteStderr(stderr.String()))
	case ctx.Err() != nil:
		return "", fmt.Errorf("token_command %s was cancelled", shown)
	case err != nil:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("token_command %s failed (%s)%s", shown, exit.ProcessState.String(), quoteStderr(stderr.String()))
		}
		return "", fmt.Errorf("token_command %s could not run: %s", shown, client.Sanitize(err.Error()))
	}
	tok := strings.TrimSpace(stdout.String())
	if tok == "" {
		return "", fmt.Errorf("token_command %s printed nothing on stdout%s", shown, quoteStderr(stderr.String()))
	}
	return tok, nil
}

// quoteCommand is the command as an error message shows it: sanitised (the
// config file is input too, and may hold escape sequences) and cut short.
func quoteCommand(command string) string {
	return "`" + clipRunes(strings.TrimSpace(client.Sanitize(command)), maxCommandQuote) + "`"
}

// quoteStderr formats what the command said on stderr for an error message.
func quoteStderr(s string) string {
	s = strings.TrimSpace(client.Sanitize(s))
	if s == "" {
		return ""
	}
	return ": " + clipRunes(s, maxStderrQuote)
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// cappedBuffer keeps the first keep bytes written, counts the rest, and
// calls onOverflow once when more than limit bytes have come, so a runaway
// command can neither fill memory nor keep tokentui reading until the
// timeout. It has only Write: a ReadFrom (bytes.Buffer's) would let io.Copy
// go around the cap.
type cappedBuffer struct {
	mu         sync.Mutex
	buf        []byte
	keep       int
	limit      int
	total      int
	onOverflow func()
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.keep - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	before := b.total
	b.total += len(p)
	if before <= b.limit && b.total > b.limit && b.onOverflow != nil {
		b.onOverflow()
	}
	return len(p), nil
}

func (b *cappedBuffer) overflowed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.total > b.limit
}

func (b *cappedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
