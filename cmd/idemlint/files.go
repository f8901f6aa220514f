package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// input is one file to lint: a path, or standard input.
type input struct {
	path  string // as shown to the user
	stdin bool
	// editedAt is set under --new-since --warn-edited for a file that
	// existed at the revision and has changed since: the line of its first
	// change. Such a file is reported, not linted.
	editedAt int
}

// stdinPath names standard input when --stdin-filename is not given.
const stdinPath = "<stdin>"

// discover expands the command line into files in a stable order: files
// as given, directories walked in lexical order for *.sql, skipping hidden
// entries and not following directory symlinks. Problems with a path are
// reported through fail and do not stop the others. Paths the
// configuration excludes are skipped, walked or named: pre-commit and
// --new-since name files one by one, and an exclude must hold there too.
func discover(args []string, stdinName string, fail func(error), excluded func(string) bool) []input {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		key := in.path
		if !in.stdin {
			key = "file:" + filepath.Clean(in.path)
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, in)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			name := stdinName
			if name == "" {
				name = stdinPath
			}
			if stdinName == "" || !excluded(stdinName) {
				add(input{path: name, stdin: true})
			}
			continue
		}
		if excluded(arg) {
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			fail(err)
			continue
		}
		if !fi.IsDir() {
			add(input{path: arg})
			continue
		}
		root := arg
		if li, err := os.Lstat(arg); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// Given by name, a symlink to a directory is walked; one met
			// during a walk is not.
			root = arg + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fail(err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p == root {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || excluded(p) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(name), ".sql") {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				fi, err := os.Stat(p)
				if err != nil {
					fail(err)
					return nil
				}
				if !fi.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			add(input{path: p})
			return nil
		})
		if err != nil {
			fail(err)
		}
	}
	return out
}

// withoutOp drops the system call's name from a path error: a user who
// named a missing file wants "x.sql: no such file or directory", not
// "stat x.sql: ...".
func withoutOp(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// read loads a file, at most limit+1 bytes of it: enough to tell that it
// is too large without reading all of it.
func read(in input, stdin io.Reader, limit int64) ([]byte, error) {
	var r io.Reader
	if in.stdin {
		r = stdin
	} else {
		// O_NONBLOCK: a FIFO named on the command line must not hang the
		// run in open(2) waiting for a writer that never comes.
		fd, err := syscall.Open(in.path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: in.path, Err: err}
		}
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
			defer syscall.Close(fd)
			b, err := readRegular(fd, st.Size, limit)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", in.path, err)
			}
			return b, nil
		}
		// Anything else (a FIFO, a device) is read through the runtime's
		// poller, which waits for it.
		f := os.NewFile(uintptr(fd), in.path)
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.path, err)
	}
	return b, nil
}

// readRegular reads a regular file of the given size, at most limit+1
// bytes, into one buffer: a migration is read in one system call, since a
// read that returns less than asked has met the end of a regular file. A
// file that grows as it is read is read on, up to the limit.
func readRegular(fd int, size, limit int64) ([]byte, error) {
	b := make([]byte, 0, min(max(size, 0), limit)+1)
	for int64(len(b)) <= limit {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		want := min(int64(cap(b)-len(b)), limit+1-int64(len(b)))
		n, err := syscall.Read(fd, b[len(b):len(b)+int(want)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		b = b[:len(b)+n]
		if int64(n) < want {
			break
		}
	}
	return b, nil
}

// checkInput finds the first byte that keeps a file from being linted:
// a NUL byte (binary content), invalid UTF-8, or the byte past the size
// limit. ok is false when the file cannot be linted; help is then set
// when the rule's own help does not fit.
func checkInput(src []byte, limit int64) (off int, msg, help string, ok bool) {
	off, ok = -1, true
	body := src
	if int64(len(src)) > limit {
		body = src[:limit]
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		off, msg, ok = i, "the file contains a NUL byte: it looks binary, not SQL text", false
		body = body[:i]
	}
	if i := invalidUTF8(body, int64(len(src)) > limit); i >= 0 {
		off, msg, ok = i, fmt.Sprintf("byte 0x%02x is not valid UTF-8", body[i]), false
	}
	if ok && int64(len(src)) > limit {
		size := byteSize(limit)
		off, msg, ok = int(limit), fmt.Sprintf("the file is larger than --max-file-size (%s)", size.String()), false
		help = "raise --max-file-size if this really is one migration, or leave the file out"
	}
	if !ok {
		msg += "; skipped"
	}
	return off, msg, help, ok
}

// invalidUTF8 returns the offset of the first byte that is not valid
// UTF-8, or -1. When the text was cut short, a sequence broken by the cut
// does not count.
func invalidUTF8(b []byte, cut bool) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if cut && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += n
	}
	return -1
}

// invalidScript is what a skipped file shows: its text, so that the
// finding's line and column can be computed, and no statements.
func invalidScript(path string, src []byte, off int, msg, help string, cfg *rules.Config) (*model.Script, []rules.Finding) {
	s := &model.Script{Path: path, Source: src, Lines: model.NewLines(src)}
	if help == "" {
		help = rules.InvalidInput.Help
	}
	f := rules.Finding{Rule: rules.InvalidInput, Severity: cfg.SeverityOf(rules.InvalidInput), Message: msg,
		Help: help, Span: model.Span{Start: off, End: min(off+1, len(src))}}
	return s, []rules.Finding{f}
}
