package rules_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/internal/gctune"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// benchFiles returns the PostgreSQL files to measure: the corpus named by
// IDEMLINT_CORPUS when set, else the repository's own fixtures.
func benchFiles(b *testing.B) [][]byte {
	root := filepath.Join("..", "testdata", "rules")
	if c := os.Getenv("IDEMLINT_CORPUS"); c != "" {
		root = filepath.Join(c, "postgres")
	}
	var files [][]byte
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sql") && (root != filepath.Join("..", "testdata", "rules") || strings.Contains(p, "postgres")) {
			src, _ := os.ReadFile(p)
			files = append(files, src)
		}
		return err
	})
	if len(files) == 0 {
		b.Skip("no files")
	}
	return files
}

// spread runs fn over the files on every core, as the command does.
func spread(files [][]byte, fn func([]byte)) {
	var wg sync.WaitGroup
	next := make(chan []byte)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				fn(f)
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
}

// BenchmarkParseOnly is the floor: libpg_query parsing each file, nothing else.
func BenchmarkParseOnly(b *testing.B) {
	files := benchFiles(b)
	b.Cleanup(gctune.Apply(os.Getenv)) // the command's GC settings
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		spread(files, func(src []byte) { _, _ = pg.Parse(string(src)) })
	}
}

// BenchmarkLint is the whole linter on the same files: the target is at
// most twice BenchmarkParseOnly.
func BenchmarkLint(b *testing.B) {
	files := benchFiles(b)
	b.Cleanup(gctune.Apply(os.Getenv)) // the command's GC settings
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		spread(files, func(src []byte) {
			s := parser.Parse("postgres/x.sql", src, parser.Options{Dialect: model.Postgres})
			_ = rules.Run(s, nil)
		})
	}
}

// BenchmarkLongFile lints generated files of 4,000 and 40,000 statements:
// the throughput (MB/s) should stay flat as the file grows, since each
// effect is checked against the effects that name its objects, not
// against the whole file.
func BenchmarkLongFile(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "ALTER TABLE t%d ADD COLUMN IF NOT EXISTS c%d int;\nINSERT INTO t (a) VALUES (%d) ON CONFLICT DO NOTHING;\n", i%50, i, i)
		}
		src := []byte(sb.String())
		b.Run(fmt.Sprintf("statements=%d", 2*n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				s := parser.Parse("postgres/long.sql", src, parser.Options{Dialect: model.Postgres})
				_ = rules.Run(s, nil)
			}
		})
	}
}
