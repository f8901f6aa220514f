//go:build !linux || !cgo

package gctune

// isGlibc is false: without cgo on Linux there is no glibc to set.
func isGlibc() bool { return false }

func setMalloc(int, int) bool { return false }
