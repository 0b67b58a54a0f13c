package border0

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/tokentui/tokentui/client/internal/rest"
)

// Border0 replicates across regions: a token just created may be missing
// from the next list, and a delete that soon may answer 404. Its SDK
// retries every 404 for about 2.5 s; its Terraform provider waits before
// reading back, as long as GET /serverinfo says (rx_after_tx_delay_ms), 1 s
// by default. tokentui re-reads once after that delay before it warns or
// reports "not found". A create is never retried.

const (
	// defaultSettle is Terraform's delay when the server names none.
	defaultSettle = time.Second
	// maxSettle caps what a server may make us wait.
	maxSettle = 5 * time.Second
)

// settler remembers the server's read-after-write delay.
type settler struct {
	mu       sync.Mutex
	known    bool
	delay    time.Duration
	fallback time.Duration // defaultSettle; tests make it short
}

// settle waits out the read-after-write delay, asking the server for it
// the first time.
func (p *Provider) settle(ctx context.Context) error {
	d := p.settleDelay(ctx)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Provider) settleDelay(ctx context.Context) time.Duration {
	s := &p.lag
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.known {
		return s.delay
	}
	var info struct {
		DataConsistency struct {
			RxAfterTxDelayMs *float64 `json:"rx_after_tx_delay_ms"`
		} `json:"data_consistency"`
	}
	s.delay = s.fallback
	err := p.api.JSON(ctx, rest.Request{Method: http.MethodGet, Path: "/serverinfo"}, &info)
	if ms := info.DataConsistency.RxAfterTxDelayMs; err == nil && ms != nil && *ms >= 0 {
		s.delay = min(time.Duration(*ms*float64(time.Millisecond)), maxSettle)
	}
	if err == nil || ctx.Err() == nil {
		s.known = true // a failed ask is not repeated for every write
	}
	return s.delay
}
