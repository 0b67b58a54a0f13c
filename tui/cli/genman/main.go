// Command genman writes tokentui's manual pages (roff), generated from the
// command tree with cobra's generator: tokentui.1 and one page per command
// (tokentui-list.1, tokentui-auth-set.1, …).
//
//	go run ./tui/cli/genman DIR && man DIR/tokentui.1
//
// It is a program of its own so the generator (go-md2man and blackfriday,
// about 370 KB) stays out of the tokentui binary.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"

	"github.com/tokentui/tokentui/tui"
	"github.com/tokentui/tokentui/tui/cli"
	"github.com/tokentui/tokentui/tui/launch"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tui/cli/genman DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genman:", err)
		os.Exit(1)
	}
	root := cli.Root(cli.IO{}, launch.Dashboard(func(tui.Options) error { return nil }))
	root.DisableAutoGenTag = true // no date line that changes every run
	header := &doc.GenManHeader{Title: "TOKENTUI", Section: "1", Source: "tokentui", Manual: "tokentui manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		fmt.Fprintln(os.Stderr, "genman:", err)
		os.Exit(1)
	}
}
