package unleash

import (
	"errors"
	"net/url"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// withoutSecret masks secret wherever the server's words in err quote it.
// Revoke and expiry changes put the secret in the request path, and Unleash
// answers an unknown route with "The path you were looking for (<path>) is
// not available.", so an error could otherwise carry the secret to the screen.
func withoutSecret(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	r := strings.NewReplacer(url.PathEscape(secret), client.MaskSecret(secret), secret, client.MaskSecret(secret))
	var (
		nf *client.NotFoundError
		ve *client.ValidationError
		se *client.ServerError
		ue *client.UnauthorizedError
		fe *client.ForbiddenError
	)
	switch {
	case errors.As(err, &nf):
		nf.What = r.Replace(nf.What)
	case errors.As(err, &ve):
		ve.Message = r.Replace(ve.Message)
		for f, msgs := range ve.Fields {
			for i, m := range msgs {
				msgs[i] = r.Replace(m)
			}
			ve.Fields[f] = msgs
		}
	case errors.As(err, &se):
		se.Message = r.Replace(se.Message)
	case errors.As(err, &ue):
		ue.Message = r.Replace(ue.Message)
	case errors.As(err, &fe):
		fe.Message = r.Replace(fe.Message)
		fe.Need = r.Replace(fe.Need)
	}
	return err
}
