package profile

import (
	"context"
	"fmt"

	"github.com/tokentui/tokentui/client"
)

// Open fetches the profile's admin token (running its token_command, if
// any) and builds the provider the registry names. It sends nothing over
// the network: the first List or Catalog does. Errors are *Error (the
// profile is unusable), *TokenError (no token) or the provider's
// constructor error.
func Open(ctx context.Context, p Profile) (client.Provider, error) {
	conn, err := p.Connection(ctx)
	if err != nil {
		return nil, err
	}
	d, ok := descriptorOf(p.Provider)
	if !ok { // Err() has refused it already; kept for a zero Profile
		return nil, &Error{Profile: p.Name, Where: p.Origin, Msg: fmt.Sprintf("unknown provider %q", client.Sanitize(p.Provider))}
	}
	prov, err := d.New(conn)
	if err != nil {
		return nil, &Error{Profile: p.Name, Where: p.Origin, Msg: err.Error()}
	}
	return prov, nil
}
