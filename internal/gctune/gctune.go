// Package gctune sets the garbage collector for the command's short run.
package gctune

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Percent, Limit and PerByte are the settings Apply and Expect make. A
// run allocates parse trees (libpg_query's protobuf messages, PL/pgSQL
// JSON) that die with their file: the live heap stays small, so
// collecting at every doubling mostly re-scans garbage. Collecting at five
// times the live heap cuts that work by about a third of the run. The
// soft limit brings back frequent collection before a run of many files
// grows the heap: 128 MiB, raised for large files to what their parses
// need (some 64 bytes of heap per byte of SQL being parsed at once), so
// that a 16 MiB file is not slowed by a collector that cannot get under
// the limit.
const (
	Percent = 400
	Limit   = 128 << 20
	PerByte = 64
)

var (
	mu       sync.Mutex
	applied  bool  // Apply set the limit (the environment did not)
	limit    int64 // the limit set
	inflight int64 // bytes of the files whose parses are held now
)

// Apply sets Percent and Limit, except where GOGC or GOMEMLIMIT in the
// environment (read through getenv) already chose. It returns a function
// that restores the previous settings.
func Apply(getenv func(string) string) (restore func()) {
	pct, prev := -2, int64(-1)
	if getenv("GOGC") == "" {
		pct = debug.SetGCPercent(Percent)
	}
	if getenv("GOMEMLIMIT") == "" {
		mu.Lock()
		prev = debug.SetMemoryLimit(Limit)
		applied, limit = true, Limit
		mu.Unlock()
	}
	return func() {
		if pct != -2 {
			debug.SetGCPercent(pct)
		}
		if prev >= 0 {
			mu.Lock()
			debug.SetMemoryLimit(prev)
			applied = false
			mu.Unlock()
		}
	}
}

// Expect raises the limit Apply set, never lowers it, for a file of size
// bytes about to be parsed beside those whose parses are held already:
// each worker holds its own, and a limit made for one large file left two
// of them thrashing the collector (a third of the run on a folder of
// 2 MB files). Call the returned function once the file's parse is let
// go. Safe for concurrent use.
func Expect(size int) (done func()) {
	mu.Lock()
	defer mu.Unlock()
	inflight += int64(size)
	want := int64(Limit) + PerByte*inflight
	if applied && size >= liveCheck {
		// What the run holds besides parses (a folder's results waiting
		// for their history) counts too: under a limit below the live
		// heap the collector ran back to back, for nearly two thirds of
		// the CPU time on 40 Flyway files of 2 MB out of name order.
		want = max(want, liveHeap()+PerByte*int64(size))
	}
	if applied && want > limit {
		limit = want
		debug.SetMemoryLimit(want)
	}
	return func() {
		mu.Lock()
		inflight -= int64(size)
		mu.Unlock()
	}
}

// MmapThreshold and TrimThreshold are the C allocator's settings Malloc
// makes. libpg_query builds each file's parse in C memory, its JSON output
// in a buffer that doubles as it grows, and frees it all when the file is
// done. glibc's defaults map blocks over 128 KiB afresh and return the top
// of its heap to the system past a threshold that only its own mapped
// blocks raise, so the next file's parse faults the same pages in again:
// on PostgreSQL's regression suite about a quarter of the run's page
// faults, and 4% to 9% of its time. Blocks up to 32 MiB (glibc's own
// ceiling for its moving threshold) now come from the heap, and up to
// 64 MiB of free heap is kept for the next file.
const (
	MmapThreshold = 32 << 20
	TrimThreshold = 64 << 20
)

// Malloc sets MmapThreshold and TrimThreshold in glibc's allocator, unless
// GLIBC_TUNABLES in the environment (read through getenv) already chose;
// it reports whether it set them. It does nothing with another C library,
// and cannot be undone: it is for a command's whole run.
func Malloc(getenv func(string) string) bool {
	if getenv("GLIBC_TUNABLES") != "" {
		return false
	}
	return setMalloc(MmapThreshold, TrimThreshold)
}

// liveCheck is the smallest file for which Expect reads the live heap:
// reading it costs more than a small file's parse is worth.
const liveCheck = 256 << 10

// liveHeap is the heap the last collection found live (a variable for
// tests).
var liveHeap = func() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}
