// Command release builds idemlint's release artifacts for one platform:
//
//	go run ./internal/release                  # dist/idemlint_<version>_<os>_<arch>.tar.gz and dist/checksums.txt
//	go run ./internal/release -version v1.2.3  # stamp another version than git's
//	go run ./internal/release -sum             # only rewrite dist/checksums.txt from the tarballs in dist
//	go run ./internal/release -changelog       # the release notes: commits since the previous tag
//
// Both commands (idemlint and idemlint-vet) are built with cgo, stripped,
// with -trimpath, the version and commit stamped into idemlint (idemlint
// version). On Linux they are linked statically (glibc's libc.a, with the
// netgo and osusergo tags so that no glibc lookup needs NSS at run time),
// so one binary runs on Alpine and on an old Ubuntu alike; the tool checks
// the ELF file has no interpreter and no needed libraries. The tarball is
// byte for byte the same for the same commit and toolchain (sorted entries,
// the commit's time, no owner names, no gzip timestamp). checksums.txt
// lists the SHA-256 of every tarball in the output folder, in the format
// sha256sum -c reads.
//
// It builds for the machine it runs on; -goos/-goarch with a cross C
// compiler in CC build for another (the Dockerfile does, for arm64 images).
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The commands in each tarball, and the documents beside them.
var (
	commands = []string{"idemlint", "idemlint-vet"}
	docs     = []string{"LICENSE", "README.md"}
)

// staticWarning is what GNU ld prints when a static glibc binary would
// still load NSS modules at run time (getaddrinfo, getpwnam ...): such a
// binary breaks on another glibc or on musl, so the build fails on it.
const staticWarning = "in statically linked applications requires at runtime"

func main() {
	var o options
	flag.StringVar(&o.out, "out", "dist", "output folder")
	flag.StringVar(&o.version, "version", "", "version to stamp (default: the tag at HEAD, else a pseudo-version of the commit)")
	flag.StringVar(&o.commit, "commit", "", "commit to stamp (default: git's HEAD)")
	flag.StringVar(&o.goos, "goos", runtime.GOOS, "target operating system")
	flag.StringVar(&o.goarch, "goarch", runtime.GOARCH, "target architecture (another than the host's needs a cross C compiler in CC)")
	sumOnly := flag.Bool("sum", false, "only write checksums.txt for the tarballs in -out")
	changelog := flag.Bool("changelog", false, "print the commits since the previous tag as Markdown, and exit")
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("no arguments expected, got %q", flag.Args()))
	}
	var err error
	switch {
	case *changelog:
		err = writeChangelog(os.Stdout)
	case *sumOnly:
		var line string
		line, err = writeChecksums(o.out)
		if err == nil {
			fmt.Print(line)
		}
	default:
		err = build(o)
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "release: %v\n", err)
	os.Exit(1)
}

type options struct {
	out, version, commit, goos, goarch string
}

