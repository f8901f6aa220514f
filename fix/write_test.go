package fix

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

const (
	before = "CREATE TABLE t (id int);\n"
	after  = "CREATE TABLE IF NOT EXISTS t (id int);\n"
)

// file writes content to dir/name with mode and returns its path.
func file(t *testing.T, dir, name, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func content(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists a directory, so that a test sees a temporary file left over.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	sort.Strings(want)
	if got := names(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("directory holds %q, want %q (a temporary file left behind?)", got, want)
	}
}

func stat(t *testing.T, p string) (os.FileInfo, *syscall.Stat_t) {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi, fi.Sys().(*syscall.Stat_t)
}

// hook sets beforeReplace for one test.
func hook(t *testing.T, fn func()) {
	t.Cleanup(func() { beforeReplace = nil })
	beforeReplace = fn
}

func TestWriteReplacesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := file(t, dir, "m.sql", before, 0o640)
	if err := Write(p, []byte(before), []byte(after)); err != nil {
		t.Fatal(err)
	}
	if got := content(t, p); got != after {
		t.Errorf("file holds %q, want %q", got, after)
	}
	if fi, _ := stat(t, p); fi.Mode() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode())
	}
	onlyFiles(t, dir, "m.sql")
}

// A file edited after it was linted is left alone, whether the edit came
// before Write started or at the last moment, and whichever way Write
// would have written it.
func TestWriteRefusesAChangedFile(t *testing.T) {
	appended := before + "CREATE TABLE u (id int);\n"
	check := func(t *testing.T, p, want string, err error) {
		t.Helper()
		if !errors.Is(err, ErrChanged) || !errors.Is(err, ErrNotFixed) {
			t.Fatalf("Write = %v, want ErrChanged and ErrNotFixed", err)
		}
		if got := content(t, p); got != want {
			t.Errorf("file holds %q, want it untouched: %q", got, want)
		}
	}
	t.Run("before Write", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", appended, 0o644)
		check(t, p, appended, Write(p, []byte(before), []byte(after)))
		onlyFiles(t, dir, "m.sql")
	})
	t.Run("shorter", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", before[:10], 0o644)
		check(t, p, before[:10], Write(p, []byte(before), []byte(after)))
	})
	t.Run("line appended before the rename", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", before, 0o644)
		hook(t, func() { appendLine(t, p) })
		check(t, p, appended, Write(p, []byte(before), []byte(after)))
		onlyFiles(t, dir, "m.sql")
	})
	t.Run("replaced by an editor before the rename", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", before, 0o644)
		hook(t, func() {
			// Same text, new inode: an editor's save by rename.
			file(t, dir, "new", before, 0o644)
			if err := os.Rename(filepath.Join(dir, "new"), p); err != nil {
				t.Fatal(err)
			}
		})
		check(t, p, before, Write(p, []byte(before), []byte(after)))
		onlyFiles(t, dir, "m.sql")
	})
	t.Run("line appended before an in-place write", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", before, 0o644)
		if err := os.Link(p, filepath.Join(dir, "link.sql")); err != nil {
			t.Fatal(err)
		}
		hook(t, func() { appendLine(t, p) })
		check(t, p, appended, Write(p, []byte(before), []byte(after)))
		onlyFiles(t, dir, "m.sql", "link.sql")
	})
}

func appendLine(t *testing.T, p string) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("CREATE TABLE u (id int);\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// Root rewriting another user's file keeps its owner, group and every
// mode bit.
func TestWriteKeepsOwnerGroupAndSpecialBits(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the file to another user (CI runs as root)")
	}
	for _, mode := range []os.FileMode{0o644 | os.ModeSetgid, 0o755 | os.ModeSetuid, 0o644 | os.ModeSticky, 0o400} {
		t.Run(mode.String(), func(t *testing.T) {
			dir := t.TempDir()
			p := file(t, dir, "m.sql", before, 0o644)
			if err := os.Chown(p, 4321, 8765); err != nil {
				t.Fatal(err)
			}
			// chown clears setuid and setgid: set the mode after it.
			if err := os.Chmod(p, mode); err != nil {
				t.Fatal(err)
			}
			fi0, _ := stat(t, p)
			if err := Write(p, []byte(before), []byte(after)); err != nil {
				t.Fatal(err)
			}
			if got := content(t, p); got != after {
				t.Errorf("file holds %q", got)
			}
			fi, st := stat(t, p)
			if st.Uid != 4321 || st.Gid != 8765 || fi.Mode() != mode {
				t.Errorf("owner %d:%d mode %v, want 4321:8765 %v", st.Uid, st.Gid, fi.Mode(), mode)
			}
			// Root can give the new file everything: the atomic rename,
			// not the in-place fallback, did the work.
			if os.SameFile(fi0, fi) {
				t.Error("the file was rewritten in place, not replaced")
			}
			onlyFiles(t, dir, "m.sql")
		})
	}
}

