package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/tokentui/tokentui/client/inspect"
)

// maxInspectInput bounds what is read from stdin: a token is at most a few
// KB; a mistaken pipe of a large file must not be read whole.
const maxInspectInput = 64 << 10

// inspectJSON is inspect --json's output.
type inspectJSON struct {
	Kind   string      `json:"kind"`
	Title  string      `json:"title"`
	Masked string      `json:"masked"`
	Fields []fieldJSON `json:"fields"`
}

type fieldJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value string `json:"value"`
}

func runInspect(ctx context.Context, inv *invocation, args []string) error {
	fs := inv.flags("tokentui inspect [TOKEN | -] [--json]",
		`Say what a token is (which system, which organisation, project or
environment, expiry) from its text alone. It is never sent anywhere, so no
profile is needed. Reads stdin when TOKEN is - or absent; prefer stdin, as
arguments end up in shell history and process lists. The output never
repeats the whole token.`)
	asJSON := fs.Bool("json", false, "print JSON (fields in JSON.md)")
	pos, err := inv.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("inspect takes one token (got %d arguments)", len(pos))
	}
	var secret string
	if len(pos) == 1 && pos[0] != "-" {
		secret = pos[0]
	} else {
		if inv.io.InIsTerminal {
			fmt.Fprint(inv.io.Err, "Paste the token, then press Enter: ")
		}
		if secret, err = readSecret(ctx, inv.io.In, inv.io.InIsTerminal); err != nil {
			return err
		}
	}
	res := inspect.RecogniseAt(secret, inv.io.Now())
	if res.Kind == inspect.KindEmpty {
		return usagef("no token given: pass it as an argument or on stdin")
	}
	if *asJSON {
		out := inspectJSON{Kind: string(res.Kind), Title: res.Title, Masked: res.Masked, Fields: []fieldJSON{}}
		for _, f := range res.Fields {
			out.Fields = append(out.Fields, fieldJSON(f))
		}
		return inv.writeJSON(out)
	}
	_, err = io.WriteString(inv.io.Out, strings.Join(res.Summary, "\n")+"\n")
	return err
}

// readSecret reads the token from stdin: one line from a terminal, the
// whole (bounded) input from a pipe.
func readSecret(ctx context.Context, in io.Reader, terminal bool) (string, error) {
	if terminal {
		line, err := readLine(ctx, in)
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if err != nil && err != io.EOF {
			return "", fmt.Errorf("reading stdin: %w", err)
		}
		return line, nil
	}
	buf := make([]byte, 0, 1024)
	chunk := make([]byte, 4096)
	for len(buf) <= maxInspectInput {
		n, err := in.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("reading stdin: %w", err)
		}
	}
	if len(buf) > maxInspectInput {
		return "", refusal("stdin holds more than %d KiB; that is not a token", maxInspectInput>>10)
	}
	return string(buf), nil
}
