package launch

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tokentui/tokentui/client/history"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/cli"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// envOf is an environment with only kv, and a config directory with no
// config file in it.
func envOf(t *testing.T, kv map[string]string) func(string) string {
	dir := t.TempDir()
	return func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return dir
		}
		return kv[k]
	}
}

// execute runs the command line as main does, with the dashboard started
// by start; help goes to stderr too, as the tests read one stream.
func execute(args []string, getenv func(string) string, stderr io.Writer, start func(tui.Options) error) int {
	return cli.Execute(context.Background(), args, cli.IO{Out: stderr, Err: stderr, Env: getenv}, Dashboard(start))
}

// neverStarts fails the test if the dashboard would start.
func neverStarts(t *testing.T) func(tui.Options) error {
	return func(tui.Options) error {
		t.Error("the dashboard started")
		return nil
	}
}

func TestRunRefusesWhatItCannotUse(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, nil, "no profile configured"},
		{"nothing set mentions --demo", nil, nil, "tokentui --demo"},
		{"plain http to another host", nil, map[string]string{"TOKENTUI_URL": "http://api.example.com", "TOKENTUI_TOKEN": "s3cr3t"},
			"api.example.com"},
		{"not a URL", []string{"--url", "integration.goodaccess.com"}, map[string]string{"TOKENTUI_TOKEN": "s3cr3t"}, "integration.goodaccess.com"},
		{"stray argument", []string{"lst"}, nil, `unknown command "lst" (did you mean list?)`},
		{"unknown flag", []string{"--nope"}, nil, "tokentui: unknown flag: --nope"},
		{"go-style flag", []string{"-demo"}, nil, "unknown shorthand flag: 'd' in -demo"},
		{"bad clear-after", []string{"--demo", "--clear-after", "soon"}, nil, "--clear-after"},
		{"unknown demo profile", []string{"--demo", "--profile", "nope"}, nil, "demo-goodaccess"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := execute(c.args, envOf(t, c.env), &stderr, neverStarts(t)); code != exitcode.Usage {
				t.Errorf("exit %d, want %d; stderr %q", code, exitcode.Usage, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr = %q, want %q", stderr.String(), c.want)
			}
			if strings.Contains(stderr.String(), "s3cr3t") {
				t.Error("the token was echoed")
			}
		})
	}
}

func TestRunSelectsTheProfileForTheDashboardToOpen(t *testing.T) {
	for _, c := range []struct {
		name     string
		args     []string
		env      map[string]string
		provider string
		url      string
		profiles int
	}{
		{"legacy env pair", nil, map[string]string{"TOKENTUI_URL": "https://integration.goodaccess.com/", "TOKENTUI_TOKEN": "t"}, "goodaccess", "https://integration.goodaccess.com", 1},
		{"--url alone is GoodAccess", []string{"--url", "http://127.0.0.1:8080"}, map[string]string{"TOKENTUI_TOKEN": "t"}, "goodaccess", "http://127.0.0.1:8080", 1},
		{"--insecure allows plain http elsewhere", []string{"--insecure", "--url", "http://10.0.0.5"}, map[string]string{"TOKENTUI_TOKEN": "t"}, "goodaccess", "http://10.0.0.5", 1},
		{"border0 ad hoc", []string{"--provider", "border0"}, map[string]string{"BORDER0_ADMIN_TOKEN": "t"}, "border0", "", 1},
		{"demo", []string{"--demo"}, nil, "goodaccess", "http://127.0.0.1:", 3},
		{"demo border0", []string{"--demo", "--profile", "demo-border0"}, nil, "border0", "http://127.0.0.1:", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got tui.Options
			var stderr bytes.Buffer
			code := execute(c.args, envOf(t, c.env), &stderr, func(o tui.Options) error { got = o; return nil })
			if code != exitcode.OK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if got.Provider != nil {
				t.Error("main opened the profile: the dashboard must, behind its spinner")
			}
			if len(got.Profiles) != c.profiles || got.Profile < 0 || got.Profile >= len(got.Profiles) {
				t.Fatalf("%d profiles, selected %d; want %d", len(got.Profiles), got.Profile, c.profiles)
			}
			sel := got.Profiles[got.Profile]
			if sel.Provider != c.provider || !strings.HasPrefix(sel.URL, c.url) {
				t.Errorf("selected %s at %q, want %s at %q", sel.Provider, sel.URL, c.provider, c.url)
			}
			if strings.HasPrefix(c.name, "demo") && (!got.Demo || !strings.HasPrefix(tui.ProfileLabel(sel), "demo · ")) {
				t.Errorf("demo: Demo %v, label %q", got.Demo, tui.ProfileLabel(sel))
			}
		})
	}
}

func TestDemoProfileListsEmulatorTokens(t *testing.T) {
	var listed int
	code := execute([]string{"--demo"}, envOf(t, nil), &bytes.Buffer{}, func(o tui.Options) error {
		prov, err := profile.Open(t.Context(), o.Profiles[o.Profile])
		if err != nil {
			return err
		}
		tokens, err := prov.List(t.Context())
		listed = len(tokens)
		return err
	})
	if code != exitcode.OK || listed == 0 {
		t.Fatalf("exit %d, %d tokens", code, listed)
	}
}

