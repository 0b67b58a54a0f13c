package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// The scripting commands must not link Bubble Tea: a script that runs
// `tokentui list` has no use for the TUI runtime, and a stray import (the
// clipboard's tea.Cmd glue once came in this way) goes unnoticed otherwise.
// Styles through lipgloss are fine; bubbletea is not.
func TestScriptingDoesNotLinkBubbleTea(t *testing.T) {
	const self = "github.com/tokentui/tokentui/tui/cli"
	const forbidden = "github.com/charmbracelet/bubbletea"
	// `go test` puts its own toolchain first on PATH.
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command on PATH: %v", err)
	}
	// Each line: a dependency, then what it imports, so a failure can name
	// the package that pulls Bubble Tea in.
	out, err := exec.Command(goCmd, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", self).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", self, err)
	}
	for line := range strings.Lines(string(out)) {
		pkg, imports, _ := strings.Cut(strings.TrimSpace(line), " ")
		if isPackageOf(pkg, forbidden) {
			t.Errorf("%s links %s", self, pkg)
		}
		for imp := range strings.FieldsSeq(imports) {
			if isPackageOf(imp, forbidden) {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}

// isPackageOf reports whether pkg is module or one of its packages.
func isPackageOf(pkg, module string) bool {
	return pkg == module || strings.HasPrefix(pkg, module+"/")
}
