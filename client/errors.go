package client

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// The typed errors below are what every provider returns, whatever its API's
// error format. Each Error() is a sentence a person can act on and never
// contains the admin token or a secret: the server's words in it are
// sanitised when the error is made and scrubbed of every remembered secret
// (Scrub) whenever it is read, so a secret remembered after the error was
// made is masked too.

// UnauthorizedError: the admin token is missing, invalid or expired, or is
// not allowed from this address (HTTP 401).
type UnauthorizedError struct {
	Message string // the server's explanation, sanitised; may be empty
}

func (e *UnauthorizedError) Error() string { return Scrub(e.text()) }

func (e *UnauthorizedError) text() string {
	msg := "the admin token was refused (invalid, expired or not allowed from this address)"
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// ForbiddenError: the admin token is valid but lacks a permission (HTTP 403).
type ForbiddenError struct {
	Need    string // the missing scope ("token.delete") or role ("admin role"), when known
	Message string
}

func (e *ForbiddenError) Error() string { return Scrub(e.text()) }

func (e *ForbiddenError) text() string {
	switch {
	case strings.HasSuffix(e.Need, " role"):
		return "the admin token lacks the " + e.Need // "admin role"
	case e.Need != "":
		return "the admin token lacks scope " + e.Need
	case e.Message != "":
		return "forbidden: " + e.Message
	}
	return "forbidden: the admin token may not do this"
}

// NotFoundError: the token (or other resource) does not exist (HTTP 404).
type NotFoundError struct {
	What string // "token 3f2a…"
}

func (e *NotFoundError) Error() string { return Scrub(e.text()) }

func (e *NotFoundError) text() string {
	if e.What == "" {
		return "not found"
	}
	return e.What + " not found"
}

// ValidationError: the server (or the provider, before sending) refused the
// input (HTTP 400/422). Fields maps a Field* name to its messages; Message is
// what is not tied to a field.
type ValidationError struct {
	Message string
	Fields  map[string][]string
}

func (e *ValidationError) Error() string { return Scrub(e.text()) }

func (e *ValidationError) text() string {
	var parts []string
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, k+": "+strings.Join(e.Fields[k], "; "))
	}
	if len(parts) == 0 {
		return "invalid input"
	}
	return strings.Join(parts, "; ")
}

// Add records a message for a field, creating the map as needed.
func (e *ValidationError) Add(field, msg string) {
	if e.Fields == nil {
		e.Fields = map[string][]string{}
	}
	e.Fields[field] = append(e.Fields[field], msg)
}

// RateLimitedError: too many requests (HTTP 429).
type RateLimitedError struct {
	RetryAfter time.Duration // 0 when the server did not say
}

func (e *RateLimitedError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("rate limited by the server; try again in %s", e.RetryAfter.Round(time.Second))
	}
	return "rate limited by the server; try again shortly"
}

// ServerError: the server failed (5xx), or answered something that is not
// what its API documents (HTML instead of JSON, a truncated or oversized
// body, the wrong shape). Status is 0 when there was no status to report.
type ServerError struct {
	Status  int
	Message string
}

func (e *ServerError) Error() string { return Scrub(e.text()) }

func (e *ServerError) text() string {
	if e.Status >= 500 {
		if e.Message != "" {
			return fmt.Sprintf("server error (HTTP %d): %s", e.Status, e.Message)
		}
		return fmt.Sprintf("server error (HTTP %d)", e.Status)
	}
	if e.Status > 0 {
		return fmt.Sprintf("unexpected response (HTTP %d): %s", e.Status, e.Message)
	}
	return "unexpected response: " + e.Message
}

// NetworkError: the server could not be reached or did not answer in time.
type NetworkError struct {
	Op  string // "connect", "timeout", ...
	Err error
}

func (e *NetworkError) Error() string { return Scrub(e.text()) }

func (e *NetworkError) text() string {
	if e.Op == "timeout" {
		return "the server did not answer in time"
	}
	if e.Err != nil {
		return "cannot reach the server: " + e.Err.Error()
	}
	return "cannot reach the server"
}

func (e *NetworkError) Unwrap() error { return e.Err }

// IsAuth reports whether err means the admin token itself is the problem
// (unauthorised or forbidden); scripts exit with a distinct code for it.
func IsAuth(err error) bool {
	var u *UnauthorizedError
	var f *ForbiddenError
	return errors.As(err, &u) || errors.As(err, &f)
}

// UnknownOutcomeError: a request that changes something (a create, a
// revoke) may have reached the server, but no usable answer came back: the
// connection broke or timed out after the request was sent, the server
// failed (5xx), the answer was cut short or too large, or the wait was
// cancelled. The change may or may not have been made. Retrying it blindly
// could make it twice: two tokens, and the first one's secret lost.
type UnknownOutcomeError struct {
	// Accepted: the server answered 2xx, so the change was made; only its
	// answer could not be read in full.
	Accepted bool
	// Status is the HTTP status, 0 when no answer arrived.
	Status int
	// Err is why the outcome is unknown; never nil when made by rest.
	Err error
	// Candidates are strings in an accepted create's answer that may be
	// the new secret (SecretCandidates), sanitised; empty when there were
	// none. They are never part of Error().
	Candidates []string
}

func (e *UnknownOutcomeError) Error() string {
	cause := "no reason given"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	if e.Accepted {
		return "the server accepted the request, but its answer could not be read (" + cause + ")"
	}
	return "the request was sent, but no usable answer came back (" + cause + "): it may have been carried out"
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// GoString keeps %#v from printing the candidates, which may be a secret.
func (e *UnknownOutcomeError) GoString() string {
	return fmt.Sprintf("&client.UnknownOutcomeError{Accepted:%t, Status:%d, Candidates:%d}", e.Accepted, e.Status, len(e.Candidates))
}

// AsUnknownOutcome returns err's UnknownOutcomeError, if it is one.
func AsUnknownOutcome(err error) (*UnknownOutcomeError, bool) {
	var u *UnknownOutcomeError
	ok := errors.As(err, &u)
	return u, ok
}
