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
