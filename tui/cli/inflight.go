package cli

import (
	"context"
	"time"
)

// maxInFlight bounds a write that an interrupt (ctrl+c) no longer cancels:
// each request has its own timeout, this guards against a provider that
// makes many.
const maxInFlight = 2 * time.Minute

// waitOut runs a write (a create, a revoke) to its end even when ctx is
// cancelled by ctrl+c meanwhile: cut off after the request was sent, it
// may still be carried out, and for a create that would lose a secret the
// server will not send again. On the interrupt it says on stderr that it is
// waiting, and why. interrupted reports whether that happened, so the
// caller starts nothing more.
func (inv *invocation) waitOut(ctx context.Context, what string, write func(context.Context) error) (err error, interrupted bool) {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), maxInFlight)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- write(wctx) }()
	select {
	case err := <-done:
		return err, ctx.Err() != nil
	case <-ctx.Done():
	}
	inv.info("interrupted: waiting for the answer to " + what + ", which may be carried out either way (at most " + maxInFlight.String() + ")")
	return <-done, true
}
