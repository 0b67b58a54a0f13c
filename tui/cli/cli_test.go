package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/tui/clipboard"
)

// testNow pins the clock of the CLI and of the demo emulators, whose seeds
// are relative to it. It is the real time (in UTC) because the providers
// check expiries against their own clock.
var testNow = time.Now().UTC().Truncate(time.Second)

type runOpts struct {
	env       map[string]string
	stdin     string
	terminal  bool // stdin is a terminal
	tty       bool // stdout is a terminal
	clipboard clipboard.Clipboard
	system    clipboard.SystemBackend
}

type result struct {
	out, err string
	code     int
}

// run runs the CLI in-process with an empty environment (but for a config
// home in a temp dir, so no real config is read) and the pinned clock.
func run(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	env := map[string]string{"XDG_CONFIG_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir()}
	for k, v := range o.env {
		env[k] = v
	}
	var out, errb bytes.Buffer
	code := Execute(context.Background(), args, IO{
		In: strings.NewReader(o.stdin), Out: &out, Err: &errb,
		InIsTerminal: o.terminal, OutIsTerminal: o.tty,
		Env:       func(k string) string { return env[k] },
		Now:       func() time.Time { return testNow },
		Clipboard: o.clipboard,
		System:    o.system,
	}, nil)
	return result{out.String(), errb.String(), code}
}

// emulators started by a test, reached with --provider/--url and the
// admin token in the environment, so state persists between runs.
func goodAccess(t *testing.T, opts emulator.GoodAccessOptions) *emulator.GoodAccess {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return testNow }
	}
	g, err := emulator.NewGoodAccess(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	return g
}

func unleashServer(t *testing.T) *emulator.Unleash {
	t.Helper()
	u, err := emulator.NewUnleash(emulator.UnleashOptions{Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(u.Close)
	return u
}

func border0Server(t *testing.T) *emulator.Border0 {
	t.Helper()
	b, err := emulator.NewBorder0(emulator.Border0Options{Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// against returns the flags and environment that point the CLI at an
// emulator with the given admin token.
func against(kind, url, token string) (runOpts, []string) {
	return runOpts{env: map[string]string{"TOKENTUI_TOKEN": token}}, []string{"--provider", kind, "--url", url}
}

func args(cmd string, flags []string, more ...string) []string {
	return append(append([]string{cmd}, flags...), more...)
}

// decodeList parses list --json output.
func decodeList(t *testing.T, out string) []map[string]any {
	t.Helper()
	var v []map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("list --json is not a JSON array: %v\n%s", err, out)
	}
	return v
}

func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}
