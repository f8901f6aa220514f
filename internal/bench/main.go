// Command bench measures idemlint against the floor it cannot go below
// (the bare parser over the same files) and against squawk when it is
// installed, each as a child process timed the same way: wall time, CPU
// time and peak memory, the median of several runs.
//
//	go run ./internal/bench -dialect postgres [-runs 5] [-j 2] DIR...
//
// It prints one table and the ratios the project's performance targets
// are stated in. It asserts nothing: CI runs it on a small folder so that
// it keeps working.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/idemlint/idemlint/internal/gctune"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == floorCmd {
		os.Exit(floorMain(os.Args[2:]))
	}
	os.Exit(benchMain(os.Args[1:]))
}

type options struct {
	dialect string
	runs    int
	jobs    int
	bin     string
	squawk  string
}

func benchMain(args []string) int {
	var o options
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.StringVar(&o.dialect, "dialect", "postgres", "dialect of the files: postgres or mysql")
	fl.IntVar(&o.runs, "runs", 5, "rounds, each running every command once; medians are shown")
	fl.IntVar(&o.jobs, "j", runtime.NumCPU(), "workers, for idemlint and the floor alike")
	fl.StringVar(&o.bin, "bin", "", "idemlint binary to measure (default: build ./cmd/idemlint)")
	fl.StringVar(&o.squawk, "squawk", "", "squawk binary (default: squawk on PATH, if any; PostgreSQL only)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 || (o.dialect != "postgres" && o.dialect != "mysql") || o.runs < 1 || o.jobs < 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/bench -dialect postgres|mysql [-runs N] [-j N] DIR...")
		return 2
	}
	files, size, err := sqlFiles(fl.Args())
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "bench: no .sql files (%v)\n", err)
		return 2
	}
	tmp, err := os.MkdirTemp("", "idemlint-bench")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	if o.bin == "" {
		if o.bin, err = goBuild(tmp, "./cmd/idemlint"); err != nil {
			fmt.Fprintln(os.Stderr, "bench: build idemlint:", err)
			return 2
		}
	}
	launcher, err := goBuild(tmp, "./internal/bench/launcher")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: build the launcher:", err)
		return 2
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	list := filepath.Join(tmp, "files.txt")
	if err := os.WriteFile(list, []byte(strings.Join(files, "\n")+"\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	small := filepath.Join(tmp, "one.sql")
	if err := os.WriteFile(small, []byte("ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	jobs := fmt.Sprint(o.jobs)
	lint := append([]string{o.bin, "--no-config", "--dialect", o.dialect, "--format", "json", "-j", jobs}, fl.Args()...)
	cases := []benchCase{
		{name: "idemlint --format json", argv: lint},
		{name: "idemlint --format text", argv: append([]string{o.bin, "--no-config", "--dialect", o.dialect, "--no-color", "-j", jobs}, fl.Args()...)},
		{name: "idemlint -j 1", argv: append([]string{o.bin, "--no-config", "--dialect", o.dialect, "--format", "json", "-j", "1"}, fl.Args()...)},
		{name: "bare parse (floor)", argv: []string{self, floorCmd, o.dialect, jobs, list}},
	}
	if o.dialect == "postgres" {
		cases = append(cases, benchCase{name: "bare parse, all stmts", argv: []string{self, floorCmd, "postgres-all", jobs, list}})
		// idemlint sets glibc's allocator for libpg_query (gctune.Malloc);
		// the floor with the same settings shows what that alone is worth.
		cases = append(cases, benchCase{name: "floor, idemlint's malloc", argv: []string{self, floorCmd, o.dialect, jobs, list},
			env: []string{fmt.Sprintf("GLIBC_TUNABLES=glibc.malloc.mmap_threshold=%d:glibc.malloc.trim_threshold=%d", gctune.MmapThreshold, gctune.TrimThreshold)}})
	}
	cases = append(cases, []benchCase{
		{name: "one small file", argv: []string{o.bin, "--no-config", "--dialect", o.dialect, small}},
		{name: "idemlint version", argv: []string{o.bin, "version"}},
	}...)
	if empty, err := goBuild(tmp, "./internal/bench/empty"); err == nil {
		// What any Go binary costs to start on this machine, measured in
		// the same rounds: start-up figures mean little without it.
		cases = append(cases, benchCase{name: "empty Go program", argv: []string{empty}})
	} else {
		fmt.Fprintln(os.Stderr, "bench: no empty Go program to compare start-up with:", err)
	}
	sq := o.squawk
	if sq == "" {
		sq, _ = exec.LookPath("squawk")
	}
	squawkVs := "idemlint --format json"
	if sq != "" && o.dialect == "postgres" {
		// squawk panics on some files and stops its whole run on a file
		// that is not UTF-8: compare on the files it reads.
		readable, dropped := squawkReadable(sq, files)
		if len(dropped) > 0 {
			fmt.Printf("squawk fails on %d of %d files (%s); idemlint and squawk are also compared on the other %d\n\n",
				len(dropped), len(files), strings.Join(dropped, ", "), len(readable))
			squawkVs = "idemlint (squawk's files)"
			cases = append(cases, benchCase{name: squawkVs, argv: append([]string{o.bin, "--no-config", "--dialect", o.dialect, "--format", "json", "-j", jobs}, readable...)})
		}
		cases = append(cases, benchCase{name: "squawk", argv: append([]string{sq}, readable...)})
	}

	fmt.Printf("%d %s files, %.1f MB; %d workers; median of %d rounds, each running every command once\n\n", len(files), o.dialect, float64(size)/1e6, o.jobs, o.runs)
	// Rounds run the commands in turn, so that a machine that speeds up or
	// slows down during the bench moves every figure of a round alike; the
	// ratios are the median of each round's ratio.
	runs := make([][]measure, len(cases))
	failed := make([]error, len(cases))
	for range o.runs {
		for i, c := range cases {
			if failed[i] != nil {
				continue
			}
			m, err := runOnce(launcher, c)
			if err != nil {
				failed[i] = err
				continue
			}
			runs[i] = append(runs[i], m)
		}
	}
	fmt.Printf("%-24s %10s %10s %12s\n", "", "wall", "CPU", "peak memory")
	got := map[string][]measure{}
	for i, c := range cases {
		if failed[i] != nil {
			fmt.Printf("%-24s failed: %v\n", c.name, failed[i])
			continue
		}
		got[c.name] = runs[i]
		m := median(runs[i])
		fmt.Printf("%-24s %9.3fs %9.3fs %9.1f MB\n", c.name, m.wall.Seconds(), m.cpu.Seconds(), float64(m.maxRSS)/(1<<20))
	}
	fmt.Println()
	ratio := func(what, a, b string) {
		x, ok1 := got[a]
		y, ok2 := got[b]
		if !ok1 || !ok2 || len(x) != len(y) {
			return
		}
		rs := make([]float64, len(x))
		for k := range x {
			rs[k] = x[k].wall.Seconds() / max(y[k].wall.Seconds(), 1e-9)
		}
		slices.Sort(rs)
		fmt.Printf("%-44s %.2fx\n", what, rs[len(rs)/2])
	}
	ratio("idemlint / bare parse (wall)", "idemlint --format json", "bare parse (floor)")
	ratio("idemlint / bare parse of all stmts (wall)", "idemlint --format json", "bare parse, all stmts")
	ratio("idemlint / floor with idemlint's malloc", "idemlint --format json", "floor, idemlint's malloc")
	ratio("idemlint / squawk (wall)", squawkVs, "squawk")
	ratio("idemlint -j 1 / idemlint -j "+jobs+" (scaling)", "idemlint -j 1", "idemlint --format json")
	ratio("one small file / empty Go program (start-up)", "one small file", "empty Go program")
	return 0
}

// goBuild builds the command package pkg of this module into dir and
// returns the binary's path.
func goBuild(dir, pkg string) (string, error) {
	bin := filepath.Join(dir, filepath.Base(pkg))
	build := exec.Command("go", "build", "-o", bin, pkg)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	return bin, build.Run()
}

// squawkReadable runs squawk on each file alone and splits the files into
// those it reads (exit 0 or 1, no error) and those it fails on.
func squawkReadable(sq string, files []string) (ok, failed []string) {
	for _, f := range files {
		cmd := exec.Command(sq, f)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case err != nil && !errors.As(err, &ee), ee != nil && ee.ExitCode() > 1, strings.HasPrefix(stderr.String(), "Error"):
			failed = append(failed, filepath.Base(f))
		default:
			ok = append(ok, f)
		}
	}
	return ok, failed
}

type measure struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

// runOnce runs the case through the launcher (internal/bench/launcher)
// and reads what it measured. The exit status is not judged: findings
// exit 1.
func runOnce(launcher string, c benchCase) (measure, error) {
	cmd := exec.Command(launcher, c.argv...)
	cmd.Env = append(os.Environ(), c.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return measure{}, fmt.Errorf("%w: %s", err, firstLine(stderr.String()))
	}
	var wall, cpu time.Duration
	var rss int64
	if _, err := fmt.Sscan(stdout.String(), &wall, &cpu, &rss); err != nil {
		return measure{}, fmt.Errorf("launcher output %q: %w", stdout.String(), err)
	}
	return measure{wall: wall, cpu: cpu, maxRSS: rss}, nil
}

// median is the median of each figure on its own.
func median(ms []measure) measure {
	var walls, cpus []time.Duration
	var rss []int64
	for _, m := range ms {
		walls, cpus, rss = append(walls, m.wall), append(cpus, m.cpu), append(rss, m.maxRSS)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	n := len(ms) / 2
	return measure{wall: walls[n], cpu: cpus[n], maxRSS: rss[n]}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}

// sqlFiles lists the .sql files under the paths, as idemlint walks them
// (hidden folders skipped), and their total size.
func sqlFiles(paths []string) ([]string, int64, error) {
	var out []string
	var size int64
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(p), ".sql") {
				fi, err := d.Info()
				if err != nil {
					return err
				}
				out = append(out, p)
				size += fi.Size()
			}
			return nil
		})
		if err != nil {
			return out, size, err
		}
	}
	return out, size, nil
}

// benchCase is one command the bench runs and measures.
type benchCase struct {
	name string
	argv []string
	env  []string // added to the bench's own environment
}
