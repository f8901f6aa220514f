package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The GitHub Action's installer (scripts/action-install.sh) against a
// release folder, written by this tool's own tarball and checksums code,
// served over loopback HTTP in the layout of GitHub's release downloads:
// /download/<tag>/<asset> and /latest/download/<asset>.

// fakeBinary stands in for idemlint: the installer runs `idemlint version`.
const fakeBinary = "#!/bin/sh\necho \"idemlint v1.2.3 (fake)\"\n"

// releaseServer serves dir/<tag>/ files; fail maps a URL path to the HTTP
// status it answers instead.
type releaseServer struct {
	*httptest.Server
	dir    string
	latest string
	mu     sync.Mutex
	fail   map[string]int
	hits   map[string]int
}

func newReleaseServer(t *testing.T, latest string) *releaseServer {
	t.Helper()
	rs := &releaseServer{dir: t.TempDir(), latest: latest, fail: map[string]int{}, hits: map[string]int{}}
	rs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rs.mu.Lock()
		rs.hits[r.URL.Path]++
		code, failing := rs.fail[r.URL.Path]
		rs.mu.Unlock()
		if failing {
			http.Error(w, "failing on purpose", code)
			return
		}
		var tag, name string
		switch parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/"); {
		case len(parts) == 3 && parts[0] == "download":
			tag, name = parts[1], parts[2]
		case len(parts) == 3 && parts[0] == "latest" && parts[1] == "download":
			// GitHub redirects latest to the newest release's tag.
			http.Redirect(w, r, "/download/"+rs.latest+"/"+parts[2], http.StatusFound)
			return
		default:
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join(rs.dir, tag, filepath.Base(name)))
	}))
	t.Cleanup(rs.Close)
	return rs
}

