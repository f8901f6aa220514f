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
			Run(n, jobs, func(i int) int {
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
	Run(n, 4, func(i int) int {
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
