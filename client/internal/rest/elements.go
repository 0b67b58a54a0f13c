package rest

import (
	"bytes"
	"encoding/json"
	"runtime"
	"unsafe"

	segjson "github.com/segmentio/encoding/json"
)

// A list's elements are decoded in batches. The scanner reading the body
// (one goroutine, as the bytes arrive: scan.go) cuts the array into
// elements, copying each into the batch being filled; batches are decoded
// and converted on every core, each into its own part of the result. Decoding and
// converting are most of a list's cost, so a 100 000-token list loads about
// as many times faster as there are cores, and memory stays bounded: at most
// a few batches of raw bytes are in flight.

// Batch limits: a batch is dispatched when it holds this many elements or
// bytes. Tests make them tiny, to run every path on small lists.
var (
	batchElements = 256
	batchBytes    = 256 << 10
)

// batch is a run of consecutive elements: their bytes back to back, and
// where their results go.
type batch[R any] struct {
	data    []byte
	ends    []int  // element i is data[ends[i-1]:ends[i]]
	special []bool // element i has an escape or a byte beyond ASCII
	out     []R    // where the results go: its part of the list, or its own
	at      int    // its first element's place in the list
	own     bool   // out is its own, copied into the list when joined
	err     error  // the first element's error, in document order
	done    chan struct{}
}

func (b *batch[R]) element(i int) []byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.data[start:b.ends[i]]
}

// elementBatcher decodes the elements of one array.
type elementBatcher[T, R any] struct {
	d       *listDecoder
	path    string             // where the array is, for errors
	convert func(*T, *R) error // writes into a zero R
	plain   *plainCodec        // decodes the plain elements; nil: T has none
	// list holds the results of every batch dispatched (count elements)
	// once it can be sized (placeList); workers write into it, each in its
	// own part, so it grows only when none is busy. Until then each batch
	// has results of its own, copied in when the list is made (joined, in
	// early) or when the batch is joined.
	list    []R
	count   int
	early   []*batch[R]
	cur     *batch[R]   // being filled
	pending []*batch[R] // dispatched, in document order, not joined yet
	free    [][]byte    // the data buffers of joined batches, for new ones
	work    chan *batch[R]
	err     error // the first error joined: nothing more needs decoding
}

func newElementBatcher[T, R any](d *listDecoder, path string, convert func(*T, *R) error) *elementBatcher[T, R] {
	return &elementBatcher[T, R]{d: d, path: path, convert: convert, plain: plainCodecFor[T]()}
}

// add takes the next element from the scanner, copied into the batch
// being filled.
func (e *elementBatcher[T, R]) add(s *listScanner) error {
	if e.cur == nil {
		e.cur = &batch[R]{data: e.buffer()}
	}
	b := e.cur
	data, err := s.value(b.data)
	if err != nil {
		return err
	}
	b.data = data
	b.ends = append(b.ends, len(b.data))
	b.special = append(b.special, s.special)
	if len(b.ends) >= batchElements || len(b.data) >= batchBytes {
		e.dispatch(true)
	}
	return nil
}

// buffer is an empty buffer for a batch's bytes: a joined batch's, so a
// list of any length needs only the few that are in flight at once.
func (e *elementBatcher[T, R]) buffer() []byte {
	if n := len(e.free); n > 0 {
		b := e.free[n-1]
		e.free = e.free[:n-1]
		return b[:0]
	}
	return make([]byte, 0, batchBytes+batchBytes/4)
}

// dispatch gives the current batch its place and hands it to the workers
// (started with the first batch), or decodes it here (the last batch, or a
// list of one batch); then it joins the batches that are done.
func (e *elementBatcher[T, R]) dispatch(async bool) {
	b := e.cur
	e.cur = nil
	e.place(b)
	b.done = make(chan struct{})
	e.pending = append(e.pending, b)
	if !async {
		e.decode(b)
	} else {
		e.start()
		e.work <- b
	}
	for len(e.pending) > 0 && isDone(e.pending[0]) {
		e.join()
	}
}

// place gives a batch where its results go: its part of the list, once
// the list can be sized (made then), else results of its own. A list too
// small for it grows, once no worker is writing into it.
func (e *elementBatcher[T, R]) place(b *batch[R]) {
	n := len(b.ends)
	b.at = e.count
	e.count += n
	if e.list == nil {
		if e.list = e.sized(); e.list != nil {
			e.list = e.list[:b.at]
			for _, early := range e.early {
				copy(e.list[early.at:], early.out)
			}
			e.early = nil
		}
	}
	switch {
	case e.list == nil:
		b.out, b.own = make([]R, n), true
		return
	case e.count > cap(e.list):
		for len(e.pending) > 0 { // nobody may be writing into it
			e.join()
		}
		old := e.list // grown as append grows a large slice, by a quarter
		e.list = append(makeList[R](max(e.count, cap(old)+cap(old)/4)), old...)
		settleList(old)
	}
	e.list = e.list[:e.count]
	b.out = e.list[b.at:e.count]
}

// start starts the workers, one a core, unless they run.
func (e *elementBatcher[T, R]) start() {
	if e.work != nil {
		return
	}
	workers := runtime.GOMAXPROCS(0)
	e.work = make(chan *batch[R], workers)
	for range workers {
		go func() {
			for b := range e.work {
				e.decode(b)
			}
		}()
	}
}

