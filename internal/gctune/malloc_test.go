package gctune

import "testing"

// The settings' effect is a matter of speed, which the bench measures
// (internal/bench, on PostgreSQL's regression suite); this holds the
// conditions Malloc sets them under.
func TestMalloc(t *testing.T) {
	if Malloc(func(k string) string { return map[string]string{"GLIBC_TUNABLES": "glibc.malloc.arena_max=1"}[k] }) {
		t.Error("Malloc set the allocator although GLIBC_TUNABLES chose")
	}
	if got := Malloc(func(string) string { return "" }); got != isGlibc() {
		t.Errorf("Malloc reported %v; the C library is glibc's: %v", got, isGlibc())
	}
}
