package emulator

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Demo is the three emulators --demo runs in-process, seeded with realistic
// tokens. Its state lives in memory and is gone when it closes.
type Demo struct {
	GoodAccess *GoodAccess
	Border0    *Border0
	Unleash    *Unleash
}

// DemoEndpoint is one emulator as a profile needs it. Provider is the kind
// string client.Provider.Kind reports ("goodaccess", "border0", "unleash").
type DemoEndpoint struct {
	Name       string
	Provider   string
	URL        string
	AdminToken string
}

// DemoExtraEnv names the hidden knob that makes every demo emulator hold
// that many more generated tokens (TOKENTUI_DEMO_EXTRA=100000), so the
// dashboard and the CLI can be measured, and tried, on a big list.
const DemoExtraEnv = "TOKENTUI_DEMO_EXTRA"

// maxDemoExtra keeps a typo from eating the machine's memory.
const maxDemoExtra = 1_000_000

// demoExtra reads DemoExtraEnv: unset or empty is 0.
func demoExtra(getenv func(string) string) (int, error) {
	v := strings.TrimSpace(getenv(DemoExtraEnv))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxDemoExtra {
		return 0, fmt.Errorf("%s=%q: want a whole number of extra demo tokens from 0 to %d", DemoExtraEnv, v, maxDemoExtra) // %q escapes control characters
	}
	return n, nil
}

// StartDemo starts all three emulators on loopback. clock pins their time
// (nil: the wall clock). Each holds its seeded tokens plus as many generated
// ones as DemoExtraEnv asks for. On error, whatever started is stopped again.
func StartDemo(clock Clock) (*Demo, error) {
	extra, err := demoExtra(os.Getenv)
	if err != nil {
		return nil, err
	}
	d := &Demo{}
	if d.GoodAccess, err = NewGoodAccess(GoodAccessOptions{Clock: clock, Extra: extra}); err != nil {
		return nil, err
	}
	if d.Border0, err = NewBorder0(Border0Options{Clock: clock, Extra: extra}); err != nil {
		d.Close()
		return nil, err
	}
	if d.Unleash, err = NewUnleash(UnleashOptions{Clock: clock, Extra: extra}); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Endpoints lists the emulators in the order the demo offers them, each
// with the secret of its seeded all-powerful admin token.
func (d *Demo) Endpoints() []DemoEndpoint {
	return []DemoEndpoint{
		{Name: "demo-goodaccess", Provider: "goodaccess", URL: d.GoodAccess.URL, AdminToken: d.GoodAccess.AdminToken},
		{Name: "demo-border0", Provider: "border0", URL: d.Border0.URL, AdminToken: d.Border0.AdminToken},
		{Name: "demo-unleash", Provider: "unleash", URL: d.Unleash.URL, AdminToken: d.Unleash.AdminToken},
	}
}

// Close stops every emulator that was started. It is safe to call twice.
func (d *Demo) Close() {
	if d == nil {
		return
	}
	if d.GoodAccess != nil {
		d.GoodAccess.Close()
		d.GoodAccess = nil
	}
	if d.Border0 != nil {
		d.Border0.Close()
		d.Border0 = nil
	}
	if d.Unleash != nil {
		d.Unleash.Close()
		d.Unleash = nil
	}
}
