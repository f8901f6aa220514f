package rules_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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

// BenchmarkLongFile lints generated files of one shape at 1x, 4x and 16x
// the size: the throughput (MB/s) must stay flat as a file grows, whatever
// the shape, since each effect is checked against what the statements
// before and after it did to its objects, never against every other
// effect on the same object.
func BenchmarkLongFile(b *testing.B) {
	const roles = "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE);\n"
	shapes := []struct {
		name, prefix, stmt string
		dialect            model.Dialect
	}{
		{"columns", "", "ALTER TABLE t{t} ADD COLUMN IF NOT EXISTS c{i} int;\nINSERT INTO t (a) VALUES ({i}) ON CONFLICT DO NOTHING;\n", model.Postgres},
		{"same-column", "", "ALTER TABLE t ADD COLUMN c int;\n", model.Postgres},
		{"same-column-guarded", "", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n", model.Postgres},
		{"drop-create", "", "DROP TABLE IF EXISTS t;\nCREATE TABLE t (a int);\nINSERT INTO t VALUES ({i});\n", model.Postgres},
		{"drop-cascade", "", "DROP TABLE IF EXISTS t{t} CASCADE;\nCREATE TABLE t{t} (a int);\nCREATE VIEW v{i} AS SELECT a FROM t{t};\n", model.Postgres},
		// Every view reads one table that is dropped again and again: the
		// dependents of one name, looked up by that name.
		{"dependents-one-table", "DROP TABLE IF EXISTS t;\nCREATE TABLE t (a int);\n", "DROP VIEW IF EXISTS v{i};\nCREATE VIEW v{i} AS SELECT a FROM t;\nDROP TRIGGER IF EXISTS g{i} ON t;\nCREATE TRIGGER g{i} BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();\n", model.Postgres},
		// Every DROP is blocked and gets a fix that looks for the
		// dependent's DROPs further on.
		{"blocked-views", "", "DROP VIEW IF EXISTS a{i};\nCREATE VIEW a{i} AS SELECT 1 AS x;\nCREATE OR REPLACE VIEW b{i} AS SELECT x FROM a{i};\n", model.Postgres},
		// Helpers made and dropped with CASCADE at the end of each block:
		// each CASCADE looks only at what depends on its name.
		{"cascade-later", "", "CREATE TABLE tmp{t} AS SELECT 1 AS a;\nCREATE VIEW v{i} AS SELECT a FROM tmp{t};\nDROP TABLE tmp{t} CASCADE;\n", model.Postgres},
		{"renames", "", "ALTER TABLE t RENAME COLUMN a TO b;\nALTER TABLE t RENAME COLUMN b TO a;\n", model.Postgres},
		{"many-tables", "", "ALTER TABLE t{i} ADD COLUMN c int;\nDROP INDEX IF EXISTS i;\n", model.Postgres},
		{"do-blocks", "", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c') THEN ALTER TABLE t ADD COLUMN c int; END IF; END $$;\n", model.Postgres},
		// Each of these gets a fix, which reads the file around it.
		{"fixable-inserts", roles, "INSERT INTO roles (name) VALUES ('r{i}');\n", model.Postgres},
		{"goose-blocks", "-- +goose Up\n" + roles, "-- +goose StatementBegin\nINSERT INTO roles (name) VALUES ('r{i}');\n-- +goose StatementEnd\n", model.Postgres},
		{"table-renames", "", "ALTER TABLE t{i} RENAME TO u{i};\n", model.Postgres},
		{"type-changes", "", "CREATE TYPE e{i} AS ENUM ('a');\nALTER TABLE t ALTER COLUMN c{i} TYPE text;\n", model.Postgres},
		{"indexes-one-table", "", "CREATE INDEX i{i} ON t (c);\n", model.Postgres},
		{"mysql-tables", "", "CREATE TABLE t{i} (id INT PRIMARY KEY);\n", model.MySQL},
		{"mysql-inserts", "CREATE TABLE IF NOT EXISTS roles (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) UNIQUE);\n", "INSERT INTO roles (name) VALUES ('r{i}');\n", model.MySQL},
	}
	for _, sh := range shapes {
		for _, n := range []int{500, 2000, 8000} {
			var sb strings.Builder
			sb.WriteString(sh.prefix)
			for i := 0; i < n; i++ {
				sb.WriteString(strings.NewReplacer("{i}", strconv.Itoa(i), "{t}", strconv.Itoa(i%50)).Replace(sh.stmt))
			}
			src := []byte(sb.String())
			b.Run(fmt.Sprintf("%s/n=%d", sh.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for i := 0; i < b.N; i++ {
					s := parser.Parse(string(sh.dialect)+"/long.sql", src, parser.Options{Dialect: sh.dialect})
					_ = rules.Run(s, nil)
				}
			})
		}
	}
}

// BenchmarkHugeFile reads files of 1, 4 and 16 MiB, each alone: "parse"
// is libpg_query alone and "lint" idemlint's parse and every rule, so that their
// ratio (the target is at most 5) and their growth with size (linear) can
// be read off one run. Shapes: one table altered again and again, many
// tables, and everything on one line.
func BenchmarkHugeFile(b *testing.B) {
	shapes := []struct{ name, stmt, sep string }{
		{"one-table", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c{i} int", ";\n"},
		{"many-tables", "CREATE TABLE IF NOT EXISTS t{i} (id int PRIMARY KEY, v text)", ";\n"},
		{"one-line", "INSERT INTO t (id) VALUES ({i}) ON CONFLICT DO NOTHING", "; "},
	}
	for _, sh := range shapes {
		for _, mib := range []int{1, 4, 16} {
			var sb strings.Builder
			for i := 0; sb.Len() < mib<<20; i++ {
				sb.WriteString(strings.ReplaceAll(sh.stmt, "{i}", strconv.Itoa(i)))
				sb.WriteString(sh.sep)
			}
			src := []byte(sb.String())
			b.Run(fmt.Sprintf("%s/%dMiB/parse", sh.name, mib), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for i := 0; i < b.N; i++ {
					_, _ = pg.Parse(string(src))
				}
			})
			b.Run(fmt.Sprintf("%s/%dMiB/lint", sh.name, mib), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for i := 0; i < b.N; i++ {
					s := parser.Parse("postgres/huge.sql", src, parser.Options{Dialect: model.Postgres})
					_ = rules.Run(s, nil)
				}
			})
		}
	}
}
