package client

import (
	"context"
	"time"
)

// Provider is one token system. Every method may block on the network, so
// callers in the TUI run them inside a tea.Cmd. Implementations are safe for
// concurrent use.
type Provider interface {
	// Kind is the provider's stable identifier: "goodaccess", "border0", "unleash".
	Kind() string
	// DisplayName is the provider's name for people: "GoodAccess".
	DisplayName() string
	// List returns every token of the organisation, in no particular order.
	List(ctx context.Context) ([]Token, error)
	// Create creates a token and returns it with its one-time secret.
	Create(ctx context.Context, req NewToken) (Created, error)
	// Revoke deletes the token. It takes the whole Token because some APIs
	// address a token by something other than its ID (Unleash: its secret).
	Revoke(ctx context.Context, t Token) error
	// Catalog says what a new token can be given; the create form is drawn
	// from it.
	Catalog(ctx context.Context) (Catalog, error)
}

// ExpiryUpdater is implemented by providers whose API can change the expiry
// of an existing token (Unleash). The TUI offers "edit expiry" only then.
type ExpiryUpdater interface {
	UpdateExpiry(ctx context.Context, t Token, expiresAt time.Time) error
}

// ConnectionTester is implemented by providers whose API has a cheap call
// that checks only the URL and the admin token (GoodAccess's
// GET /api/v1/test-connection). Its error names what is wrong: no such API
// at the URL, or a refused token. On success it returns what the server
// said, sanitised.
type ConnectionTester interface {
	TestConnection(ctx context.Context) (string, error)
}

// Connection is what every provider constructor takes: where the API is and
// the admin token to call it with. The token is only ever sent to BaseURL.
type Connection struct {
	BaseURL string
	Token   string
	// CAFile is an optional PEM bundle for servers with a private CA.
	CAFile string
	// Timeout bounds each request; 0 means the default (20 s).
	Timeout time.Duration
	// Retries is how many times a GET is retried on 429/5xx/network errors;
	// 0 means the default (3), negative means none.
	Retries int
	// RetryBackoff is the first retry delay; 0 means the default (250 ms).
	// Tests set it small.
	RetryBackoff time.Duration
	// TimeZone is where the API's times without a zone are read and
	// written (GoodAccess's "Y-m-d H:i:s"); nil means UTC.
	TimeZone *time.Location
}