func TestClearAfter(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 0, "0": -1, "0s": -1, "90": 90 * time.Second, "2m": 2 * time.Minute} {
		got, err := cli.ParseClearAfter(in)
		if err != nil || got != want {
			t.Errorf("cli.ParseClearAfter(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"-5s", "soon", "2h"} {
		if _, err := cli.ParseClearAfter(in); err == nil {
			t.Errorf("cli.ParseClearAfter(%q) accepted", in)
		}
	}
	var got tui.Options
	env := envOf(t, map[string]string{"TOKENTUI_CLEAR_AFTER": "10s"})
	if execute([]string{"--demo"}, env, &bytes.Buffer{}, func(o tui.Options) error { got = o; return nil }) != exitcode.OK || got.ClearAfter != 10*time.Second {
		t.Errorf("TOKENTUI_CLEAR_AFTER: ClearAfter = %v", got.ClearAfter)
	}
	if execute([]string{"--demo", "--clear-after", "0"}, env, &bytes.Buffer{}, func(o tui.Options) error { got = o; return nil }) != exitcode.OK || got.ClearAfter >= 0 {
		t.Errorf("--clear-after 0 must mean never (negative), got %v", got.ClearAfter)
	}
}

func TestHelpListsSubcommandsAndExitsZero(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := cli.Execute(context.Background(), []string{"--help"}, cli.IO{Out: &stdout, Err: &stderr, Env: envOf(t, nil)}, Dashboard(neverStarts(t)))
	if code != exitcode.OK || stderr.Len() > 0 {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	for _, want := range []string{"tokentui --demo", "TOKENTUI_TOKEN", "list", "inspect", "auth", "completion", "--clear-after DURATION", "--profile NAME", "-v, --version"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, stdout.String())
		}
	}
}

// With nothing else to switch to, a missing admin token stops the
// dashboard before it starts, in the words and exit code of the commands.
func TestMissingTokenExits3LikeTheCommands(t *testing.T) {
	var stderr bytes.Buffer
	env := envOf(t, map[string]string{"TOKENTUI_URL": "https://integration.goodaccess.com"})
	code := execute(nil, env, &stderr, neverStarts(t))
	if code != exitcode.Auth || !strings.Contains(stderr.String(), "cannot get the admin token: $TOKENTUI_TOKEN is empty or not set") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	var cliErr bytes.Buffer
	cliCode := cli.Execute(context.Background(), []string{"list"}, cli.IO{Out: io.Discard, Err: &cliErr, Env: env}, nil)
	_, dashWords, _ := strings.Cut(stderr.String(), "tokentui: ")
	if cliCode != code || !strings.Contains(cliErr.String(), strings.TrimSpace(dashWords)) {
		t.Errorf("the dashboard says %q (exit %d), list says %q (exit %d)", stderr.String(), code, cliErr.String(), cliCode)
	}
}

func TestRefreshFlag(t *testing.T) {
	var got tui.Options
	code := execute([]string{"--demo", "--refresh", "1m"}, envOf(t, nil), &bytes.Buffer{}, func(o tui.Options) error { got = o; return nil })
	if code != exitcode.OK || got.RefreshEvery != time.Minute {
		t.Fatalf("exit %d, RefreshEvery %v", code, got.RefreshEvery)
	}
	for _, bad := range []string{"2s", "soon", "-1m"} {
		var stderr bytes.Buffer
		if code := execute([]string{"--demo", "--refresh", bad}, envOf(t, nil), &stderr, neverStarts(t)); code != exitcode.Usage || !strings.Contains(stderr.String(), "--refresh") {
			t.Errorf("--refresh %s: exit %d, stderr %q", bad, code, stderr.String())
		}
	}
}

// --all-profiles hands the dashboard every profile to show in one table,
// and a history: the file for real profiles, memory for the demo.
func TestAllProfilesFlag(t *testing.T) {
	var got tui.Options
	var stderr bytes.Buffer
	code := execute([]string{"--demo", "--all-profiles"}, envOf(t, nil), &stderr, func(o tui.Options) error { got = o; return nil })
	if code != exitcode.OK || !got.AllProfiles || len(got.Profiles) != 3 {
		t.Fatalf("exit %d, all %v, %d profiles: %s", code, got.AllProfiles, len(got.Profiles), stderr.String())
	}
	if _, ok := got.History.(*history.Memory); !ok {
		t.Errorf("the demo's history is %T, want memory", got.History)
	}
	stderr.Reset()
	code = execute([]string{"--all-profiles", "--profile", "x"}, envOf(t, nil), &stderr, neverStarts(t))
	if code != exitcode.Usage || !strings.Contains(stderr.String(), "--all-profiles takes every profile") {
		t.Fatalf("--all-profiles --profile: exit %d %s", code, stderr.String())
	}
	state := t.TempDir()
	env := map[string]string{"XDG_STATE_HOME": state, "TOKENTUI_TOKEN": "t"}
	code = execute([]string{"--provider", "border0"}, envOf(t, env), &stderr, func(o tui.Options) error { got = o; return nil })
	if f, ok := got.History.(*history.File); code != exitcode.OK || !ok || !strings.HasPrefix(f.Path, state) {
		t.Fatalf("exit %d, history %#v", code, got.History)
	}
}
