package goodaccess

import (
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Descriptor describes GoodAccess to the registry (client/registry).
var Descriptor = client.Descriptor{
	Kind:        "goodaccess",
	DisplayName: "GoodAccess",
	DefaultURL:  DefaultBaseURL,
	// GoodAccess publishes no variable name; GOODACCESS_TOKEN is ours.
	TokenEnv:  "GOODACCESS_TOKEN",
	TokenHelp: "create one in the GoodAccess portal under Settings → API Integration",
	// The token object reports last use (null: never used) but no creator,
	// and nothing in the list tells which token is the admin token in use.
	Can:       client.Capabilities{Scopes: true, AllowedIPs: true, Reports: client.FactLastUse},
	New:       client.Constructor(New),
	Recognise: recognise,
}

// Kind is Descriptor.Kind.
func (p *Provider) Kind() string { return Descriptor.Kind }

// DisplayName is Descriptor.DisplayName.
func (p *Provider) DisplayName() string { return Descriptor.DisplayName }

// emulatorSecretPrefix starts the secrets tokentui's emulator issues.
// GoodAccess does not document its own format, so nothing else is claimed.
const emulatorSecretPrefix = "ga_"

// recognise knows only the emulator's format ("ga_" + 40 hex digits).
func recognise(secret string, _ time.Time) (client.SecretFacts, bool) {
	rest, ok := strings.CutPrefix(secret, emulatorSecretPrefix)
	if !ok || len(rest) != 40 || !client.IsHex(rest) {
		return client.SecretFacts{}, false
	}
	f := client.SecretFacts{Title: "GoodAccess token in the format of tokentui's emulator (ga_ + 40 hex)"}
	f.Add("note", "Note", "the real GoodAccess API does not document its token format; scopes and expiry are not in the secret")
	return f, true
}
