// Package gctune sets the garbage collector for the command's short run.
package gctune

import "runtime/debug"

// Percent and Limit are the settings Apply makes. A run allocates parse
// trees (libpg_query's protobuf messages, PL/pgSQL JSON) that die with
// their file: the live heap stays small, so collecting at every doubling
// mostly re-scans garbage. Collecting at five times the live heap cuts
// that work by about a third of the run; the soft limit brings back
// frequent collection should a huge input make the heap large.
const (
	Percent = 400
	Limit   = 1 << 30
)

// Apply sets Percent and Limit, except where GOGC or GOMEMLIMIT in the
// environment (read through getenv) already chose. It returns a function
// that restores the previous settings.
func Apply(getenv func(string) string) (restore func()) {
	pct, limit := -2, int64(-1)
	if getenv("GOGC") == "" {
		pct = debug.SetGCPercent(Percent)
	}
	if getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(Limit)
	}
	return func() {
		if pct != -2 {
			debug.SetGCPercent(pct)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
