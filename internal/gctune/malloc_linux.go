//go:build linux && cgo

package gctune

/*
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static int is_glibc(void) {
#ifdef __GLIBC__
	return 1;
#else
	return 0;
#endif
}

// tune_malloc returns 1 when the C library took both settings.
static int tune_malloc(int mmap_threshold, int trim_threshold) {
#ifdef __GLIBC__
	return mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1 && mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1;
#else
	return 0;
#endif
}
*/
import "C"

// isGlibc says whether the C library is glibc's, whose allocator Malloc
// sets.
func isGlibc() bool { return C.is_glibc() == 1 }

func setMalloc(mmapThreshold, trimThreshold int) bool {
	return C.tune_malloc(C.int(mmapThreshold), C.int(trimThreshold)) == 1
}
