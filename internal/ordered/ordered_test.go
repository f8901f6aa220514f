package ordered

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunInOrder gives inputs uneven, random durations, so that workers
// overtake each other, and checks that every result comes back once, in
// order, with its own value, and that no more than the window are out.
func TestRunInOrder(t *testing.T) {
	for _, jobs := range []int{1, 2, 3, 8} {
		for _, n := range []int{0, 1, 2, 5, 37, 300} {
			var running, most atomic.Int64
			got := 0
			Run(n, NewSlots(jobs), func(i int) int {
				m := running.Add(1)
				for {
					old := most.Load()
					if m <= old || most.CompareAndSwap(old, m) {
						break
					}
				}
				if rand.IntN(4) == 0 {
					time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
				}
				return i * 7
			}, func(i, r int) {
				running.Add(-1)
				if i != got || r != i*7 {
					t.Fatalf("jobs %d, n %d: got input %d with %d, want input %d with %d", jobs, n, i, r, got, got*7)
				}
				got++
			})
			if got != n {
				t.Fatalf("jobs %d, n %d: %d results handed over", jobs, n, got)
			}
			if w := int64(perJob * max(1, jobs)); most.Load() > w {
				t.Errorf("jobs %d, n %d: %d results out at once, more than the window of %d", jobs, n, most.Load(), w)
			}
		}
	}
}

// TestRunSlowFirst holds the first input back until every other worker
// has had time to run far ahead: a worker must not take an index whose
// slot still waits for an earlier result.
func TestRunSlowFirst(t *testing.T) {
	const n = 200
	got := 0
	Run(n, NewSlots(4), func(i int) int {
		if i%50 == 0 {
			time.Sleep(20 * time.Millisecond)
		}
		return i
	}, func(i, r int) {
		if i != got || r != i {
			t.Fatalf("got input %d with result %d, want %d", i, r, got)
		}
		got++
	})
	if got != n {
		t.Fatalf("%d results handed over, want %d", got, n)
	}
}

// TestRunSharesSlots hands every third result to other work through Do,
// as the historian does with a file it lints again, and waits for it in
// take: the run must finish, and no more than the slots may be busy at
// once, counting work and Do alike.
func TestRunSharesSlots(t *testing.T) {
	for _, jobs := range []int{1, 2, 3} {
		s := NewSlots(jobs)
		var busy, most atomic.Int64
		hold := func() {
			m := busy.Add(1)
			for {
				old := most.Load()
				if m <= old || most.CompareAndSwap(old, m) {
					break
				}
			}
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			busy.Add(-1)
		}
		got := 0
		Run(300, s, func(i int) int {
			hold()
			return i
		}, func(i, r int) {
			if i%3 == 0 {
				again := make(chan int, 1)
				go s.Do(func() {
					hold()
					again <- r
				})
				r = <-again
			}
			if i != got || r != i {
				t.Fatalf("jobs %d: got input %d with %d, want %d", jobs, i, r, got)
			}
			got++
		})
		if got != 300 {
			t.Fatalf("jobs %d: %d results handed over, want 300", jobs, got)
		}
		if most.Load() > int64(jobs) {
			t.Errorf("jobs %d: %d calls busy at once, more than the %d slots", jobs, most.Load(), jobs)
		}
	}
}
