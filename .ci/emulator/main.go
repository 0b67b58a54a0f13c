// Command emulator serves one GoodAccess emulator on loopback until killed,
// for measuring tokentui as a separate process (memory, list --json against
// curl). It prints the environment tokentui needs as shell exports, and
// how many tokens the list holds (TOKENTUI_TOKENS):
//
//	go build -o /tmp/emulator ./.ci/emulator
//	/tmp/emulator -extra 100000 > /tmp/emulator.env &
//	sleep 3; . /tmp/emulator.env   # TOKENTUI_URL, TOKENTUI_TOKEN, TOKENTUI_TOKENS
//
// The admin token it prints belongs to the in-memory emulator and opens
// nothing else.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tokentui/tokentui/client/emulator"
)

func main() {
	extra := flag.Int("extra", 0, "generated tokens to add to the seeded ones")
	flag.Parse()
	ga, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{Extra: *extra})
	if err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		os.Exit(1)
	}
	defer ga.Close()
	fmt.Printf("export TOKENTUI_URL=%s\nexport TOKENTUI_TOKEN=%s\nexport TOKENTUI_TOKENS=%d\n", ga.URL, ga.AdminToken, ga.Len())
	os.Stdout.Sync()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
