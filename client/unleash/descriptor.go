package unleash

import (
	"fmt"
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

// recognise reads a v2 secret's projects and environment; a v1 secret is
// only a run of hex digits, which any hex secret also is (Probable).
func recognise(secret string, _ time.Time) (client.SecretFacts, bool) {
	info, ok := ParseSecret(secret)
	if !ok {
		return client.SecretFacts{}, false
	}
	if info.Version == 1 {
		f := client.SecretFacts{
			Title:    "probably an Unleash API token in the v1 format (or another hex secret: the format is not distinctive)",
			Format:   info.Format(),
			Probable: true,
		}
		f.Add("format", "Format", "v1: hex only; projects, environment and type are not in the secret")
		f.Add("length", "Length", fmt.Sprintf("%d hex digits", len(secret)))
		return f, true
	}
	f := client.SecretFacts{Title: "Unleash API token (v2 format)", Format: info.Format()}
	f.Add("format", "Format", "v2: <projects>:<environment>.<hash>")
	f.Add("projects", "Projects", info.Projects)
	f.Add("environment", "Environment", info.environmentWords())
	if info.Admin {
		f.Add("type", "Type", "admin (all projects and environments)")
	} else {
		f.Add("type", "Type", "client, backend or frontend (not in the secret)")
	}
	return f, true
}
