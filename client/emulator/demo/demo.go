// Package demo wires the emulators into `--demo`: one emulator per provider
// that has one, in the registry's order, each offered as a profile
// "demo-<kind>" with its admin token in memory. It is the only place that
// knows which emulator serves which provider; config code (client/profile)
// never imports the emulators.
package demo

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/emulator"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/client/registry"
	"github.com/tokentui/tokentui/client/unleash"
)

// Instance is one running emulator.
type Instance interface {
	Endpoint() (url, adminToken string)
	Len() int // tokens it holds
	Close()
}

// starter starts the emulator of one provider with extra generated tokens.
type starter func(clock emulator.Clock, extra int) (Instance, error)

// emulators maps a provider kind to its emulator. A provider without an
// emulator is simply not in the demo.
var emulators = map[string]starter{
	goodaccess.Descriptor.Kind: func(c emulator.Clock, extra int) (Instance, error) {
		return started(emulator.NewGoodAccess(emulator.GoodAccessOptions{Clock: c, Extra: extra}))
	},
	// Border0 as its sources describe it: service-account lists in the
	// published TokenSummary shape (token_id, no created_at) and a
	// replication delay between a write and the next read.
	border0.Descriptor.Kind: func(c emulator.Clock, extra int) (Instance, error) {
		return started(emulator.NewBorder0(emulator.Border0Options{Clock: c, Extra: extra, SummaryLists: true, Lag: demoBorder0Lag}))
	},
	// Unleash 8.2 with secure token storage turned on a few days ago: the
	// list mixes v1 tokens (secrets listed) and v2 ones (selector only).
	unleash.Descriptor.Kind: func(c emulator.Clock, extra int) (Instance, error) {
		return started(emulator.NewUnleash(emulator.UnleashOptions{Clock: c, Extra: extra, SecureTokens: true}))
	},
}

// demoBorder0Lag is the demo's replication delay: long enough to be met,
// short enough not to be waited for twice.
const demoBorder0Lag = 600 * time.Millisecond

// started keeps a failed start from becoming a typed nil in the interface.
func started[T Instance](inst T, err error) (Instance, error) {
	if err != nil {
		return nil, err
	}
	return inst, nil
}

// Running is the demo's emulators, in registry order.
type Running struct {
	Kinds     []string
	Instances []Instance
}

// Close stops every emulator. It is safe to call twice.
func (r *Running) Close() {
	for _, inst := range r.Instances {
		inst.Close()
	}
	r.Instances, r.Kinds = nil, nil
}

// Profiles are the demo profiles of the running emulators.
func (r *Running) Profiles() []profile.Profile {
	out := make([]profile.Profile, len(r.Instances))
	for i, inst := range r.Instances {
		url, token := inst.Endpoint()
		out[i] = profile.DemoProfile(r.Kinds[i], url, token)
	}
	return out
}

// StartEmulators starts every provider's emulator on loopback; clock pins
// their time (nil: the wall clock). Each holds its seeded tokens plus as
// many generated ones as ExtraEnv asks for. On error, whatever started is
// stopped again.
func StartEmulators(clock func() time.Time) (*Running, error) {
	extra, err := extraTokens(os.Getenv)
	if err != nil {
		return nil, err
	}
	r := &Running{}
	for _, d := range registry.All() {
		start, ok := emulators[d.Kind]
		if !ok {
			continue
		}
		inst, err := start(emulator.Clock(clock), extra)
		if err != nil {
			r.Close()
			return nil, fmt.Errorf("%s emulator: %w", d.DisplayName, err)
		}
		r.Kinds = append(r.Kinds, d.Kind)
		r.Instances = append(r.Instances, inst)
	}
	return r, nil
}

// Start is a profile.DemoStarter: what --demo runs.
func Start(clock func() time.Time) ([]profile.Profile, func(), error) {
	r, err := StartEmulators(clock)
	if err != nil {
		return nil, nil, err
	}
	return r.Profiles(), r.Close, nil
}

// ExtraEnv names the hidden knob that makes every demo emulator hold that
// many more generated tokens (TOKENTUI_DEMO_EXTRA=100000), so the dashboard
// and the CLI can be measured, and tried, on a big list.
const ExtraEnv = "TOKENTUI_DEMO_EXTRA"

// maxExtra keeps a typo from eating the machine's memory.
const maxExtra = 1_000_000

// extraTokens reads ExtraEnv: unset or empty is 0.
func extraTokens(getenv func(string) string) (int, error) {
	v := strings.TrimSpace(getenv(ExtraEnv))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxExtra {
		return 0, fmt.Errorf("%s=%q: want a whole number of extra demo tokens from 0 to %d", ExtraEnv, v, maxExtra) // %q escapes control characters
	}
	return n, nil
}
