package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoVet builds idemlint-vet and runs it under go vet on the sample
// module in testdata, which has its own go.mod and local stand-ins for
// goose and lib/pq, so the run needs no network.
func TestGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the vet tool and runs go vet")
	}
	// go test puts its own toolchain first on PATH.
	goBin := "go"
	tool := filepath.Join(t.TempDir(), "idemlint-vet")
	build := exec.Command(goBin, "build", "-o", tool, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sample, err := filepath.Abs(filepath.Join("testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	vet := func(flags ...string) []string {
		t.Helper()
		args := append([]string{"vet", "-vettool=" + tool}, flags...)
		cmd := exec.Command(goBin, append(args, "./...")...)
		cmd.Dir = sample
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOPROXY=off", "GOWORK=off")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("go vet %v: %v (want exit status 1)\n%s", flags, err, stderr.String())
		}
		var lines []string
		for _, l := range strings.Split(stderr.String(), "\n") {
			if l != "" && !strings.HasPrefix(l, "#") {
				lines = append(lines, filepath.ToSlash(l))
			}
		}
		return lines
	}
	goFindings := []string{
		"migrations/00001_users.go:15:33: table users is created without a guard: a second run fails because it already exists [create-without-guard]",
		"migrations/00001_users.go:22:45: CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose runs this migration in a transaction [concurrently-in-transaction]",
	}
	sqlFinding := "migrations/sql/00003_orders.sql:3:1: insert into orders has no conflict or existence guard: a second run inserts the rows again or fails on a unique key [bare-insert]"
	check := func(got, want []string) {
		t.Helper()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("go vet reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check(vet(), append(append([]string(nil), goFindings...), sqlFinding))
	check(vet("-idemlint.embed=false"), goFindings)
	// A relative configuration path is found from the package folders up
	// (go vet runs the tool in each package's folder).
	check(vet("-idemlint.config=lint/quiet.yaml"), goFindings)
}
