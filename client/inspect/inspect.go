// Package inspect recognises a pasted token offline: which system issued it
// and what it says about itself, read from its own text. Nothing is sent
// anywhere, and no Result ever holds the whole secret.
package inspect

import (
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/registry"
)

// Kind is what a secret was recognised as: a provider's kind (from the
// registry) or one of the kinds below.
type Kind string

const (
	KindJWT     Kind = "jwt" // a JWT from an issuer no provider claims
	KindUnknown Kind = "unknown"
	KindEmpty   Kind = "empty"
)

// Field is one fact about the secret. Values are sanitised and never hold
// the secret.
type Field = client.Fact

// Result is what Recognise found.
type Result struct {
	Kind Kind
	// Title is one line for people: "Unleash API token (v2 format)".
	Title string
	// Masked shows enough of the secret to recognise it, not to use it.
	Masked string
	// Format describes the secret's format in one line (empty when there is
	// nothing to add to the title).
	Format string
	Fields []Field
	// Claims are the token's own claims about itself (a subset of Fields,
	// from a JWT): what the dashboard shows beside a new secret.
	Claims []Field
	// Summary is Title and every field as "Label: value" lines.
	Summary []string
	// Probable marks a weak match: another system's secret could look the
	// same (any run of hex digits looks like a legacy Unleash secret).
	Probable bool
}

// Recognise identifies secret as of now. See RecogniseAt.
func Recognise(secret string) Result { return RecogniseAt(secret, time.Now()) }

// RecogniseAt identifies secret; now decides whether an expiry is past. A
// leading "Bearer " and surrounding whitespace are ignored.
func RecogniseAt(secret string, now time.Time) Result {
	secret = strings.TrimSpace(secret)
	if len(secret) > 7 && strings.EqualFold(secret[:7], "bearer ") {
		secret = strings.TrimSpace(secret[7:])
	}
	var r Result
	switch {
	case secret == "":
		r = Result{Kind: KindEmpty, Title: "nothing to inspect: the input is empty"}
	default:
		r = recognise(secret, now)
		r.Masked = client.MaskSecret(secret)
	}
	r.Summary = append([]string{r.Title}, r.summaryLines()...)
	return r
}

// recognise asks every provider's recogniser; a definite match wins over a
// probable one (any hex run looks like an Unleash v1 secret), and a JWT no
// provider claims is read as a generic JWT before a probable match counts.
func recognise(secret string, now time.Time) Result {
	var probable *Result
	for _, d := range registry.All() {
		if d.Recognise == nil {
			continue
		}
		facts, ok := d.Recognise(secret, now)
		if !ok {
			continue
		}
		r := fromFacts(Kind(d.Kind), facts)
		if !facts.Probable {
			return r
		}
		if probable == nil {
			probable = &r
		}
	}
	if r, ok := recogniseJWT(secret, now); ok {
		return r
	}
	if probable != nil {
		return *probable
	}
	return unknown(secret)
}

func fromFacts(kind Kind, f client.SecretFacts) Result {
	r := Result{Kind: kind, Title: f.Title, Format: f.Format, Fields: f.Fields, Probable: f.Probable}
	if f.Claims {
		r.Claims = f.Fields
	}
	return r
}

func (r Result) summaryLines() []string {
	out := make([]string, 0, len(r.Fields)+1)
	if r.Masked != "" {
		out = append(out, "Masked: "+r.Masked)
	}
	for _, f := range r.Fields {
		out = append(out, f.Label+": "+f.Value)
	}
	return out
}

func (r *Result) add(key, label, value string) {
	f := client.SecretFacts{Fields: r.Fields}
	f.Add(key, label, value)
	r.Fields = f.Fields
}

// Value returns the value of the field with key, or "".
func (r Result) Value(key string) string {
	for _, f := range r.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return ""
}
