package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// buildInfo is what the binary knows about how it was built, from the Go
// toolchain's build information.
type buildInfo struct {
	// Version is the module version: a release tag when installed with
	// `go install …@v1.2.0`, a pseudo-version when built in a checkout,
	// "(devel)" when the toolchain recorded none.
	Version  string `json:"version"`
	Revision string `json:"revision"`      // VCS commit, "" when not recorded
	Time     string `json:"revision_time"` // the commit's time, RFC 3339, or ""
	// Modified: built from a checkout with uncommitted changes.
	Modified  bool   `json:"modified"`
	GoVersion string `json:"go"`
	Platform  string `json:"platform"` // GOOS/GOARCH
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: "(devel)", GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	if info.GoVersion != "" {
		b.GoVersion = info.GoVersion
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// versionText is what --version and `version` print.
func versionText(b buildInfo) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "tokentui %s\n", b.Version)
	switch {
	case b.Revision == "":
		sb.WriteString("revision unknown (built without version control information)\n")
	default:
		var notes []string
		if b.Time != "" {
			notes = append(notes, b.Time)
		}
		if b.Modified {
			notes = append(notes, "with uncommitted changes")
		}
		fmt.Fprintf(&sb, "revision %s", b.Revision)
		if len(notes) > 0 {
			fmt.Fprintf(&sb, " (%s)", strings.Join(notes, ", "))
		}
		sb.WriteString("\n")
	}
	fmt.Fprintf(&sb, "built with %s for %s\n", b.GoVersion, b.Platform)
	return sb.String()
}

func versionCommand(stdio IO) *cobra.Command {
	inv := &invocation{io: stdio}
	var asJSON bool
	cmd := inv.command(spec{
		name:    "version",
		usage:   "tokentui version [--json]   (or: tokentui --version)",
		summary: "show the version, the commit it was built from and the Go version",
		about: `Show tokentui's module version, the version control revision it was built
from (when the build recorded one) and the Go toolchain that built it.`,
		args: noArgs(""),
		run: func(context.Context, []string) error {
			b := readBuildInfo()
			if asJSON {
				return inv.writeJSON(b)
			}
			_, err := fmt.Fprint(inv.io.Out, versionText(b))
			return err
		},
	})
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (fields in JSON.md)")
	return cmd
}
