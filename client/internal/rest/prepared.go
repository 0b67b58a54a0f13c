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
// as before).

// preparedList is a list made ready for an answer still to come.
type preparedList[R any] struct {
	list     []R
	answered atomic.Bool   // the answer has started: stop faulting pages in
	done     chan struct{} // closed when no more pages will be faulted in
	faulted  uintptr       // bytes faulted in, once done: what tests look at
	taken    bool
}

// prepareMin is the shortest list prepared: shorter ones ask for no huge
// pages (makeList) and fault in too little time to matter.
const prepareMin = 4096

// prepareList makes a list for about n results and starts faulting in its
// pages; nil when n is too small to bother.
func prepareList[R any](n int64) *preparedList[R] {
	if n < prepareMin || n > maxPrepared {
		return nil
	}
	p := &preparedList[R]{done: make(chan struct{})}
	// Room for the estimate's slack (sized) and a list that grew a little;
	// the pages for about n are faulted in, the rest only if written. All
	// of it counts against the memory limit while two lists are alive.
	go p.populate(int(n+n/16+16), int(n+n/25+16))
	return p
}

// maxPrepared bounds the hint (the length of a list the caller held): a
// list answer is at most DefaultListBody, and no element worth keeping is
// shorter than minListElement.
const maxPrepared = DefaultListBody / minListElement

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
			return // not supported here: pages fault in as they are written
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

// take is the list, once, for want results: only when it holds them and
// is not more than twice as long (a list that shrank to a half gets a
// list of its size).
func (p *preparedList[R]) take(want int) []R {
	if p == nil || p.taken {
		return nil
	}
	p.answered.Store(true)
	<-p.done // a page being faulted in: at most one, then it stops
	if cap(p.list) < want || cap(p.list) > 2*want {
		return nil // release gives it up
	}
	p.taken = true
	return p.list
}

// release gives the list up unless it was taken: its huge-page ask is
// withdrawn once no page is being faulted in.
func (p *preparedList[R]) release() {
	if p == nil || p.taken {
		return
	}
	p.taken = true
	p.answered.Store(true)
	<-p.done
	settleList(p.list)
	p.list = nil
}
