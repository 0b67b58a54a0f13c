package tui

import (
	"os/exec"
	"strings"
	"testing"
)

// providerNeutral are the client packages the TUI may import: the core, and
// the packages that read the registry instead of naming providers. A
// provider package (goodaccess, border0, unleash, …) or an emulator is not
// among them: the TUI knows no provider.
var providerNeutral = map[string]bool{
	"client":               true,
	"client/profile":       true,
	"client/inspect":       true,
	"client/registry":      true,
	"client/jsonappend":    true,
	"client/find":          true, // asks providers through client.SecretMatcher
	"client/history":       true,
	"client/emulator/demo": true, // the --demo wiring, for launch and cli
}

func TestTUIImportsNoProviderPackage(t *testing.T) {
	const module = "github.com/tokentui/tokentui/"
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"tui/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		for _, imp := range fields[1:] {
			rel, ours := strings.CutPrefix(imp, module)
			if ours && strings.HasPrefix(rel, "client") && !providerNeutral[rel] {
				t.Errorf("%s imports %s", fields[0], imp)
			}
		}
	}
}
