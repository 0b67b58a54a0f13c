package cli

import (
	"context"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// StdIO is the IO of a real process: the standard streams, with terminal
// detection, os.Getenv, the wall clock and the system clipboard.
func StdIO() IO {
	return IO{
		In:            os.Stdin,
		Out:           os.Stdout,
		Err:           os.Stderr,
		InIsTerminal:  term.IsTerminal(os.Stdin.Fd()),
		OutIsTerminal: term.IsTerminal(os.Stdout.Fd()),
		CollectLate:   true,
	}
}

// maxLine bounds one line read from stdin (an answer, a token).
const maxLine = 64 << 10

// readLine reads one line from in, giving up when ctx ends, so Ctrl-C at a
// prompt works even when the caller turned SIGINT into a cancellation. It
// reads byte by byte: what follows the line stays in in for the next
// prompt (a confirmation, then a token).
func readLine(ctx context.Context, in io.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		var line []byte
		b := make([]byte, 1)
		for len(line) < maxLine {
			n, err := in.Read(b)
			if n > 0 {
				line = append(line, b[0])
				if b[0] == '\n' {
					break
				}
			}
			if err != nil {
				ch <- result{string(line), err}
				return
			}
		}
		ch <- result{string(line), nil}
	}()
	select {
	case r := <-ch:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
