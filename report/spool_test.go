package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestSpool: text past the memory bound moves to a temporary file that
// is gone from the folder at once, and comes back byte for byte.
func TestSpool(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	for _, n := range []int{0, 10, spoolMemory/100 + 50} {
		var s spool
		var want bytes.Buffer
		for i := range n {
			line := fmt.Sprintf("element %d %s\n", i, bytes.Repeat([]byte{'x'}, i%300))
			want.WriteString(line)
			if _, err := s.WriteString(line); err != nil {
				t.Fatal(err)
			}
		}
		if got := s.Len(); got != int64(want.Len()) {
			t.Errorf("n=%d: Len %d, want %d", n, got, want.Len())
		}
		if spilled := s.file != nil; spilled != (want.Len() > spoolMemory) {
			t.Errorf("n=%d: %d bytes, in a file: %v", n, want.Len(), spilled)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
			t.Errorf("n=%d: the spool is visible in the folder: %v", n, left)
		}
		var got bytes.Buffer
		if err := s.writeTo(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("n=%d: %d bytes back, want %d", n, got.Len(), want.Len())
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}

// TestSpoolWithoutTempDir: where no temporary file can be made, the text
// stays in memory and nothing is lost.
func TestSpoolWithoutTempDir(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	var s spool
	want := bytes.Repeat([]byte("0123456789abcdef\n"), spoolMemory/8)
	if _, err := s.Write(want); err != nil {
		t.Fatal(err)
	}
	if s.file != nil {
		t.Fatal("a temporary file was made in a folder that does not exist")
	}
	var got bytes.Buffer
	if err := s.writeTo(&got); err != nil || !bytes.Equal(got.Bytes(), want) {
		t.Errorf("err %v, %d bytes back, want %d", err, got.Len(), len(want))
	}
}
