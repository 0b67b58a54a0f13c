package profile

import (
	"context"
	"fmt"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/border0"
	"github.com/tokentui/tokentui/client/goodaccess"
	"github.com/tokentui/tokentui/client/unleash"
)

// Open fetches the profile's admin token (running its token_command, if
// any) and builds the provider. It sends nothing over the network: the
// first List or Catalog does. Errors are *Error (the profile is unusable),
// *TokenError (no token) or the provider's constructor error.
func Open(ctx context.Context, p Profile) (client.Provider, error) {
	conn, err := p.Connection(ctx)
	if err != nil {
		return nil, err
	}
	var prov client.Provider
	switch p.Provider {
	case GoodAccess:
		prov, err = goodaccess.New(conn)
	case Border0:
		prov, err = border0.New(conn)
	case Unleash:
		prov, err = unleash.New(conn)
	default: // Err() has refused it already; kept for a zero Profile
		return nil, &Error{Profile: p.Name, Where: p.Origin, Msg: fmt.Sprintf("unknown provider %q", client.Sanitize(p.Provider))}
	}
	if err != nil {
		return nil, &Error{Profile: p.Name, Where: p.Origin, Msg: err.Error()}
	}
	return prov, nil
}
