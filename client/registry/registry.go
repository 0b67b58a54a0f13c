// Package registry is the one list of token systems tokentui speaks to.
// Config parsing, flags, help texts, `inspect`, the demo and the dashboard
// read the providers from here; nothing else names them. Adding a provider
// is one package that exports a client.Descriptor and one row in builtin.
package registry

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/unleash"
)

// builtin is every provider, in the order help texts and the demo show
// them.
var builtin = []client.Descriptor{
	goodaccess.Descriptor,
	border0.Descriptor,
	unleash.Descriptor,
}

// Legacy is the provider that TOKENTUI_URL, and --url without --provider,
// mean: the first versions of tokentui spoke GoodAccess only.
func Legacy() client.Descriptor { return goodaccess.Descriptor }

var (
	mu        sync.RWMutex
	providers = slices.Clone(builtin)
)

// All lists the providers in help order.
func All() []client.Descriptor {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(providers)
}

// Lookup finds a provider by kind (case-insensitively, as config files and
// flags are typed by people).
func Lookup(kind string) (client.Descriptor, bool) {
	kind = strings.ToLower(strings.TrimSpace(kind))
	mu.RLock()
	defer mu.RUnlock()
	for _, d := range providers {
		if d.Kind == kind {
			return d, true
		}
	}
	return client.Descriptor{}, false
}

// CapabilitiesOf is what the provider p says it can do and report, from
// its descriptor; the zero Capabilities (nothing claimed) for a provider
// the registry does not know.
func CapabilitiesOf(p client.Provider) client.Capabilities {
	if p == nil {
		return client.Capabilities{}
	}
	d, _ := Lookup(p.Kind())
	return d.Can
}

// Kinds lists every kind in help order.
func Kinds() []string {
	all := All()
	kinds := make([]string, len(all))
	for i, d := range all {
		kinds[i] = d.Kind
	}
	return kinds
}

// KindList is Kinds for a sentence: "goodaccess, border0, unleash".
func KindList() string { return strings.Join(Kinds(), ", ") }

// Register adds a provider after the built-in ones and returns the function
// that removes it again. It is for tests that prove a new provider needs no
// other change; it panics on an incomplete descriptor or a kind in use.
func Register(d client.Descriptor) (unregister func()) {
	if err := d.Check(); err != nil {
		panic("registry: " + err.Error())
	}
	mu.Lock()
	defer mu.Unlock()
	if slices.ContainsFunc(providers, func(p client.Descriptor) bool { return p.Kind == d.Kind }) {
		panic(fmt.Sprintf("registry: provider %q is registered already", d.Kind))
	}
	providers = append(providers, d)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		providers = slices.DeleteFunc(providers, func(p client.Descriptor) bool { return p.Kind == d.Kind })
	}
}
