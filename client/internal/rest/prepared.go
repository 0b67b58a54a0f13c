package rest

import (
	"sync/atomic"
	"unsafe"
)

// Writing a list costs more than the writes: memory new to the process is
// handed over by the kernel as it is first written (a page fault each
// 2 MiB, or 4 KiB, each page zeroed), and memory it used before is zeroed
// by Go as the list is made: about a tenth of the CPU a 100 000-token list
// costs, spent while it is decoded on every core. When the caller knows
// about how long the list will be (client.Progress.Expect: a refresh knows
// the list it replaces), the list is made as the request goes out and its
// pages are faulted in while the server works on the answer, when nothing
// else runs. That stops once the answer starts coming (what is left faults
// as before); a list that does not suit the answer is given up at once.

// preparedList is a list made ready for an answer still to come.
type preparedList[R any] struct {
	list     []R           // nil once handed out or given up
	answered atomic.Bool   // the answer has started: stop faulting pages in
	done     chan struct{} // closed when no more pages will be faulted in
	faulted  uintptr       // bytes faulted in, once done: what tests look at
	used     bool          // handed out or given up: a list serves once
}

// prepareMin is the shortest list prepared: shorter ones fault in too
// little time to matter.
const prepareMin = 4096

// testHookPrepared, when set, is told of each list prepared.
var testHookPrepared func(p any)

// prepareList makes a list for about n results, at most limit (what the
// largest answer allowed can hold), and starts faulting in its pages; nil
// when n is too small to bother or beyond limit.
func prepareList[R any](n, limit int64) *preparedList[R] {
	if n < prepareMin || n > limit {
		return nil
	}
	p := &preparedList[R]{done: make(chan struct{})}
	// Room for a list that grew a little; the pages for about n are
	// faulted in, the rest only if written. All of it counts against the
	// memory limit while the old list is alive too.
	go p.populate(int(n+n/16+16), int(n+n/25+16))
	if testHookPrepared != nil {
		testHookPrepared(p)
	}
	return p
}

// populate makes the list, for n results, and faults in the pages of its
// first expect, a huge page at a time, until they are all in or the answer
// starts. It runs on its own: memory the process used before is zeroed as
// it is made.
func (p *preparedList[R]) populate(n, expect int) {
	defer close(p.done)
	p.list = makeList[R](n)
	start, _ := listMemory(p.list)
	_, size := listMemory(p.list[:0:expect])
	for p.faulted < size && !p.answered.Load() {
		n := min(hugePage, size-p.faulted)
		if !populatePages(unsafe.Add(start, p.faulted), n) {
			return // the kernel cannot (or has no memory): the rest faults in as written
		}
		p.faulted += n
	}
}

// serverAnswered stops faulting pages in: the decoders are about to write.
func (p *preparedList[R]) serverAnswered() {
	if p != nil {
		p.answered.Store(true)
	}
}

// take hands the list out, once, to hold at least need results and about
// want: not when it is shorter than need, nor a quarter longer than want
// (a list that shrank gets one of its size); then it is given up.
func (p *preparedList[R]) take(need, want int) []R {
	if p == nil || p.used {
		return nil
	}
	p.answered.Store(true)
	<-p.done // the list being made, or a page being faulted in
	if c := cap(p.list); c < need || c > want+want/4 {
		p.release()
		return nil
	}
	list := p.list
	p.list, p.used = nil, true // the caller's now: settled or dropped with its decode
	return list
}

// release gives the list up unless it was handed out: its huge-page ask is
// withdrawn once no page is being faulted in, and it is dropped.
func (p *preparedList[R]) release() {
	if p == nil || p.used {
		return
	}
	p.used = true
	p.answered.Store(true)
	<-p.done
	settleList(p.list)
	p.list = nil
}