// build builds both commands, checks them, and writes the tarball and
// checksums.txt.
func build(o options) error {
	meta, err := gitMeta()
	if err != nil && (o.version == "" || o.commit == "") {
		// Outside git (a container build without .git) the caller says.
		fmt.Fprintf(os.Stderr, "release: %v: pass -version and -commit; using devel\n", err)
	}
	if o.version == "" {
		o.version = meta.version
	}
	if o.version == "" {
		o.version = "devel"
	}
	if o.commit == "" {
		o.commit = meta.commit
	}
	if !validVersion(o.version) {
		return fmt.Errorf("version %q: want letters, digits, '.', '-' and '+' only", o.version)
	}
	if !commitRe.MatchString(o.commit) {
		return fmt.Errorf("commit %q: want hexadecimal digits", o.commit)
	}
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run it from the repository root (go run ./internal/release)")
	}
	if meta.dirty {
		fmt.Fprintln(os.Stderr, "release: the work tree has uncommitted changes: the artifact is not the commit's")
	}
	mtime := meta.time
	if mtime.IsZero() {
		mtime = time.Unix(0, 0)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(o.out, ".stage-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)

	files := map[string]string{} // name in the tarball → file
	for _, cmd := range commands {
		bin := filepath.Join(stage, cmd)
		if err := goBuild(o, meta.commit != "", "./cmd/"+cmd, bin); err != nil {
			return err
		}
		if o.goos == "linux" {
			if err := checkStatic(bin); err != nil {
				return err
			}
		}
		files[cmd] = bin
	}
	if o.goos == runtime.GOOS && o.goarch == runtime.GOARCH {
		// The stamped version must be the one idemlint reports.
		out, err := exec.Command(files["idemlint"], "version").Output()
		if err != nil {
			return fmt.Errorf("idemlint version: %w", err)
		}
		first, _, _ := strings.Cut(string(out), "\n")
		if want := "idemlint " + o.version; first != want && !strings.HasPrefix(first, want+" ") {
			return fmt.Errorf("idemlint version says %q, want %q", first, want)
		}
	}
	for _, d := range docs {
		files[d] = d
	}
	name := assetName(o.version, o.goos, o.goarch)
	tgz := filepath.Join(o.out, name)
	if err := writeTarball(tgz, files, mtime); err != nil {
		return err
	}
	if _, err := writeChecksums(o.out); err != nil {
		return err
	}
	sum, err := fileSHA256(tgz)
	if err != nil {
		return err
	}
	fmt.Printf("%s  %s\n", sum, tgz)
	return nil
}

// assetName is the tarball's name: idemlint_1.2.3_linux_amd64.tar.gz
// (the version without its v, as GoReleaser names them). The action's
// installer matches it by its _<os>_<arch>.tar.gz end.
func assetName(version, goos, goarch string) string {
	v := strings.TrimPrefix(version, "v")
	v = strings.ReplaceAll(v, "+", "-") // no + in a download URL
	return fmt.Sprintf("idemlint_%s_%s_%s.tar.gz", v, goos, goarch)
}

var (
	versionRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+-]*$`)
	commitRe  = regexp.MustCompile(`^[0-9a-f]*$`)
)

func validVersion(v string) bool { return versionRe.MatchString(v) }

func goBuild(o options, vcs bool, pkg, bin string) error {
	ldflags := []string{"-s", "-w", "-X", "main.version=" + o.version, "-X", "main.commit=" + o.commit}
	tags := ""
	if o.goos == "linux" {
		// Static: the C parts (libpg_query) link against libc.a; netgo and
		// osusergo keep Go's own resolver and user lookup, the two things
		// that would pull in NSS.
		ldflags = append(ldflags, "-linkmode", "external", "-extldflags", "-static")
		tags = "netgo,osusergo"
	}
	// No word holds a space or a quote (versions and commits are checked),
	// so the go command splits -ldflags back into these words.
	args := []string{"build", "-trimpath", "-buildvcs=" + strconv.FormatBool(vcs), "-ldflags", strings.Join(ldflags, " ")}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	args = append(args, "-o", bin, pkg)
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "GOOS="+o.goos, "GOARCH="+o.goarch)
	var stderr bytes.Buffer
	cmd.Stdout = os.Stdout
	cmd.Stderr = io.MultiWriter(os.Stderr, &stderr)
	fmt.Fprintf(os.Stderr, "release: go %s\n", strings.Join(args, " "))
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", pkg, err)
	}
	if strings.Contains(stderr.String(), staticWarning) {
		return fmt.Errorf("go build %s: the static binary would need glibc's shared libraries at run time (see the linker's warning above)", pkg)
	}
	return nil
}

// checkStatic fails unless the ELF file is statically linked: no program
// interpreter (ld-linux.so) and no needed shared library.
func checkStatic(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return fmt.Errorf("%s is dynamically linked: it has a program interpreter", filepath.Base(path))
		}
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		return err
	}
	if len(libs) > 0 {
		return fmt.Errorf("%s is dynamically linked: it needs %s", filepath.Base(path), strings.Join(libs, ", "))
	}
	return nil
}

// writeTarball writes the files (name in the archive → path) as a gzip
// tarball whose bytes depend only on the files' contents, their names
// and mtime: sorted entries, no owner, fixed modes, no gzip header time.
// Executables (any file with an execute bit) get 0755, others 0644.
func writeTarball(path string, files map[string]string, mtime time.Time) (err error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	gz, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, n := range names {
		data, err := os.ReadFile(files[n])
		if err != nil {
			return err
		}
		st, err := os.Stat(files[n])
		if err != nil {
			return err
		}
		mode := int64(0o644)
		if st.Mode()&0o111 != 0 {
			mode = 0o755
		}
		hdr := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     n,
			Mode:     mode,
			Size:     int64(len(data)),
			ModTime:  mtime.UTC().Truncate(time.Second),
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writeChecksums writes dir/checksums.txt: "<sha256>  <name>" for every
// *.tar.gz in dir, sorted by name, and returns its text.
func writeChecksums(dir string) (string, error) {
	tarballs, err := filepath.Glob(filepath.Join(dir, "*.tar.gz"))
	if err != nil {
		return "", err
	}
	if len(tarballs) == 0 {
		return "", fmt.Errorf("no *.tar.gz in %s", dir)
	}
	sort.Strings(tarballs)
	var b strings.Builder
	for _, t := range tarballs {
		sum, err := fileSHA256(t)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, filepath.Base(t))
	}
	return b.String(), os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(b.String()), 0o644)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// meta is what git says of HEAD.
type meta struct {
	version, commit string
	time            time.Time
	dirty           bool
}

// gitMeta reads HEAD's commit, time and version: the v* tag at HEAD, else
// a Go pseudo-version (v0.0.0-<UTC time>-<12 hex digits>), with +dirty
// when the work tree has changes.
func gitMeta() (meta, error) {
	var m meta
	out, err := git("log", "-1", "--format=%H %ct")
	if err != nil {
		return m, err
	}
	hash, ct, _ := strings.Cut(out, " ")
	secs, err := strconv.ParseInt(ct, 10, 64)
	if err != nil {
		return m, fmt.Errorf("git log: %q", out)
	}
	m.commit, m.time = hash, time.Unix(secs, 0).UTC()
	status, err := git("status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return m, err
	}
	m.dirty = status != ""
	if tag, err := git("describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD"); err == nil {
		m.version = tag
	} else {
		m.version = "v0.0.0-" + m.time.Format("20060102150405") + "-" + hash[:12]
	}
	if m.dirty {
		m.version += "+dirty"
	}
	return m, nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// writeChangelog writes the release notes: the subject of every commit
// since the previous v* tag (all of them when there is none), newest
// first, with its short hash.
func writeChangelog(w io.Writer) error {
	rng := "HEAD"
	if prev, err := git("describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "HEAD^"); err == nil {
		rng = prev + "..HEAD"
	}
	out, err := git("log", "--no-merges", "--format=%h%x00%s", rng)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "## Changes")
	fmt.Fprintln(w)
	for _, line := range strings.Split(out, "\n") {
		hash, subject, ok := strings.Cut(line, "\x00")
		if !ok {
			continue
		}
		fmt.Fprintf(w, "- %s (%s)\n", subject, hash)
	}
	return nil
}
