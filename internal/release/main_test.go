package main

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTarballIsReproducible(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "tool")
	doc := filepath.Join(dir, "doc.md")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, []byte("words\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"idemlint": bin, "README.md": doc}
	mtime := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	a, b := filepath.Join(dir, "a.tar.gz"), filepath.Join(dir, "b.tar.gz")
	if err := writeTarball(a, files, mtime); err != nil {
		t.Fatal(err)
	}
	// Other file times and another run give the same bytes.
	if err := os.Chtimes(doc, time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := writeTarball(b, files, mtime); err != nil {
		t.Fatal(err)
	}
	sa, _ := fileSHA256(a)
	sb, _ := fileSHA256(b)
	if sa != sb {
		t.Errorf("two tarballs of the same files differ: %s %s", sa, sb)
	}

	f, err := os.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header carries time %v, name %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	var got []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !h.ModTime.Equal(mtime) || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: time %v, owner %d:%d %q:%q", h.Name, h.ModTime, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		got = append(got, h.Name+" "+os.FileMode(h.Mode).String())
	}
	if want := "README.md -rw-r--r--,idemlint -rwxr-xr-x"; strings.Join(got, ",") != want {
		t.Errorf("entries %q, want %q", strings.Join(got, ","), want)
	}
}

// checksums.txt is what sha256sum -c reads.
func TestChecksumsFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"idemlint_1.0.0_linux_amd64.tar.gz", "idemlint_1.0.0_darwin_arm64.tar.gz"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("not listed"), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := writeChecksums(dir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "  idemlint_1.0.0_darwin_arm64.tar.gz") || !strings.HasSuffix(lines[1], "  idemlint_1.0.0_linux_amd64.tar.gz") {
		t.Fatalf("checksums.txt:\n%s", text)
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("no sha256sum to check the format with")
	}
	cmd := exec.Command("sha256sum", "--check", "--strict", "checksums.txt")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, out)
	}
	// A changed tarball no longer checks.
	if err := os.WriteFile(filepath.Join(dir, "idemlint_1.0.0_linux_amd64.tar.gz"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Run(); err == nil {
		t.Error("sha256sum -c accepts a changed tarball")
	}
}

func TestAssetName(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":      "idemlint_1.2.3_linux_amd64.tar.gz",
		"v1.2.3-rc.1": "idemlint_1.2.3-rc.1_linux_amd64.tar.gz",
		"v0.0.0-20261205120000-0123456789ab+dirty": "idemlint_0.0.0-20261205120000-0123456789ab-dirty_linux_amd64.tar.gz",
	} {
		if got := assetName(v, "linux", "amd64"); got != want {
			t.Errorf("assetName(%q) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []string{"v1 2", "-v1", "v1;x", "v1'", ""} {
		if validVersion(v) {
			t.Errorf("version %q accepted", v)
		}
	}
}

func TestCheckStatic(t *testing.T) {
	// A Go program without cgo has no interpreter and needs no library.
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	static := filepath.Join(dir, "static")
	build := exec.Command("go", "build", "-o", static, src)
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if err := checkStatic(static); err != nil {
		t.Errorf("a Go program without cgo: %v", err)
	}
	// Debian's shell is linked against libc.
	sh := "/bin/sh"
	if target, err := filepath.EvalSymlinks(sh); err == nil {
		sh = target
	}
	if err := checkStatic(sh); err == nil || !strings.Contains(err.Error(), "dynamically linked") {
		t.Errorf("%s: %v, want dynamically linked", sh, err)
	}
}
