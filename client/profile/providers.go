package profile

import "strings"

// Provider kinds, as client.Provider.Kind reports them.
const (
	GoodAccess = "goodaccess"
	Border0    = "border0"
	Unleash    = "unleash"
)

// Kinds lists every provider kind in the order help texts show them.
var Kinds = []string{GoodAccess, Border0, Unleash}

// SharedTokenEnv is the variable every provider reads its admin token from
// when a profile names no source; it comes before the provider's own.
const SharedTokenEnv = "TOKENTUI_TOKEN"

// LegacyURLEnv with SharedTokenEnv defines a GoodAccess profile, as the first
// versions of tokentui did.
const LegacyURLEnv = "TOKENTUI_URL"

// providerInfo is what this package needs to know about each provider.
type providerInfo struct {
	display    string
	defaultURL string // "" when the instance URL must be given (Unleash)
	ownEnv     string // the variable the vendor's own tools read
}

func infoOf(kind string) (providerInfo, bool) {
	info, ok := providerTable[kind]
	return info, ok
}

// KnownKind reports whether kind names a provider.
func KnownKind(kind string) bool {
	_, ok := providerTable[kind]
	return ok
}

func kindList() string { return strings.Join(Kinds, ", ") }

// defaultTokenEnvs are the variables tried, in order, for a profile that
// names no token source.
func defaultTokenEnvs(kind string) []string {
	envs := []string{SharedTokenEnv}
	if info, ok := infoOf(kind); ok && info.ownEnv != "" {
		envs = append(envs, info.ownEnv)
	}
	return envs
}
