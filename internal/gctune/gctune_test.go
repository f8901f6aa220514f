package gctune

import (
	"runtime/debug"
	"testing"
)

func TestApplyAndRestore(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)

	restore := Apply(func(string) string { return "" })
	if got := debug.SetGCPercent(Percent); got != Percent {
		t.Errorf("GC percent %d after Apply, want %d", got, Percent)
	}
	if got := debug.SetMemoryLimit(-1); got != Limit {
		t.Errorf("memory limit %d after Apply, want %d", got, Limit)
	}
	restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d after restore, want 150", got)
	}
}

func TestApplyLeavesTheEnvironmentsChoice(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)

	restore := Apply(func(k string) string { return map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}[k] })
	defer restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d with GOGC set, want it left at 150", got)
	}
}

func TestExpectRaisesTheLimitForLargeFiles(t *testing.T) {
	restore := Apply(func(string) string { return "" })
	defer restore()
	Expect(1 << 10)() // a small file: little above the base limit
	if got, want := debug.SetMemoryLimit(-1), int64(Limit)+PerByte<<10; got != want {
		t.Errorf("limit %d after a small file, want %d", got, want)
	}
	done := Expect(16 << 20)
	want := int64(Limit) + PerByte*16<<20
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Errorf("limit %d after a 16 MiB file, want %d", got, want)
	}
	// A second worker's file while the first is held: room for both.
	done2 := Expect(16 << 20)
	want = int64(Limit) + PerByte*32<<20
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Errorf("limit %d with two 16 MiB files held, want %d", got, want)
	}
	done()
	done2()
	Expect(1 << 20)() // never lowered
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Errorf("limit %d after a smaller file, want it kept at %d", got, want)
	}
	// Files let go no longer count: one more 16 MiB file alone needs no more.
	Expect(16 << 20)()
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Errorf("limit %d after the files were let go, want it kept at %d", got, want)
	}
}

func TestExpectLeavesTheEnvironmentsLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	restore := Apply(func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] })
	defer restore()
	Expect(64 << 20)()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d with GOMEMLIMIT set, want it left at %d", got, before)
	}
}

// TestExpectMakesRoomAboveTheLiveHeap: a large file's parse gets its room
// above what the run already holds, not above the base limit alone.
func TestExpectMakesRoomAboveTheLiveHeap(t *testing.T) {
	restore := Apply(func(string) string { return "" })
	defer restore()
	defer func(f func() int64) { liveHeap = f }(liveHeap)
	liveHeap = func() int64 { return 1 << 30 }
	Expect(liveCheck - 1)() // a small file: the live heap is not read
	if got, want := debug.SetMemoryLimit(-1), int64(Limit)+PerByte*(liveCheck-1); got != want {
		t.Errorf("limit %d after a small file, want %d", got, want)
	}
	Expect(1 << 20)()
	if got, want := debug.SetMemoryLimit(-1), int64(1<<30)+PerByte<<20; got != want {
		t.Errorf("limit %d for a 1 MiB file with 1 GiB live, want %d", got, want)
	}
}
