package profile

import (
	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// SharedTokenEnv is the variable every provider reads its admin token from
// when a profile names no source; it comes before the provider's own.
const SharedTokenEnv = "TOKENTUI_TOKEN"

// LegacyURLEnv with SharedTokenEnv defines a profile of the legacy provider
// (registry.Legacy), as the first versions of tokentui did.
const LegacyURLEnv = "TOKENTUI_URL"

// descriptorOf finds the provider a profile names.
func descriptorOf(kind string) (client.Descriptor, bool) { return registry.Lookup(kind) }

// KnownKind reports whether kind names a provider.
func KnownKind(kind string) bool {
	_, ok := registry.Lookup(kind)
	return ok
}

// DefaultTokenEnvs are the variables tried, in order, for a profile that
// names no token source.
func DefaultTokenEnvs(kind string) []string {
	envs := []string{SharedTokenEnv}
	if d, ok := descriptorOf(kind); ok && d.TokenEnv != "" {
		envs = append(envs, d.TokenEnv)
	}
	return envs
}
