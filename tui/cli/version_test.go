package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	for _, c := range []struct {
		in   buildInfo
		want string
	}{
		{buildInfo{Version: "v1.4.0", GoVersion: "go1.26.8", Platform: "linux/amd64"},
			"tokentui v1.4.0\nrevision unknown (built without version control information)\nbuilt with go1.26.8 for linux/amd64\n"},
		{buildInfo{Version: "v0.0.0-20261201101500-8644fc6e1a2b+dirty", Revision: "8644fc6e1a2b3c4d", Time: "2026-12-01T10:15:00Z", Modified: true, GoVersion: "go1.26.8", Platform: "darwin/arm64"},
			"tokentui v0.0.0-20261201101500-8644fc6e1a2b+dirty\nrevision 8644fc6e1a2b3c4d (2026-12-01T10:15:00Z, with uncommitted changes)\nbuilt with go1.26.8 for darwin/arm64\n"},
	} {
		if got := versionText(c.in); got != c.want {
			t.Errorf("got\n%s\nwant\n%s", got, c.want)
		}
	}
}

func TestVersionFlagAndCommandAgree(t *testing.T) {
	want := versionText(readBuildInfo())
	for _, argv := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		r := run(t, runOpts{}, argv...)
		if r.code != 0 || r.out != want || r.err != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", argv, r.code, r.out, r.err)
		}
	}
	if !strings.Contains(want, runtime.Version()) {
		t.Errorf("no Go version in %q", want)
	}
	r := run(t, runOpts{}, "version", "--json")
	var v map[string]any
	if err := json.Unmarshal([]byte(r.out), &v); err != nil || r.code != 0 {
		t.Fatalf("version --json: exit %d, %v: %q", r.code, err, r.out)
	}
	if keys(v) != "go,modified,platform,revision,revision_time,version" || v["go"] != runtime.Version() {
		t.Errorf("version --json = %v", v)
	}
	if r := run(t, runOpts{}, "version", "extra"); r.code != 2 {
		t.Errorf("version extra: exit %d", r.code)
	}
}

// TestVersionOfABuiltBinary builds tokentui from this checkout, with the
// version control stamp on, and checks --version names the commit.
func TestVersionOfABuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): no revision to compare with", err)
	}
	if fi, err := os.Stat(filepath.Join(root, ".git")); err != nil || !fi.IsDir() {
		t.Skip("a git worktree: the go command records no revision for one (a clone, as CI uses, has one)")
	}
	bin := filepath.Join(t.TempDir(), "tokentui")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Dir = root
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true") // .ci/run turns stamping off for the rest
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "revision "+strings.TrimSpace(string(head))) || !strings.Contains(string(out), runtime.Version()) {
		t.Errorf("--version of a build at %s:\n%s", head, out)
	}
	if strings.Contains(string(out), "(devel)") {
		t.Errorf("no module version:\n%s", out)
	}
}
