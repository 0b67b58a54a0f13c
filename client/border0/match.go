package border0

import "github.com/tokentui/tokentui/client"

var _ client.SecretMatcher = (*Provider)(nil)

// MatchSecret finds the listed token a Border0 token is, by the id its
// claims carry (token_id, else jti). The claims are read without the
// signing key, so they are what the token says of itself, not a proof:
// good enough to find a leaked token, which the server will refuse once
// revoked whatever it claimed. A token whose claims name another
// organisation than this profile's admin token is not this profile's.
func (p *Provider) MatchSecret(secret string, tokens []client.Token) client.SecretMatch {
	claims, err := DecodeClaims(secret)
	if err != nil || (claims.OrgID == "" && claims.Type != "token") {
		return client.SecretMatch{Verdict: client.MatchForeign, Says: "not a Border0 token"}
	}
	if p.orgID != "" && claims.OrgID != "" && claims.OrgID != p.orgID {
		return client.SecretMatch{Verdict: client.MatchForeign, Says: "a Border0 token of organisation " + short(claims.OrgID) + ", not this profile's (" + short(p.orgID) + ")"}
	}
	if claims.TokenID == "" {
		return client.SecretMatch{Verdict: client.MatchNotListed, Says: "a Border0 token whose claims name no token id, so no listed token can be matched to it"}
	}
	for _, t := range tokens {
		if t.ID == claims.TokenID {
			return client.SecretMatch{Verdict: client.MatchFound, Token: t,
				Says: "by the token id its claims carry (" + short(claims.TokenID) + "; read without verifying the signature)"}
		}
	}
	return client.SecretMatch{Verdict: client.MatchNotListed,
		Says: "its claims name token " + short(claims.TokenID) + ", which this organisation does not list: revoked already, or a kind of token the list does not include (a user's session)"}
}

// short cuts a claim for a sentence: a claim may be as long as the token.
func short(s string) string {
	if r := []rune(s); len(r) > 64 {
		return string(r[:64]) + "…"
	}
	return s
}
