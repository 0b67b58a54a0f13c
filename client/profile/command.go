package profile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// CommandTimeout bounds a token_command: a password manager waiting for a
// PIN that never comes must not hang tokentui.
const CommandTimeout = 10 * time.Second

// Limits on what is kept of a command's output. A token is short; stderr is
// quoted in an error message and only needs its first words.
const (
	maxCommandStdout = 64 << 10
	maxStderrQuote   = 300
)

// runTokenCommand runs command with sh -c and returns its trimmed stdout.
// Errors quote the command's stderr (sanitised, truncated) and never its
// stdout, which may be the token or part of it.
func runTokenCommand(ctx context.Context, command string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var stdout, stderr cappedBuffer
	stdout.max, stderr.max = maxCommandStdout, 4<<10
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// stdin stays /dev/null: the TUI owns the terminal, and a command that
	// prompts there would freeze it. Password agents use their own pinentry.
	killGroupOnCancel(cmd)
	// A grandchild that keeps the pipes open must not keep us waiting.
	cmd.WaitDelay = time.Second

	err := cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("token_command `%s` did not finish within %s%s", command, timeout, quoteStderr(stderr.String()))
	case ctx.Err() != nil:
		return "", fmt.Errorf("token_command `%s` was cancelled", command)
	case err != nil:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("token_command `%s` failed (%s)%s", command, exit.ProcessState.String(), quoteStderr(stderr.String()))
		}
		return "", fmt.Errorf("token_command `%s` could not run: %s", command, client.Sanitize(err.Error()))
	case stdout.overflow:
		return "", fmt.Errorf("token_command `%s` printed more than %d KiB; it must print only the token", command, maxCommandStdout>>10)
	}
	tok := strings.TrimSpace(stdout.String())
	if tok == "" {
		return "", fmt.Errorf("token_command `%s` printed nothing on stdout%s", command, quoteStderr(stderr.String()))
	}
	return tok, nil
}

// quoteStderr formats what the command said on stderr for an error message.
func quoteStderr(s string) string {
	s = strings.TrimSpace(client.Sanitize(s))
	if s == "" {
		return ""
	}
	if r := []rune(s); len(r) > maxStderrQuote {
		s = string(r[:maxStderrQuote]) + "…"
	}
	return ": " + s
}

// cappedBuffer keeps the first max bytes written and remembers whether more
// came, so a runaway command cannot fill memory.
type cappedBuffer struct {
	bytes.Buffer
	max      int
	overflow bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	room := b.max - b.Len()
	if len(p) > room {
		b.overflow = true
		if room > 0 {
			b.Buffer.Write(p[:room])
		}
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
