package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The bash completion script, driven as bash drives it: source the script
// (with the bash-completion package when installed, as on a desktop),
// set COMP_WORDS and COMP_CWORD, call the completion function, read
// COMPREPLY. `tokentui` on PATH is this test binary acting as the command
// line (see TestMain).

// bashCompletionLib is where the bash-completion package keeps its library.
const bashCompletionLib = "/usr/share/bash-completion/bash_completion"

// minimalCompWords stands in for the bash-completion package when it is not
// installed: cobra's script needs only _get_comp_words_by_ref from it.
const minimalCompWords = `
_get_comp_words_by_ref() {
  cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
  words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
}`

// bashComplete completes the command line words (the last one being
// completed) in bash and returns COMPREPLY.
func bashComplete(t *testing.T, env map[string]string, words ...string) []string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("bash completion is not used on Windows")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("no bash: %v", err)
	}
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(dir, "tokentui")); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "tokentui.bash")
	if r := run(t, runOpts{}, "completion", "bash"); r.code != 0 {
		t.Fatalf("completion bash: exit %d %s", r.code, r.err)
	} else if err := os.WriteFile(script, []byte(r.out), 0o600); err != nil {
		t.Fatal(err)
	}
	setup := minimalCompWords
	if _, err := os.Stat(bashCompletionLib); err == nil {
		setup = ". " + bashCompletionLib
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + w + "'"
	}
	program := setup + `
. "$SCRIPT"
COMP_WORDS=(` + strings.Join(quoted, " ") + `)
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
COMP_TYPE=9
__start_tokentui tokentui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
`
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", program)
	// COLUMNS: the script fits descriptions to the terminal's width.
	cmd.Env = []string{"PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH"), "SCRIPT=" + script, asBinaryEnv + "=1", "HOME=" + t.TempDir(), "COLUMNS=120"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr // compopt complains outside a real TAB; harmless
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s%s", err, out, stderr.String())
	}
	var reply []string
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if line != "" {
			reply = append(reply, line)
		}
	}
	return reply
}

func TestBashCompletesProfileNames(t *testing.T) {
	o := withConfig(t, twoProfiles, nil)
	got := bashComplete(t, o.env, "tokentui", "list", "--profile", "")
	// Several candidates: bash shows each with its description.
	if len(got) != 2 || !strings.HasPrefix(got[0], "prod") || !strings.Contains(got[0], "(Border0") || !strings.HasPrefix(got[1], "staging") {
		t.Errorf("COMPREPLY = %q", got)
	}
	// One candidate: it is inserted, bare.
	if got := bashComplete(t, o.env, "tokentui", "list", "--profile", "st"); len(got) != 1 || got[0] != "staging" {
		t.Errorf("COMPREPLY = %q", got)
	}
	if got := bashComplete(t, o.env, "tokentui", "rev"); len(got) != 1 || got[0] != "revoke" {
		t.Errorf("command name: COMPREPLY = %q", got)
	}
}

func TestBashCompletesTokenIDs(t *testing.T) {
	env := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	got := bashComplete(t, env, "tokentui", "revoke", "--demo", "")
	var names []string
	for _, c := range got {
		if strings.Contains(c, "(splunk-siem-log-export)") {
			names = append(names, c)
		}
	}
	if len(got) < 10 || len(names) != 1 || !strings.HasPrefix(names[0], "3f2a9c4e") {
		t.Fatalf("COMPREPLY = %q", got)
	}
	// A unique prefix completes to the whole id.
	if got := bashComplete(t, env, "tokentui", "revoke", "--demo", "3f2a9"); len(got) != 1 || !strings.HasPrefix(got[0], "3f2a9c4e-") || strings.Contains(got[0], " ") {
		t.Errorf("COMPREPLY = %q", got)
	}
}
