package unleash

import (
	"fmt"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Descriptor describes Unleash to the registry (client/registry).
var Descriptor = client.Descriptor{
	Kind:        "unleash",
	DisplayName: "Unleash",
	URLExample:  "https://unleash.example.com",
	TokenEnv:    TokenEnv,
	TokenHelp:   "use an admin API token or a personal access token of an Unleash admin",
	Can: client.Capabilities{
		Role: "type", Projects: true, Environment: true,
		EditExpiry: true, ListsSecrets: true,
		// seenAt is null until a token is used; no creator is recorded.
		Reports: client.FactLastUse,
		// Observed on unleash-server 8.2.0: the server caches API tokens,
		// and a deleted one was accepted for some minutes.
		RevokeLag: "until the server's token cache refreshes (some minutes on Unleash 8.2)",
	},
	New:       client.Constructor(New),
	Recognise: recognise,
}

// Kind is Descriptor.Kind.
func (p *Provider) Kind() string { return Descriptor.Kind }

// DisplayName is Descriptor.DisplayName.
func (p *Provider) DisplayName() string { return Descriptor.DisplayName }

// recognise reads what a v1 or v2 secret says about itself (projects,
// environment, a v2 selector); a legacy secret is only a run of hex
// digits, which any hex secret also is (Probable).
func recognise(secret string, _ time.Time) (client.SecretFacts, bool) {
	info, ok := ParseSecret(secret)
	if !ok {
		return client.SecretFacts{}, false
	}
	if info.Legacy() {
		f := client.SecretFacts{
			Title:    "probably an Unleash API token in the legacy format of Unleash before 4.3 (or another hex secret: the format is not distinctive)",
			Format:   info.Format(),
			Probable: true,
		}
		f.Add("format", "Format", "legacy: hex only; projects, environment and type are not in the secret")
		f.Add("length", "Length", fmt.Sprintf("%d hex digits", len(secret)))
		return f, true
	}
	f := client.SecretFacts{Title: fmt.Sprintf("Unleash API token (v%d format)", info.Version), Format: info.Format()}
	if info.Version == 2 {
		f.Title = "Unleash API token (v2 format: secure token storage, Unleash 8.2 and later)"
		f.Add("format", "Format", "v2: <projects>:<environment>.v2_<selector>_<secret>; the server keeps only its hash")
	} else {
		f.Add("format", "Format", "v1: <projects>:<environment>.<hash>; the server lists this secret to every admin")
	}
	f.Add("projects", "Projects", info.Projects)
	f.Add("environment", "Environment", info.environmentWords())
	f.Add("selector", "Selector", info.Selector)
	if info.Admin {
		f.Add("type", "Type", "admin (all projects and environments)")
	} else {
		f.Add("type", "Type", "client, backend or frontend (not in the secret)")
	}
	if info.Version == 1 && !info.Admin {
		if hash := secret[strings.LastIndexByte(secret, '.')+1:]; len(hash) != v1HashHexDigits {
			f.Add("length", "Length", fmt.Sprintf("%d hex digits after the dot (servers since 4.3 make %d)", len(hash), v1HashHexDigits))
		}
	}
	return f, true
}
