// Package client is tokentui's provider-neutral core: one Token model, one
// Provider interface and typed errors. Each token system (GoodAccess, Border0,
// Unleash) lives in a subpackage that turns its HTTP API into these types, so
// nothing above this package ever sees HTTP, and nothing in it knows the
// terminal.
package client