// addRelease writes a release: one tarball per platform ("linux_amd64")
// holding the fake idemlint, and checksums.txt.
func (rs *releaseServer) addRelease(t *testing.T, tag string, platforms ...string) string {
	t.Helper()
	dir := filepath.Join(rs.dir, tag)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "idemlint")
	if err := os.WriteFile(bin, []byte(fakeBinary), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range platforms {
		goos, goarch, _ := strings.Cut(p, "_")
		files := map[string]string{"idemlint": bin}
		if err := writeTarball(filepath.Join(dir, assetName(tag, goos, goarch)), files, time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := writeChecksums(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func (rs *releaseServer) count(path string) int {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.hits[path]
}

// installRun is one run of the installer.
type installRun struct {
	code            int
	stdout, stderr  string
	outputs, path   string
	temp, toolCache string
}

// runner is a runner's folders for one or more runs.
type runner struct{ temp, toolCache string }

func newRunner(t *testing.T) runner {
	root := t.TempDir()
	r := runner{temp: filepath.Join(root, "temp"), toolCache: filepath.Join(root, "tool-cache")}
	for _, d := range []string{r.temp, r.toolCache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// install runs scripts/action-install.sh as action.yml does, on a Linux
// x64 runner unless env says otherwise, with nothing else in its
// environment than PATH.
func (r runner) install(t *testing.T, rs *releaseServer, env ...string) installRun {
	t.Helper()
	for _, tool := range []string{"bash", "curl", "tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the action's installer needs %s: %v", tool, err)
		}
	}
	out := filepath.Join(r.temp, "..", "github-output")
	path := filepath.Join(r.temp, "..", "github-path")
	for _, f := range []string{out, path} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("bash", filepath.Join("..", "..", "scripts", "action-install.sh"))
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"RUNNER_OS=Linux", "RUNNER_ARCH=X64",
		"RUNNER_TEMP=" + r.temp, "RUNNER_TOOL_CACHE=" + r.toolCache,
		"GITHUB_OUTPUT=" + out, "GITHUB_PATH=" + path,
		"IDEMLINT_RELEASES=" + rs.URL,
	}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	run := installRun{stdout: stdout.String(), stderr: stderr.String(), temp: r.temp, toolCache: r.toolCache}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		run.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	o, _ := os.ReadFile(out)
	p, _ := os.ReadFile(path)
	run.outputs, run.path = string(o), string(p)
	return run
}

func (run installRun) String() string {
	return "exit " + strconv.Itoa(run.code) + "\nstdout:\n" + run.stdout + "stderr:\n" + run.stderr + "outputs:\n" + run.outputs
}

// leftovers lists the files a run left in the tool cache and the runner's
// temporary folder.
func (run installRun) leftovers(t *testing.T) []string {
	t.Helper()
	var left []string
	for _, root := range []string{run.toolCache, run.temp} {
		err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if p != root {
				left = append(left, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return left
}

// wantFailure checks a failed run: exit 1, an error annotation holding
// every part of want, no bin output, nothing left on disk.
func wantFailure(t *testing.T, run installRun, want ...string) {
	t.Helper()
	if run.code != 1 {
		t.Errorf("exit %d, want 1\n%s", run.code, run)
	}
	if !strings.HasPrefix(run.stderr, "::error title=idemlint::") && !strings.Contains(run.stderr, "\n::error title=idemlint::") {
		t.Errorf("no error annotation on standard error\n%s", run)
	}
	for _, w := range want {
		if !strings.Contains(run.stderr, w) {
			t.Errorf("the error does not say %q\n%s", w, run)
		}
	}
	if run.outputs != "" || run.path != "" {
		t.Errorf("a failed install wrote outputs %q and path %q", run.outputs, run.path)
	}
	if left := run.leftovers(t); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestActionInstallFromTheActionsRef(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	rs.addRelease(t, "v1.2.3", "linux_amd64", "linux_arm64", "darwin_arm64")
	r := newRunner(t)
	run := r.install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	if run.code != 0 {
		t.Fatalf("install failed\n%s", run)
	}
	dir := filepath.Join(r.toolCache, "idemlint", "1.2.3", "x64")
	bin := filepath.Join(dir, "idemlint")
	if run.outputs != "bin="+bin+"\n" {
		t.Errorf("outputs %q, want bin=%s", run.outputs, bin)
	}
	if run.path != dir+"\n" {
		t.Errorf("GITHUB_PATH %q, want %s", run.path, dir)
	}
	if _, err := os.Stat(dir + ".complete"); err != nil {
		t.Errorf("no tool cache marker: %v", err)
	}
	if out, err := exec.Command(bin).Output(); err != nil || string(out) != "idemlint v1.2.3 (fake)\n" {
		t.Errorf("the installed binary says %q (%v)", out, err)
	}
	if !strings.Contains(run.stdout, "Downloading idemlint_1.2.3_linux_amd64.tar.gz") {
		t.Errorf("the download is not announced\n%s", run)
	}
	asset := "/download/v1.2.3/idemlint_1.2.3_linux_amd64.tar.gz"
	if n := rs.count(asset); n != 1 {
		t.Errorf("%s fetched %d times, want 1", asset, n)
	}
	if entries, _ := os.ReadDir(r.temp); len(entries) > 0 {
		t.Errorf("the runner's temporary folder keeps %d entries", len(entries))
	}

	// A second job on the same runner takes it from the tool cache.
	again := r.install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	if again.code != 0 || again.outputs != "bin="+bin+"\n" {
		t.Fatalf("second install\n%s", again)
	}
	if !strings.Contains(again.stdout, "idemlint 1.2.3 found in the tool cache") {
		t.Errorf("the second install did not use the tool cache\n%s", again)
	}
	if n := rs.count(asset); n != 1 {
		t.Errorf("%s fetched %d times after a cached install, want 1", asset, n)
	}
}

func TestActionInstallVersionInput(t *testing.T) {
	rs := newReleaseServer(t, "v1.3.0")
	rs.addRelease(t, "v1.2.3", "linux_arm64")
	rs.addRelease(t, "v1.3.0", "linux_arm64")
	r := newRunner(t)
	// The version input wins over the action's ref; ARM64 runners get
	// the arm64 tarball.
	run := r.install(t, rs, "IDEMLINT_VERSION=v1.2.3", "IDEMLINT_ACTION_REF=v1.3.0", "RUNNER_ARCH=ARM64")
	if want := "bin=" + filepath.Join(r.toolCache, "idemlint", "1.2.3", "arm64", "idemlint") + "\n"; run.code != 0 || run.outputs != want {
		t.Errorf("version v1.2.3: want %s\n%s", want, run)
	}
	run = r.install(t, rs, "IDEMLINT_VERSION=latest", "RUNNER_ARCH=ARM64")
	if want := "bin=" + filepath.Join(r.toolCache, "idemlint", "1.3.0", "arm64", "idemlint") + "\n"; run.code != 0 || run.outputs != want {
		t.Errorf("version latest: want %s\n%s", want, run)
	}
	if n := rs.count("/latest/download/checksums.txt"); n != 1 {
		t.Errorf("latest/download/checksums.txt fetched %d times, want 1", n)
	}
}

func TestActionInstallWrongChecksum(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	dir := rs.addRelease(t, "v1.2.3", "linux_amd64")
	sums := filepath.Join(dir, "checksums.txt")
	data, err := os.ReadFile(sums)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Repeat("0", 64) + string(data[64:])
	if err := os.WriteFile(sums, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	run := newRunner(t).install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	wantFailure(t, run, "checksum mismatch for idemlint_1.2.3_linux_amd64.tar.gz", "checksums.txt says "+strings.Repeat("0", 64), "nothing was installed")
}

func TestActionInstallMissingAsset(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	dir := rs.addRelease(t, "v1.2.3", "linux_amd64")
	if err := os.Remove(filepath.Join(dir, "idemlint_1.2.3_linux_amd64.tar.gz")); err != nil {
		t.Fatal(err)
	}
	run := newRunner(t).install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	wantFailure(t, run, "release v1.2.3 lists idemlint_1.2.3_linux_amd64.tar.gz in checksums.txt, but the asset is missing (HTTP 404")
}

func TestActionInstallHTTPError(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	rs.addRelease(t, "v1.2.3", "linux_amd64")
	asset := "/download/v1.2.3/idemlint_1.2.3_linux_amd64.tar.gz"
	rs.fail[asset] = http.StatusInternalServerError
	run := newRunner(t).install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	wantFailure(t, run, "downloading "+rs.URL+asset+" failed: HTTP 500")

	delete(rs.fail, asset)
	rs.fail["/download/v1.2.3/checksums.txt"] = http.StatusForbidden
	run = newRunner(t).install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	wantFailure(t, run, "downloading "+rs.URL+"/download/v1.2.3/checksums.txt failed: HTTP 403")
}

func TestActionInstallNoServer(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	rs.Close() // nothing listens there any more
	run := newRunner(t).install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	wantFailure(t, run, "downloading "+rs.URL+"/download/v1.2.3/checksums.txt failed: curl:")
}

func TestActionInstallNotABinary(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	dir := filepath.Join(rs.dir, "v1.2.3")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A tarball that holds something else than idemlint.
	other := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(other, []byte("hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeTarball(filepath.Join(dir, assetName("v1.2.3", "linux", "amd64")), map[string]string{"README.md": other}, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := writeChecksums(dir); err != nil {
		t.Fatal(err)
	}
	run := newRunner(t).install(t, rs, "IDEMLINT_ACTION_REF=v1.2.3")
	wantFailure(t, run, "idemlint_1.2.3_linux_amd64.tar.gz holds no idemlint binary")
}

// When there is nothing to download the installer says what to build and
// succeeds; action.yml then sets up Go and runs scripts/action-build.sh.
func TestActionInstallFallsBackToSource(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	rs.addRelease(t, "v1.2.3", "linux_amd64", "darwin_arm64")
	for _, c := range []struct {
		name   string
		env    []string
		source string
		notice string
	}{
		{"version source", []string{"IDEMLINT_VERSION=source", "IDEMLINT_ACTION_REF=v1.2.3"}, "checkout", "version: source"},
		{"local action (uses: ./)", nil, "checkout", "the action's ref is not a release tag"},
		{"a branch", []string{"IDEMLINT_ACTION_REF=main"}, "checkout", "the action's ref is not a release tag"},
		{"a commit as version", []string{"IDEMLINT_VERSION=0123abcd"}, "module@0123abcd", "version 0123abcd is not a release tag"},
		{"no such release", []string{"IDEMLINT_ACTION_REF=v9.9.9"}, "checkout", "no release v9.9.9 with a checksums.txt"},
		{"no such release as version", []string{"IDEMLINT_VERSION=v9.9.9"}, "module@v9.9.9", "no release v9.9.9"},
		{"no binary for Windows", []string{"IDEMLINT_ACTION_REF=v1.2.3", "RUNNER_OS=Windows"}, "checkout", "release v1.2.3 has no binary for windows/amd64"},
		{"ref from the action's folder", []string{"ACTION_PATH=/home/runner/work/_actions/idemlint/idemlint/v9.9.9"}, "checkout", "no release v9.9.9"},
	} {
		t.Run(c.name, func(t *testing.T) {
			run := newRunner(t).install(t, rs, c.env...)
			if run.code != 0 || run.outputs != "source="+c.source+"\n" {
				t.Errorf("want exit 0 and source=%s\n%s", c.source, run)
			}
			if !strings.Contains(run.stdout, "::notice title=idemlint::building idemlint from source: "+c.notice) {
				t.Errorf("no notice saying %q\n%s", c.notice, run)
			}
			if left := run.leftovers(t); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
	// A branch or a commit is never looked up.
	if n := rs.count("/download/main/checksums.txt"); n != 0 {
		t.Errorf("a branch ref was looked up %d times", n)
	}
}

func TestActionInstallRefusesOddVersions(t *testing.T) {
	rs := newReleaseServer(t, "v1.2.3")
	run := newRunner(t).install(t, rs, "IDEMLINT_VERSION=v1 ; touch pwned")
	if run.code != 2 || !strings.Contains(run.stderr, "::error title=idemlint::version must be") {
		t.Errorf("an invalid version was not refused\n%s", run)
	}
}