func isDone[R any](b *batch[R]) bool {
	select {
	case <-b.done:
		return true
	default:
		return false
	}
}

// decode decodes and converts a batch's elements, stopping at the first
// error.
func (e *elementBatcher[T, R]) decode(b *batch[R]) {
	defer close(b.done)
	var elem T
	var arena stringArena
	for i := range b.ends {
		var zero T
		elem = zero
		raw := b.element(i)
		if b.special[i] || e.plain == nil || !e.plain.decode(raw, unsafe.Pointer(&elem), &arena) {
			elem = zero
			if err := decodeElement(raw, b.special[i], &elem); err != nil {
				b.err = e.d.fail(err, e.path)
				return
			}
		}
		if err := e.convert(&elem, &b.out[i]); err != nil {
			b.err = err
			return
		}
	}
}

// join waits for the oldest pending batch; the first error joined is kept.
func (e *elementBatcher[T, R]) join() {
	b := e.pending[0]
	<-b.done
	e.pending[0] = nil
	e.pending = e.pending[1:]
	if e.err == nil {
		e.err = b.err
		e.d.progress.AddItems(int64(len(b.ends)))
	}
	e.free = append(e.free, b.data)
	switch {
	case !b.own || e.err != nil:
	case e.list != nil:
		copy(e.list[b.at:], b.out)
	default:
		e.early = append(e.early, b)
	}
}

// finish decodes what is left and joins every batch. The error is the
// first in document order: an element's, else failed, the decoder's, which
// came after every element it had cut.
func (e *elementBatcher[T, R]) finish(failed error) ([]R, bool, error) {
	defer func() { settleList(e.list) }() // written, or dropped
	if e.work != nil {
		defer close(e.work)
	}
	if e.cur != nil && e.err == nil {
		e.dispatch(false)
	}
	for len(e.pending) > 0 {
		e.join()
	}
	if e.err == nil {
		e.err = failed
	}
	if e.err != nil {
		return nil, false, e.err
	}
	if e.list == nil { // never sized: made now, to size
		e.list = e.makeList(e.count, e.count)[:e.count] // [] is empty, not null
		for _, early := range e.early {
			copy(e.list[early.at:], early.out)
		}
	}
	return e.list, true, nil
}

// minListElement bounds an estimated element count: no list element worth
// keeping is shorter than this many bytes of JSON, so a hostile length
// cannot make an allocation larger than the body warrants.
const minListElement = 16

// estimateAfter is how many elements are cut before the list's length is
// estimated: enough for a fair average size, whatever the first few are
// (an account's oldest tokens, at the start, often have the most scopes).
// Tests make it tiny, to size, grow and copy on short lists.
var estimateAfter = 4096

// sized is the list made for the results to come, once enough elements
// are cut that the bytes they took and the body's length give the count to
// expect (nil before, or without a length): a 100 000-token list is
// allocated once, not a dozen times with each old copy alive while the new
// one fills (append's way), and its first batches do not wait for each
// other while it grows; slack covers elements of uneven size.
func (e *elementBatcher[T, R]) sized() []R {
	read, length := e.d.offset(), e.d.length
	if length <= 0 || read <= 0 || read >= length || e.count < estimateAfter {
		return nil
	}
	bound := int(length / minListElement) // what the body can hold
	estimate := min(int(int64(e.count)*length/read), bound)
	want := min(estimate+estimate/25+16, bound)
	return e.makeList(max(estimate, e.count), max(want, e.count))
}

// makeList is an empty list for at least need results, made for want: the
// one prepared while the server worked if it suits them, else a new one.
func (e *elementBatcher[T, R]) makeList(need, want int) []R {
	if prepared, _ := e.d.prepared.(*preparedList[R]); prepared != nil {
		if list := prepared.take(need, want); list != nil {
			return list
		}
	}
	return makeList[R](want)
}

// decodeElement decodes one element as json.Unmarshal would (the scanner
// has checked only its brackets and strings).
// segmentio's decoder does it several times faster, and its results are
// encoding/json's (FuzzDecodeListMatchesEncodingJSON holds it to that)
// but in two cases, left to encoding/json itself: a key that holds ſ or K
// (U+017F, U+212A), which encoding/json folds to s and k when it matches
// field names, and any error, whose words and field path must be
// encoding/json's.
func decodeElement[T any](raw []byte, special bool, elem *T) error {
	if special && foldsToASCII(raw) { // plain ASCII without escapes holds neither
		return json.Unmarshal(raw, elem)
	}
	if err := segjson.Unmarshal(raw, elem); err != nil {
		var zero T
		*elem = zero
		return json.Unmarshal(raw, elem)
	}
	return nil
}

// foldsToASCII reports whether raw may hold ſ or K, raw or \u-escaped.
func foldsToASCII(raw []byte) bool {
	if bytes.Contains(raw, []byte("\u017f")) || bytes.Contains(raw, []byte("\u212a")) {
		return true
	}
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(`\u`))
		if j < 0 {
			return false
		}
		i += j + 2
		if i+4 <= len(raw) && (bytes.EqualFold(raw[i:i+4], []byte("017f")) || bytes.EqualFold(raw[i:i+4], []byte("212a"))) {
			return true
		}
	}
}
