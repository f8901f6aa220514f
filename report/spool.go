package report

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// spoolMemory is how much rendered text a spool keeps in memory before it
// moves to a temporary file: a run's findings would otherwise grow with
// the number of files (20,000 files, 80,000 findings: some 90 MB of JSON).
const spoolMemory = 1 << 20

// spool keeps text that a one-document format (JSON, SARIF) can only
// write after the run: in memory while it is small, then in an unlinked
// temporary file, which the system removes with the process whatever
// happens. Where no temporary file can be made it stays in memory.
type spool struct {
	mem  bytes.Buffer
	file *os.File
	out  *bufio.Writer // to file: elements are small, system calls are not
	// linked is true while the file still has a name to remove (Windows
	// does not unlink an open file).
	linked bool
	err    error
	n      int64
}

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.n += int64(len(p))
	if s.file == nil && s.mem.Len()+len(p) > spoolMemory {
		s.spill()
	}
	if s.file != nil {
		_, s.err = s.out.Write(p)
		return len(p), s.err
	}
	if s.mem.Cap() == 0 {
		// Start at 64 KiB rather than grow from nothing through a dozen
		// copies.
		s.mem.Grow(min(spoolMemory, max(64<<10, len(p))))
	}
	return s.mem.Write(p)
}

func (s *spool) WriteString(str string) (int, error) { return s.Write([]byte(str)) }

// spill moves the text to a temporary file, unlinked at once where the
// system allows it (not on Windows, where close removes it).
func (s *spool) spill() {
	f, err := os.CreateTemp("", "idemlint-*.spool")
	if err != nil {
		return // memory it is
	}
	linked := os.Remove(f.Name()) != nil
	if _, err := f.Write(s.mem.Bytes()); err != nil {
		_ = f.Close()
		if linked {
			_ = os.Remove(f.Name())
		}
		return
	}
	s.file, s.out, s.linked = f, bufio.NewWriterSize(f, 256<<10), linked
	s.mem = bytes.Buffer{}
}

// Len is the number of bytes written.
func (s *spool) Len() int64 { return s.n }

// writeTo copies the text to w and lets the spool go.
func (s *spool) writeTo(w io.Writer) error {
	defer s.close()
	if s.err != nil {
		return s.err
	}
	if s.file == nil {
		_, err := w.Write(s.mem.Bytes())
		return err
	}
	if err := s.out.Flush(); err != nil {
		return err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.file)
	return err
}

func (s *spool) close() {
	if s.file != nil {
		_ = s.file.Close()
		if s.linked {
			_ = os.Remove(s.file.Name())
		}
		s.file, s.out, s.linked = nil, nil, false
	}
	s.mem = bytes.Buffer{}
}
