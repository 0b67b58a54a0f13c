// Command emulator serves one emulator on loopback until killed, for
// measuring tokentui as a separate process (memory, list --json against
// curl) and for trying profiles by hand (the all-profiles table with one
// profile down). It prints the environment tokentui needs as shell
// exports, and how many tokens the list holds (TOKENTUI_TOKENS):
//
//	go build -o /tmp/emulator ./.ci/emulator
//	/tmp/emulator -extra 100000 > /tmp/emulator.env &
//	sleep 3; . /tmp/emulator.env   # TOKENTUI_URL, TOKENTUI_TOKEN, TOKENTUI_TOKENS
//
// -provider border0 or unleash serves that API instead of GoodAccess's
// (Unleash with secure token storage on, as in --demo); -env NAME prints
// NAME_URL, NAME_TOKEN and NAME_TOKENS instead, so several can be sourced
// at once. The
// admin token it prints belongs to the in-memory emulator and opens
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
	kind := flag.String("provider", "goodaccess", "the API to serve: goodaccess, border0 or unleash")
	env := flag.String("env", "TOKENTUI", "prefix of the variables printed: PREFIX_URL and PREFIX_TOKEN")
	flag.Parse()
	e, err := start(*kind, *extra)
	if err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		os.Exit(1)
	}
	defer e.Close()
	fmt.Printf("export %s_URL=%s\nexport %s_TOKEN=%s\nexport %s_TOKENS=%d\n", *env, e.URL, *env, e.AdminToken, *env, e.Len())
	os.Stdout.Sync()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}

// served is a running emulator: where it is, its admin token, its size.
type served struct {
	URL, AdminToken string
	Len             func() int
	Close           func()
}

// start serves the emulator of kind.
func start(kind string, extra int) (served, error) {
	switch kind {
	case "goodaccess":
		e, err := emulator.NewGoodAccess(emulator.GoodAccessOptions{Extra: extra})
		if err != nil {
			return served{}, err
		}
		return served{e.URL, e.AdminToken, e.Len, e.Close}, nil
	case "border0":
		e, err := emulator.NewBorder0(emulator.Border0Options{Extra: extra})
		if err != nil {
			return served{}, err
		}
		return served{e.URL, e.AdminToken, e.Len, e.Close}, nil
	case "unleash":
		e, err := emulator.NewUnleash(emulator.UnleashOptions{Extra: extra, SecureTokens: true})
		if err != nil {
			return served{}, err
		}
		return served{e.URL, e.AdminToken, e.Len, e.Close}, nil
	}
	return served{}, fmt.Errorf("-provider %q: use goodaccess, border0 or unleash", kind)
}