// A file with two names gets the new text under both: it is rewritten in
// place, not replaced by a new inode.
func TestWriteKeepsHardLinks(t *testing.T) {
	dir := t.TempDir()
	p := file(t, dir, "m.sql", before+before, 0o644)
	other := filepath.Join(dir, "other.sql")
	if err := os.Link(p, other); err != nil {
		t.Fatal(err)
	}
	// Shorter than before: the old tail must be cut off.
	if err := Write(p, []byte(before+before), []byte(after)); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{p, other} {
		if got := content(t, n); got != after {
			t.Errorf("%s holds %q, want %q", filepath.Base(n), got, after)
		}
	}
	fa, sa := stat(t, p)
	fb, _ := stat(t, other)
	if !os.SameFile(fa, fb) || sa.Nlink != 2 {
		t.Errorf("the names no longer share one inode (links %d)", sa.Nlink)
	}
	onlyFiles(t, dir, "m.sql", "other.sql")
}

// A symbolic link stays a link; its target gets the text.
func TestWriteFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := file(t, filepath.Join(dir, "real"), "m.sql", before, 0o640)
	link := filepath.Join(dir, "m.sql")
	if err := os.Symlink("real/m.sql", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte(before), []byte(after)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if got := content(t, target); got != after {
		t.Errorf("target holds %q", got)
	}
	if fi, _ := stat(t, target); fi.Mode() != 0o640 {
		t.Errorf("target mode %v, want 0640", fi.Mode())
	}
	onlyFiles(t, filepath.Join(dir, "real"), "m.sql")
}

// Every failure leaves the file as it was and no temporary file behind.
func TestWriteCleansUpOnFailure(t *testing.T) {
	t.Run("file removed before the rename", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", before, 0o644)
		hook(t, func() {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		})
		if err := Write(p, []byte(before), []byte(after)); !errors.Is(err, ErrNotFixed) {
			t.Fatalf("Write = %v, want ErrNotFixed", err)
		}
		onlyFiles(t, dir)
	})
	t.Run("hard link added before the rename", func(t *testing.T) {
		dir := t.TempDir()
		p := file(t, dir, "m.sql", before, 0o644)
		hook(t, func() {
			if err := os.Link(p, filepath.Join(dir, "late.sql")); err != nil {
				t.Fatal(err)
			}
		})
		if err := Write(p, []byte(before), []byte(after)); !errors.Is(err, ErrChanged) {
			t.Fatalf("Write = %v, want ErrChanged", err)
		}
		onlyFiles(t, dir, "late.sql", "m.sql")
	})
	t.Run("not a regular file", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "fifo.sql")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		if err := Write(p, nil, []byte(after)); !errors.Is(err, ErrNotFixed) {
			t.Fatalf("Write = %v, want ErrNotFixed", err)
		}
		onlyFiles(t, dir, "fifo.sql")
	})
	t.Run("missing", func(t *testing.T) {
		dir := t.TempDir()
		err := Write(filepath.Join(dir, "gone.sql"), []byte(before), []byte(after))
		if !errors.Is(err, ErrNotFixed) || strings.Contains(err.Error(), dir) {
			t.Fatalf("Write = %v, want ErrNotFixed without the file name", err)
		}
		onlyFiles(t, dir)
	})
}

// An unprivileged user who may write another user's file but not give a
// new file to that user gets the file rewritten in place: its owner stays.
// The test runs itself again as nobody.
func TestWriteInPlaceWhenOwnerCannotBeKept(t *testing.T) {
	if p := os.Getenv("IDEMLINT_TEST_WRITE_AS"); p != "" {
		if err := Write(p, []byte(before), []byte(after)); err != nil {
			t.Fatal(err)
		}
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a process as another user (CI runs as root)")
	}
	dir := t.TempDir()
	// The directory and the file are open to anyone: only the owner of a
	// new file would differ.
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(dir); d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	p := file(t, dir, "m.sql", before, 0o666)
	if err := os.Chown(p, 4321, 8765); err != nil {
		t.Fatal(err)
	}
	fi0, _ := stat(t, p)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary may sit where nobody cannot reach it: copy it.
	bin := filepath.Join(t.TempDir(), "fix.test")
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run", "^TestWriteInPlaceWhenOwnerCannotBeKept$")
	cmd.Env = append(os.Environ(), "IDEMLINT_TEST_WRITE_AS="+p)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("writing as nobody: %v\n%s", err, out)
	}
	if got := content(t, p); got != after {
		t.Errorf("file holds %q", got)
	}
	fi, st := stat(t, p)
	if st.Uid != 4321 || st.Gid != 8765 || fi.Mode() != 0o666 || !os.SameFile(fi0, fi) {
		t.Errorf("owner %d:%d mode %v same inode %v; want 4321:8765 0666, same inode", st.Uid, st.Gid, fi.Mode(), os.SameFile(fi0, fi))
	}
	onlyFiles(t, dir, "m.sql")
}
