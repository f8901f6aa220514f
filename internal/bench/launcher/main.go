// Command launcher runs a command for the bench and prints its wall time,
// CPU time and peak memory: "WALL_NS CPU_NS MAXRSS_BYTES".
//
// Linux charges a child started the way Go starts one (sharing its
// parent's memory until exec) with the parent's peak memory as well. A
// command started from the bench itself, which links both parsers, would
// show at least the bench's peak; this program's is a couple of megabytes,
// so that the peak of a small run means something.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: launcher COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Findings exit 1; worse is a failure.
	if ee != nil && ee.ExitCode() > 1 {
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		fmt.Fprintf(os.Stderr, "exit %d: %s\n", ee.ExitCode(), line)
		os.Exit(1)
	}
	st := cmd.ProcessState
	var rss int64
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss << 10 // Linux reports KiB
	}
	fmt.Println(int64(wall), int64(st.UserTime()+st.SystemTime()), rss)
}
