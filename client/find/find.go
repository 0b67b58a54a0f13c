// Package find tells which profile and which token a leaked secret is,
// wherever a provider makes that knowable: each provider that can match a
// secret against its list (client.SecretMatcher) is asked, the others are
// said plainly to be unable to tell. The secret is remembered for
// client.Scrub at once, so no message can quote it, and nothing returned
// holds it.
package find

import (
	"context"
	"sync"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/inspect"
	"github.com/tokentui/tokentui/client/registry"
)

// Verdict is what one profile could tell about the secret.
type Verdict string

const (
	// Found: the secret is Result.Token on this profile.
	Found Verdict = "found"
	// NotListed: the secret has this provider's form (and organisation,
	// where it says), but no token of the list is it.
	NotListed Verdict = "not-listed"
	// NotHere: the secret is not this provider's, or another
	// organisation's or instance's.
	NotHere Verdict = "not-here"
	// CannotTell: the provider's API holds nothing of a secret once it is
	// created, so no list can say which token it is.
	CannotTell Verdict = "cannot-tell"
	// Failed: the profile could not be opened or listed (Err).
	Failed Verdict = "failed"
)

// Source is one profile to look in.
type Source struct {
	Profile string
	// Kind is the profile's provider kind, for a profile that could not be
	// opened (Provider nil): another system's secret is not its, listed or
	// not.
	Kind string
	// Provider is the profile's, opened; nil when it could not be (Err).
	Provider client.Provider
	// Tokens is the profile's list when Listed; otherwise Lookup lists it
	// if the provider can match the secret at all.
	Tokens []client.Token
	Listed bool
	// Err is why the profile has no list (could not be opened or listed);
	// what needs no list is said of it all the same.
	Err error
}

// Result is what one profile told.
type Result struct {
	Profile string
	Kind    string // the provider's kind; "" when it could not be opened
	Verdict Verdict
	Token   client.Token // with Found
	// Says is one sentence for people: how the token was identified, or
	// why not. It never holds the secret.
	Says string
	Err  error // with Failed
}

// Lookup asks every source about secret, concurrently, listing the
// profiles that need it, and returns one result per source in their
// order. The secret is normalised (client.NormalizeSecret) and
// remembered for scrubbing first.
func Lookup(ctx context.Context, secret string, sources []Source) []Result {
	secret = client.NormalizeSecret(secret)
	client.RememberSecret(secret)
	looks := inspect.RecogniseAt(secret, time.Now())
	out := make([]Result, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = lookupOne(ctx, secret, looks, src)
		}()
	}
	wg.Wait()
	return out
}

// lookupOne asks one source. What needs no list is said even of a
// profile that could not be listed: another system's secret is not its,
// and a provider that keeps nothing of a secret cannot tell.
func lookupOne(ctx context.Context, secret string, looks inspect.Result, src Source) Result {
	r := Result{Profile: src.Profile, Kind: src.Kind}
	p := src.Provider
	if p != nil {
		r.Kind = p.Kind()
	}
	if otherSystem(looks, r.Kind) {
		r.Verdict, r.Says = NotHere, "another system's token ("+looks.Title+"), not "+displayName(r.Kind)+"'s"
		return r
	}
	if p == nil {
		r.Verdict, r.Err = Failed, src.Err
		return r
	}
	m, ok := p.(client.SecretMatcher)
	if !ok {
		r.Verdict = CannotTell
		r.Says = p.DisplayName() + "'s API keeps no secret and no part of one once a token is created, so no list can say which token it is"
		return r
	}
	if ask := m.MatchSecret(secret, nil); ask.Verdict == client.MatchForeign {
		r.Verdict, r.Says = NotHere, ask.Says
		return r
	}
	tokens := src.Tokens
	var err error
	switch {
	case src.Err != nil:
		err = src.Err
	case !src.Listed:
		tokens, err = p.List(ctx)
	}
	if err != nil {
		r.Verdict, r.Err = Failed, err
		return r
	}
	ans := m.MatchSecret(secret, tokens)
	r.Says = ans.Says
	switch ans.Verdict {
	case client.MatchFound:
		r.Verdict, r.Token = Found, ans.Token
	case client.MatchNotListed:
		r.Verdict = NotListed
	default:
		r.Verdict = NotHere
	}
	return r
}

// displayName is a kind's name for people.
func displayName(kind string) string {
	if d, ok := registry.Lookup(kind); ok {
		return d.DisplayName
	}
	return client.Sanitize(kind)
}

// otherSystem reports whether the secret definitely belongs to a system
// other than kind, so a provider that cannot match secrets is not said to
// be unable to tell about another system's.
func otherSystem(looks inspect.Result, kind string) bool {
	if looks.Probable || string(looks.Kind) == kind {
		return false
	}
	_, ok := registry.Lookup(string(looks.Kind))
	return ok
}

// FoundIn is the results that name a token.
func FoundIn(results []Result) []Result {
	var out []Result
	for _, r := range results {
		if r.Verdict == Found {
			out = append(out, r)
		}
	}
	return out
}
