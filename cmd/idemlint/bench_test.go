package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkManyFiles runs the whole command over 500, 2,000 and 8,000
// small migrations (a folder of each), in the text and JSON formats. Time
// must grow with the number of files and no faster; "peak-heap-MB" is the
// largest heap seen during the run, sampled as it goes, which must grow
// far slower than the file count (the report is written as the files
// come, and a file's parse is let go once it is reported).
func BenchmarkManyFiles(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		dir := b.TempDir()
		for i := range n {
			folder := filepath.Join(dir, fmt.Sprintf("svc%02d", i%40), "postgres")
			if err := os.MkdirAll(folder, 0o755); err != nil {
				b.Fatal(err)
			}
			sql := fmt.Sprintf("-- +goose Up\nCREATE TABLE IF NOT EXISTS t%d (id serial PRIMARY KEY, name text);\n"+
				"ALTER TABLE t%d ADD COLUMN note text;\nINSERT INTO t%d (name) VALUES ('a');\n"+
				"-- +goose Down\nDROP TABLE t%d;\n", i, i, i, i)
			if err := os.WriteFile(filepath.Join(folder, fmt.Sprintf("%05d_m.sql", i)), []byte(sql), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		for _, format := range []string{"text", "json"} {
			b.Run(fmt.Sprintf("%s/files=%d", format, n), func(b *testing.B) {
				e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
				peak := uint64(0)
				stop := make(chan struct{})
				done := make(chan struct{})
				go func() {
					defer close(done)
					// ReadMemStats stops the world: a sample every few
					// milliseconds is enough to see the heap's peak.
					tick := time.NewTicker(5 * time.Millisecond)
					defer tick.Stop()
					var ms runtime.MemStats
					for {
						select {
						case <-stop:
							return
						case <-tick.C:
						}
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapAlloc)
					}
				}()
				for i := 0; i < b.N; i++ {
					if code := run([]string{"--no-config", "--format", format, dir}, e); code != exitFindings {
						b.Fatalf("exit %d", code)
					}
				}
				close(stop)
				<-done
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			})
		}
	}
}
