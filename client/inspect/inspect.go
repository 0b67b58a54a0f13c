// Package inspect recognises a pasted token offline: which system issued it
// and what it says about itself, read from its own text. Nothing is sent
// anywhere, and no Result ever holds the whole secret.
package inspect

import (
	"fmt"
	"strings"
	"time"

	"github.com/tokentui/tokentui/client"
)

// Kind is what a secret was recognised as.
type Kind string

const (
	KindUnleash    Kind = "unleash"
	KindBorder0    Kind = "border0"
	KindJWT        Kind = "jwt" // a JWT from some other issuer
	KindGoodAccess Kind = "goodaccess"
	KindUnknown    Kind = "unknown"
	KindEmpty      Kind = "empty"
)

// Field is one fact about the secret. Values are sanitised and never hold
// the secret.
type Field struct {
	Key   string // stable, for JSON: "projects", "expires_at"
	Label string // for people: "Projects"
	Value string
}

// Result is what Recognise found.
type Result struct {
	Kind Kind
	// Title is one line for people: "Unleash API token (v2 format)".
	Title string
	// Masked shows enough of the secret to recognise it, not to use it.
	Masked string
	Fields []Field
	// Summary is Title and every field as "Label: value" lines.
	Summary []string
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

// recognisers run in order; the first that claims the secret wins. JWTs come
// first: they are unambiguous (three base64url parts with a JSON header).
var recognisers = []func(secret string, now time.Time) (Result, bool){
	recogniseJWT,
	recogniseUnleash,
	recogniseGoodAccess,
}

func recognise(secret string, now time.Time) Result {
	for _, rec := range recognisers {
		if r, ok := rec(secret, now); ok {
			return r
		}
	}
	return unknown(secret)
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
	if value == "" {
		return
	}
	r.Fields = append(r.Fields, Field{Key: key, Label: label, Value: clip(client.Sanitize(value), 120)})
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

// expiry describes an expiry time relative to now.
func expiry(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	when := t.UTC().Format(time.RFC3339)
	if !t.After(now) {
		return when + " (expired)"
	}
	return fmt.Sprintf("%s (in %s)", when, roughly(t.Sub(now)))
}

func roughly(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d minutes", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
