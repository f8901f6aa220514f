package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNotFixed wraps every Write error after which the file is untouched.
var ErrNotFixed = errors.New("not fixed")

// ErrChanged is the Write error for a file that no longer holds the text
// that was linted: someone edited it while idemlint ran.
var ErrChanged = errors.New("the file changed while idemlint ran; run again")

// keepBits are the mode bits a rewritten file keeps.
const keepBits = os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky

// beforeReplace runs after the new text is ready and before the final
// comparison; tests use it to change the file at the worst moment.
var beforeReplace func()

// Write replaces the content of the file at path with data, provided the
// file still holds orig, the bytes that were linted. A symbolic link is
// followed to its target. The file keeps its owner, group and mode
// (setuid, setgid and sticky bits included), and the new text is on disk
// (fsynced, with the directory) when Write returns nil. An error wraps
// ErrNotFixed when the file is untouched, and then no temporary file is
// left behind either. Errors do not name the file: the caller does,
// escaped for where it prints.
//
// Normally the new text goes to a temporary file beside the target that
// is renamed over it, so a crash leaves either the old or the new file.
// Two cases write in place instead (same inode, rewritten and fsynced),
// since a rename would give the name a new inode: a file with several
// hard links (the other names would keep the old text), and a file whose
// owner, group or mode the temporary file cannot be given (idemlint is
// not root and the file belongs to someone else). A crash during an
// in-place write can leave the file half written.
func Write(path string, orig, data []byte) error {
	touched, err := write(path, orig, data)
	if err == nil {
		return nil
	}
	if err = unnamed(err); !touched {
		return fmt.Errorf("%w: %w", ErrNotFixed, err)
	}
	return err
}

// unnamed drops the file names that os errors carry: they come from the
// file system, unescaped, and the caller names the file anyway.
func unnamed(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %w", le.Op, le.Err)
	}
	return err
}

func write(path string, orig, data []byte) (touched bool, err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false, err
	}
	// O_NONBLOCK: a FIFO swapped in for the file must not hang the run.
	r, err := os.OpenFile(target, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false, err
	}
	defer r.Close()
	fi, err := r.Stat()
	if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() {
		return false, errors.New("not a regular file")
	}
	if err := unchanged(r, orig); err != nil {
		return false, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false, errors.New("cannot read the file's owner")
	}
	if st.Nlink > 1 {
		return writeInPlace(target, r, fi, orig, data)
	}

	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, ".idemlint-*.tmp")
	if err != nil {
		return false, err
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return false, err
	}
	if !sameOwnerAndMode(tmp, st, fi.Mode()) {
		// The temporary file cannot look like the original: idemlint may
		// write to the file but not own it. Rewriting the file itself
		// keeps owner, group and mode.
		return writeInPlace(target, r, fi, orig, data)
	}
	if err := tmp.Sync(); err != nil {
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	if beforeReplace != nil {
		beforeReplace()
	}
	// The last look before the rename: the same single-link inode with
	// the same text. An edit saved after this check and before the rename
	// is lost; the window is two system calls wide, and nothing short of
	// a lock that every editor honours closes it.
	if err := stillSame(target, fi, orig); err != nil {
		return false, err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return false, err
	}
	renamed = true
	return true, syncDir(dir)
}

// sameOwnerAndMode gives the temporary file the original's owner, group
// and mode, and reports whether they took. chown comes first: it clears
// the setuid and setgid bits that chmod then sets again.
func sameOwnerAndMode(tmp *os.File, st *syscall.Stat_t, mode os.FileMode) bool {
	tfi, err := tmp.Stat()
	if err != nil {
		return false
	}
	tst, ok := tfi.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	if os.Geteuid() == 0 || tst.Uid != st.Uid || tst.Gid != st.Gid {
		if tmp.Chown(int(st.Uid), int(st.Gid)) != nil {
			return false
		}
	}
	if tmp.Chmod(mode&keepBits) != nil {
		return false
	}
	// The kernel may quietly drop a bit (setgid for a group the process is
	// not in): check what the file really has.
	tfi, err = tmp.Stat()
	if err != nil {
		return false
	}
	if tst, ok = tfi.Sys().(*syscall.Stat_t); !ok {
		return false
	}
	return tst.Uid == st.Uid && tst.Gid == st.Gid && tfi.Mode()&keepBits == mode&keepBits
}

// writeInPlace rewrites the inode that r has open: new text over the old,
// then the excess cut off, so the file is never empty on the way.
func writeInPlace(target string, r *os.File, fi os.FileInfo, orig, data []byte) (touched bool, err error) {
	w, err := os.OpenFile(target, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false, err
	}
	defer w.Close()
	wfi, err := w.Stat()
	if err != nil {
		return false, err
	}
	if !os.SameFile(fi, wfi) {
		return false, ErrChanged
	}
	if beforeReplace != nil {
		beforeReplace()
	}
	// The last look, through the descriptor the original was read with
	// (the inode w writes). An edit saved between this check and the
	// write below is lost; the window is one system call wide.
	if err := unchanged(r, orig); err != nil {
		return false, err
	}
	if _, err := w.WriteAt(data, 0); err != nil {
		return true, halfWritten(err)
	}
	if err := w.Truncate(int64(len(data))); err != nil {
		return true, halfWritten(err)
	}
	if err := w.Sync(); err != nil {
		return true, halfWritten(err)
	}
	// Writing as an unprivileged user clears setuid (and setgid with
	// group execute): put them back.
	if nfi, err := w.Stat(); err == nil && nfi.Mode()&keepBits != fi.Mode()&keepBits {
		if err := w.Chmod(fi.Mode() & keepBits); err != nil {
			return true, fmt.Errorf("the text is fixed but the mode changed from %v to %v: %w", fi.Mode()&keepBits, nfi.Mode()&keepBits, unnamed(err))
		}
	}
	return true, nil
}

func halfWritten(err error) error {
	return fmt.Errorf("rewriting the file in place failed; it may be half written, restore it from version control: %w", unnamed(err))
}

// stillSame checks that target is still the inode fi describes, with one
// link, and holds orig.
func stillSame(target string, fi os.FileInfo, orig []byte) error {
	f, err := os.OpenFile(target, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	nfi, err := f.Stat()
	if err != nil {
		return err
	}
	if !os.SameFile(fi, nfi) {
		return ErrChanged
	}
	if st, ok := nfi.Sys().(*syscall.Stat_t); !ok || st.Nlink != 1 {
		return ErrChanged
	}
	return unchanged(f, orig)
}

// unchanged reads the file from its start and compares it with orig.
func unchanged(f *os.File, orig []byte) error {
	// One byte more than orig tells a file that grew.
	got, err := io.ReadAll(io.NewSectionReader(f, 0, int64(len(orig))+1))
	if err != nil {
		return err
	}
	if !bytes.Equal(got, orig) {
		return ErrChanged
	}
	return nil
}

// syncDir makes the rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		// Some file systems cannot sync a directory (EINVAL); the rename
		// has happened all the same.
		return fmt.Errorf("the text is fixed but the directory could not be synced: %w", unnamed(err))
	}
	return nil
}
