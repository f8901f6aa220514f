package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/idemlint/idemlint/internal/safetext"
)

// LocalOptions steer a server verify starts itself.
type LocalOptions struct {
	// Keep leaves the scratch folder (data, socket, server log) in place
	// for debugging, and says where it is.
	Keep bool
	// Log receives what the servers' setup says when it fails and, with
	// Keep, where the folder is; nil discards it.
	Log io.Writer
	// AllowUnsafe runs the migrations as the server's superuser (root)
	// instead of the unprivileged MigratorName: for trusted migrations
	// that need what the unprivileged account may not do.
	AllowUnsafe bool
}

// ErrNoServer says no server binary was found; its message says what to
// install.
type ErrNoServer struct{ Msg string }

func (e *ErrNoServer) Error() string { return e.Msg }

// findBinary looks for one of names on PATH, then in the given folders
// (glob patterns, newest version first).
func findBinary(names []string, dirs []string) (string, error) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	var cands []string
	for _, d := range dirs {
		m, _ := filepath.Glob(d)
		sort.Slice(m, func(i, j int) bool { return naturalCompare(m[i], m[j]) > 0 })
		cands = append(cands, m...)
	}
	for _, d := range cands {
		for _, n := range names {
			p := filepath.Join(d, n)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	return "", os.ErrNotExist
}

// account is the user a server runs as: servers refuse to run as root,
// so when verify runs as root they run as their service account.
type account struct {
	cred *syscall.Credential
	uid  int
	gid  int
	name string
}

// serviceAccount picks the account a server runs under: the current one,
// or when that is root, the first of names that exists.
func serviceAccount(names ...string) (*account, error) {
	if os.Geteuid() != 0 {
		return &account{uid: os.Geteuid(), gid: os.Getegid()}, nil
	}
	for _, n := range names {
		u, err := user.Lookup(n)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 != nil || err2 != nil {
			continue
		}
		return &account{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, uid: uid, gid: gid, name: n}, nil
	}
	return nil, fmt.Errorf("running as root, and none of the accounts %s exists to run the server as: create one, or run idemlint verify as an ordinary user",
		strings.Join(names, ", "))
}

// markerFile, in a scratch folder, says verify made the folder and which
// process did: "idemlint verify <pid>". Only folders with it are ever
// removed as stale.
const markerFile = "idemlint-verify.owner"

// scratchPattern matches the scratch folders of both servers.
const scratchPattern = "idemlint-verify-*"

// serverPidFiles are where each server writes its process id, relative to
// the scratch folder.
var serverPidFiles = []string{"data/postmaster.pid", "mysqld.pid"}

// scratchDir makes the temporary folder a server lives in, owned by the
// account the server runs as. It first removes the folders that killed
// runs left behind.
func scratchDir(prefix string, acct *account) (string, error) {
	RemoveStale(os.TempDir())
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, markerFile), []byte(fmt.Sprintf("idemlint verify %d\n", os.Getpid())), 0o644); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	if acct.cred != nil {
		if err := os.Chown(dir, acct.uid, acct.gid); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	// The service account must be able to reach the folder: a TMPDIR
	// inside root's home would not do.
	if acct.cred != nil {
		for d := filepath.Dir(dir); d != "/" && d != "."; d = filepath.Dir(d) {
			fi, err := os.Stat(d)
			if err == nil && fi.Mode().Perm()&0o001 == 0 {
				os.RemoveAll(dir)
				return "", fmt.Errorf("the account %s cannot reach %s (mode %v): point TMPDIR somewhere it can", acct.name, d, fi.Mode().Perm())
			}
		}
	}
	return dir, nil
}

// command prepares a server process: run as the account, in a process
// group of its own (a Ctrl-C in the terminal reaches us, and we stop the
// server in order), killed if we die without stopping it.
func (a *account) command(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL, Credential: a.cred}
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

// runSetup runs a set-up command (initdb, install-db) and returns its
// output in the error when it fails.
func runSetup(ctx context.Context, cmd *exec.Cmd) error {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%s failed: %w\n%s", filepath.Base(cmd.Path), err, tail(out.String(), 20))
		}
		return nil
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done //nolint:errcheck // killed: its error says only that
		return ctx.Err()
	}
}

// process is a running server.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error
	log  string
}

func startProcess(cmd *exec.Cmd, logPath string) (*process, error) {
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{}), log: logPath}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	return p, nil
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop asks the server to shut down with sig, and kills its process
// group when it has not within the grace period.
func (p *process) stop(sig syscall.Signal, grace time.Duration) {
	if p == nil || p.exited() {
		return
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// logTail is the end of the server's log, for error messages.
func (p *process) logTail() string {
	b, err := os.ReadFile(p.log)
	if err != nil {
		return ""
	}
	return tail(string(b), 15)
}

func tail(s string, lines int) string {
	s = strings.TrimRight(s, "\n")
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

// waitReady polls connect until it succeeds, the process exits or the
// deadline passes.
func waitReady(ctx context.Context, p *process, what string, connect func(context.Context) error) error {
	deadline := time.Now().Add(60 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.exited() {
			return fmt.Errorf("%s exited during start-up (%w):\n%s", what, p.err, p.logTail())
		}
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		last = connect(cctx)
		cancel()
		if last == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s did not accept connections within 60s (%w):\n%s", what, last, p.logTail())
}

// scratch owns a server's folder and process.
type scratch struct {
	dir  string
	keep bool
	log  io.Writer
	proc *process
}

// RemoveStale removes the scratch folders under tmp that a verify run
// made and left behind when it was killed (SIGKILL gives no chance to
// clean up): those with verify's marker whose verify process and server
// process are both gone. A folder whose server or verify still runs, or
// that verify did not make, stays. It returns the folders removed.
func RemoveStale(tmp string) []string {
	dirs, _ := filepath.Glob(filepath.Join(tmp, scratchPattern))
	var removed []string
	for _, dir := range dirs {
		if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, markerFile))
		if err != nil {
			continue
		}
		var pid int
		if n, _ := fmt.Sscanf(string(b), "idemlint verify %d", &pid); n != 1 || alive(pid) {
			continue
		}
		running := false
		for _, f := range serverPidFiles {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				continue
			}
			line, _, _ := strings.Cut(string(b), "\n")
			if p, err := strconv.Atoi(strings.TrimSpace(line)); err != nil || alive(p) {
				// An unreadable pid file might belong to a live server.
				running = true
			}
		}
		if running {
			continue
		}
		if os.RemoveAll(dir) == nil {
			removed = append(removed, dir)
		}
	}
	return removed
}

// alive reports whether a process exists (one of another user's counts).
func alive(pid int) bool {
	if pid <= 0 {
		return true // nonsense: keep the folder
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// cleanup stops the server and removes its folder unless kept.
func (s *scratch) cleanup(sig syscall.Signal) error {
	s.proc.stop(sig, 15*time.Second)
	if s.keep {
		// A kept folder is the user's now: never removed as stale.
		_ = os.Remove(filepath.Join(s.dir, markerFile))
		if s.log != nil {
			fmt.Fprintf(s.log, "idemlint: verify: kept the scratch folder %s\n", safetext.Inline(s.dir))
		}
		return nil
	}
	if err := os.RemoveAll(s.dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
