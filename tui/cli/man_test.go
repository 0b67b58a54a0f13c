package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra/doc"
)

// The manual pages come from the command tree (tui/cli/genman); every
// command gets one, with its description and flags.
func TestManPagesFromTheCommandTree(t *testing.T) {
	dir := t.TempDir()
	root := Root(IO{}, nil)
	root.DisableAutoGenTag = true
	if err := doc.GenManTree(root, &doc.GenManHeader{Title: "TOKENTUI", Section: "1"}, dir); err != nil {
		t.Fatal(err)
	}
	for page, wants := range map[string][]string{
		"tokentui.1":          {"terminal dashboard", "tokentui-list(1)", "--profile"},
		"tokentui-revoke.1":   {"tokentui revoke ID... [flags]", "--yes", "unique\nprefix"},
		"tokentui-auth-set.1": {"without\necho", "--yes"},
		"tokentui-version.1":  {"--json"},
	} {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s lacks %q", page, w)
			}
		}
	}
}
