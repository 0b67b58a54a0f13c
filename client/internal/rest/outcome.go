package rest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"

	"github.com/tokentui/tokentui/client"
)

// A request that changes something (a create, a revoke) is sent once. Once
// it may have reached the server, a failure no longer means it was not
// carried out: the connection may break after the server acted, a proxy may
// time out while the server finishes, a 500 may come after the commit. Such
// failures become a client.UnknownOutcomeError, so that no caller reports
// "failed" and invites a retry that would make a second token (and lose the
// first one's secret). Failures before anything was sent (DNS, connection
// refused, TLS) stay what they are: retrying them is safe.

// isWrite reports whether method may change something on the server.
func isWrite(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// traceSent returns ctx with a trace that notes when the request's headers
// were written to the connection: from then on the server may act on it.
// (Written to the connection's buffer, which errs on the side of "may".)
func traceSent(ctx context.Context) (context.Context, *atomic.Bool) {
	sent := new(atomic.Bool)
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteHeaders: func() { sent.Store(true) },
	}), sent
}

// maybeDone wraps err, the failure of a write that may have been sent, as
// an unknown outcome.
func maybeDone(status int, err error) error {
	return &client.UnknownOutcomeError{Status: status, Err: err}
}

// readAccepted reads the 2xx answer of a write. The server has made the
// change (for a create: issued a secret it will not send again), so unlike
// readBody it keeps what arrived when the body is cut short or too large,
// and looks in that for what may be the secret.
func readAccepted(ctx context.Context, raw io.Reader, status, limit int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(raw, int64(limit)+1))
	switch {
	case err != nil:
		return nil, &client.UnknownOutcomeError{Accepted: true, Status: status,
			Err: transportError(ctx, err, status, limit), Candidates: client.SecretCandidates(data)}
	case len(data) > limit:
		return nil, &client.UnknownOutcomeError{Accepted: true, Status: status,
			Err: transportError(ctx, errBodyTooLarge, status, limit), Candidates: client.SecretCandidates(data[:limit])}
	}
	return data, nil
}

// AcceptedWithoutSecret is what a provider returns when the server accepted
// a create (2xx) but its answer did not hold the secret where expected: an
// unknown outcome for the caller's purposes (the token exists, its secret
// was not received), with the strings of the answer that may be the secret.
// skip are values not to offer (what was sent, such as the name).
func AcceptedWithoutSecret(resp Response, cause error, skip ...string) error {
	return &client.UnknownOutcomeError{Accepted: true, Status: resp.Status, Err: cause,
		Candidates: client.SecretCandidates(resp.Body, skip...)}
}
