package cli

import (
	"bufio"
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
	}
}

// readLine reads one line from in, giving up when ctx ends, so Ctrl-C at a
// prompt works even when the caller turned SIGINT into a cancellation.
func readLine(ctx context.Context, in io.Reader) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := bufio.NewReader(in).ReadString('\n')
		ch <- result{line, err}
	}()
	select {
	case r := <-ch:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
