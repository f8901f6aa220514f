// Package ordered runs work on several goroutines and hands the results
// back one at a time in input order, holding few of them at once.
package ordered

import "sync/atomic"

// perJob is the window per worker. A small window stalls the workers
// whenever the taking goroutine falls behind for a moment (a collection, a
// long report write, a wake-up on a busy machine): on 20,000 small files,
// 4 per worker took 7% longer than 16, and 16, 32 and 64 did alike.
const perJob = 16

// Run calls work(i) for i in [0, n) on jobs goroutines and take(i, r)
// with each result on the calling goroutine, in order of i, as soon as
// that result and every one before it are done. At most perJob*jobs
// results wait for earlier ones, so a run of many inputs holds few results
// at once, whatever their sizes.
func Run[R any](n, jobs int, work func(i int) R, take func(i int, r R)) {
	if n <= 0 {
		return
	}
	jobs = min(max(1, jobs), n)
	window := min(perJob*jobs, n)
	// Result i goes through slot i % window. A worker takes an index only
	// while fewer than window results are out (taken and not yet handed
	// over), so slot i % window is empty by then: result i-window has
	// been handed over. Workers take the next index from a counter rather
	// than from a goroutine that feeds them, which saves two hand-offs
	// between goroutines per input.
	done := make([]chan R, window)
	for i := range done {
		done[i] = make(chan R, 1)
	}
	out := make(chan struct{}, window)
	var next atomic.Int64
	for range jobs {
		go func() {
			for {
				out <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= n {
					<-out
					return
				}
				done[i%window] <- work(i)
			}
		}()
	}
	for i := range n {
		r := <-done[i%window]
		<-out
		take(i, r)
	}
}
