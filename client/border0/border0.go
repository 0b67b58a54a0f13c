// Package border0 manages Border0 access tokens over Border0's REST API:
// the organisation tokens of shared/specs/border0.md (a role and an
// optional expiry) and, side by side, the tokens of service accounts and
// connectors (shared/specs/border0-service-accounts.md), which take their
// owner's role. A new token is read back from its list (organisation and
// service-account tokens have no "get one" endpoint), once more after
// Border0's replication delay when it is not there yet.
package border0

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/internal/rest"
)

const (
	// DefaultBaseURL is Border0's API, used when the connection names none.
	DefaultBaseURL = "https://api.border0.com/api/v1"
	// TokenEnv is the environment variable Border0's own CLI reads the admin
	// token from.
	TokenEnv = "BORDER0_ADMIN_TOKEN"
	// NameMaxLen is tokentui's limit on a token name, in characters. Border0
	// publishes none; 100 keeps names readable in its portal and in our
	// table, and the emulator enforces the same.
	NameMaxLen = 100

	tokensPath = "/organizations/tokens"
)

// Provider is the Border0 client.Provider. It is safe for concurrent use.
type Provider struct {
	api *rest.Client
	now func() time.Time // validation clock; tests pin it
	lag settler          // the read-after-write delay (lag.go)
	// selfID is the id the admin token's own claims give it, so the list
	// can mark it (Token.Self); "" when its claims name none, and then
	// nothing is said.
	selfID string
	// orgID is the organisation the admin token's claims name, so a
	// pasted token of another organisation is told apart (MatchSecret);
	// "" when they name none.
	orgID string
}

var _ client.Provider = (*Provider)(nil)

// New returns a provider for conn. It fails only when the admin token is
// missing or unusable, or the CA file cannot be read.
func New(conn client.Connection) (*Provider, error) {
	token := strings.TrimSpace(conn.Token)
	if token == "" {
		return nil, errors.New("no Border0 admin token: set " + TokenEnv + " or configure a token command for this profile")
	}
	if strings.IndexFunc(token, unicode.IsControl) >= 0 || strings.ContainsRune(token, ' ') {
		// It would break the Authorization header; say so without echoing it.
		return nil, errors.New("the Border0 admin token contains spaces or control characters; check how it is read")
	}
	base := strings.TrimSpace(conn.BaseURL)
	if base == "" {
		base = DefaultBaseURL
	}
	api, err := rest.ForConnection(conn, base, rest.Bearer(token), parseError)
	if err != nil {
		return nil, err
	}
	// A JWT's claims are read without a key: they cannot prove anything,
	// but the token_id (or jti) a token carries is the id the list shows.
	claims, _ := DecodeClaims(token)
	return &Provider{api: api, now: time.Now, lag: settler{fallback: defaultSettle}, selfID: claims.TokenID, orgID: claims.OrgID}, nil
}
