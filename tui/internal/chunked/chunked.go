// Package chunked writes a long output (list --json, list's table, an
// export) made in chunks on every core, in order.
package chunked

import (
	"io"
	"runtime"
	"sync"
)

// Chunk c is made by worker c % the workers, which makes its chunks in
// order into two buffers of its own and hands them over in order, so at
// most two chunks a core are in memory and a later chunk can never take an
// earlier one's place.

// Render appends chunk c of the output to buf. Each worker has its own
// (newRenderer), so it may keep state.
type Render func(buf []byte, c int) []byte

// Write writes head, chunks 0 to n-1 as newRenderer's renderers make
// them, and tail.
func Write(w io.Writer, head string, n int, newRenderer func() Render, tail string) error {
	workers := make([]chunkWorker, max(min(runtime.GOMAXPROCS(0), n), 1))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for k := range workers {
		cw := &workers[k]
		cw.free, cw.ready = make(chan []byte, 2), make(chan []byte, 2)
		cw.free <- nil
		cw.free <- nil
		wg.Go(func() {
			render := newRenderer()
			for c := k; c < n; c += len(workers) {
				select {
				case buf := <-cw.free:
					cw.ready <- render(buf[:0], c)
				case <-stop:
					return
				}
			}
		})
	}
	err := writeInOrder(w, head, n, workers, tail)
	close(stop)
	wg.Wait()
	return err
}

// chunkWorker is one core's part: its made chunks, in order, and its free
// buffers.
type chunkWorker struct {
	free, ready chan []byte
}

// writeInOrder writes the chunks in order as they are ready, and hands
// each buffer back.
func writeInOrder(w io.Writer, head string, n int, workers []chunkWorker, tail string) error {
	if _, err := io.WriteString(w, head); err != nil {
		return err
	}
	for c := range n {
		cw := &workers[c%len(workers)]
		buf := <-cw.ready
		if _, err := w.Write(buf); err != nil {
			return err
		}
		cw.free <- buf
	}
	_, err := io.WriteString(w, tail)
	return err
}
