package cli

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tokentui/tokentui/client/inspect"
)

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

func inspectCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var asJSON bool
	cmd := inv.command(spec{
		name:    "inspect [TOKEN | -]",
		usage:   "tokentui inspect [TOKEN | -] [--json]",
		summary: "recognise a token offline (never sends it anywhere)",
		about: `Say what a token is (which system, which organisation, project or
environment, expiry) from its text alone. It is never sent anywhere, so no
profile is needed. Reads stdin when TOKEN is - or absent; prefer stdin, as
arguments end up in shell history and process lists. On a terminal the
token is read without echo. The output never repeats the whole token.`,
		args: inspectArgs,
		run:  func(ctx context.Context, args []string) error { return inv.inspect(ctx, args, asJSON) },
	})
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (fields in JSON.md)")
	return cmd
}

func inspectArgs(_ *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usagef("inspect takes one token (got %d arguments)", len(args))
	}
	return nil
}

func (inv *invocation) inspect(ctx context.Context, args []string, asJSON bool) error {
	var secret string
	if len(args) == 1 && args[0] != "-" {
		secret = args[0]
	} else {
		var err error
		if secret, err = inv.readSecret(ctx, "Paste the token (it is not shown), then press Enter: "); err != nil {
			return err
		}
	}
	res := inspect.RecogniseAt(secret, inv.io.Now())
	if res.Kind == inspect.KindEmpty {
		return usagef("no token given: pass it as an argument or on stdin")
	}
	if asJSON {
		out := inspectJSON{Kind: string(res.Kind), Title: res.Title, Masked: res.Masked, Fields: []fieldJSON{}}
		for _, f := range res.Fields {
			out.Fields = append(out.Fields, fieldJSON(f))
		}
		return inv.writeJSON(out)
	}
	_, err := io.WriteString(inv.io.Out, strings.Join(res.Summary, "\n")+"\n")
	return err
}
