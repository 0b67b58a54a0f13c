package client

import (
	"context"
	"sync/atomic"
)

// Progress is how far a List has got: the bytes of answers read and the
// items decoded so far, over every request the List makes (Border0 reads
// several lists at once; a retried request counts again). A caller that
// wants to show it puts one in the context (WithProgress) and reads it from
// any goroutine while the List runs; providers need do nothing, the shared
// HTTP plumbing counts. The zero value is ready; a nil *Progress counts
// nothing.
type Progress struct {
	bytes, items atomic.Int64
	expected     atomic.Int64
}

// Expect tells the List about how many items to expect (the list it
// replaces, or what the profile had when last shown): a hint, never a
// limit. While the server works on its
// answer, memory is made ready for about that many (a 100 000-token list
// is 31 MB, which the kernel would otherwise hand over page by page as
// the decoders write it, at the busiest time).
func (p *Progress) Expect(n int64) {
	if p != nil {
		p.expected.Store(n)
	}
}

// TakeExpected is the count Expect gave, once: of the several lists some
// providers read for one List, the first to ask prepares for it.
func (p *Progress) TakeExpected() int64 {
	if p == nil {
		return 0
	}
	return p.expected.Swap(0)
}

// Bytes is how many bytes of answers have been read.
func (p *Progress) Bytes() int64 {
	if p == nil {
		return 0
	}
	return p.bytes.Load()
}

// Items is how many list elements have been decoded.
func (p *Progress) Items() int64 {
	if p == nil {
		return 0
	}
	return p.items.Load()
}

// AddBytes counts n more bytes read.
func (p *Progress) AddBytes(n int64) {
	if p != nil {
		p.bytes.Add(n)
	}
}

// AddItems counts n more elements decoded.
func (p *Progress) AddItems(n int64) {
	if p != nil {
		p.items.Add(n)
	}
}

type progressKey struct{}

// WithProgress is ctx with p to count into.
func WithProgress(ctx context.Context, p *Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// ProgressOf is the Progress in ctx, or nil.
func ProgressOf(ctx context.Context) *Progress {
	p, _ := ctx.Value(progressKey{}).(*Progress)
	return p
}
