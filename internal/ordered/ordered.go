// Package ordered runs work on several goroutines and hands the results
// back one at a time in input order, holding few of them at once.
package ordered

import "sync/atomic"

// perJob is the window per worker. A small window stalls the workers
// whenever the taking goroutine falls behind for a moment (a collection, a
// long report write, a wake-up on a busy machine): on 20,000 small files,
// 4 per worker took 7% longer than 16, and 16, 32 and 64 did alike.
const perJob = 16

// Slots bounds how many calls of work run at once: Run's workers and any
// other work that goes through Do (a file linted again while its result
// waits) share them, so that cap(s) is the bound, whoever starts the work.
type Slots chan struct{}

// NewSlots makes n slots, at least one.
func NewSlots(n int) Slots { return make(Slots, max(1, n)) }

// Do calls f once a slot is free, holding it until f returns.
func (s Slots) Do(f func()) {
	s <- struct{}{}
	defer func() { <-s }()
	f()
}

// Run calls work(i) for i in [0, n) on one goroutine per slot, each call
// holding a slot, and take(i, r) with each result on the calling
// goroutine, in order of i, as soon as that result and every one before it
// are done. take may wait for work it hands to s.Do: the workers hold a
// slot only while in work. At most perJob*cap(s) results wait for earlier
// ones, so a run of many inputs holds few results at once, whatever their
// sizes.
func Run[R any](n int, s Slots, work func(i int) R, take func(i int, r R)) {
	if n <= 0 {
		return
	}
	if cap(s) == 0 {
		s = NewSlots(1) // a nil or unbuffered s would never let work start
	}
	jobs := min(cap(s), n)
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
				var r R
				s.Do(func() { r = work(i) })
				done[i%window] <- r
			}
		}()
	}
	for i := range n {
		r := <-done[i%window]
		<-out
		take(i, r)
	}
}
