package unleash

import "github.com/tokentui/tokentui/client"

var _ client.SecretMatcher = (*Provider)(nil)

// MatchSecret finds the listed token a secret is. A plain (v1 or legacy)
// secret is compared with every secret the list holds, as SHA-256 hashes
// in constant time, and every one is compared, so how long it takes says
// nothing about which matched. A securely stored (v2) token's list entry
// is its selector, which every v2 secret carries in the clear: that names
// the token, though the rest of the secret, kept by the server only as a
// hash, cannot be checked here.
func (p *Provider) MatchSecret(secret string, tokens []client.Token) client.SecretMatch {
	info, ok := ParseSecret(secret)
	if !ok {
		return client.SecretMatch{Verdict: client.MatchForeign, Says: "not an Unleash API token"}
	}
	if info.Version == 2 {
		for _, t := range tokens {
			if t.Secret == "" && t.ID == info.Selector {
				return client.SecretMatch{Verdict: client.MatchFound, Token: t,
					Says: "by its selector, the part of a securely stored (v2) token the server lists; the rest of the secret is kept only as a hash, so it cannot be checked"}
			}
		}
		return client.SecretMatch{Verdict: client.MatchNotListed,
			Says: "an Unleash v2 secret whose selector this instance does not list: revoked already, or another instance's"}
	}
	want := client.HashSecret(secret)
	found := -1
	for i := range tokens {
		if tokens[i].Secret != "" && client.SameSecret(want, client.HashSecret(tokens[i].Secret)) {
			found = i // no break: the work is the same wherever it is
		}
	}
	if found >= 0 {
		return client.SecretMatch{Verdict: client.MatchFound, Token: tokens[found], Says: "the server lists this secret: it is this token for certain"}
	}
	return client.SecretMatch{Verdict: client.MatchNotListed,
		Says: "no token of this instance has this secret (the server lists every v1 secret): revoked already, or another instance's"}
}
