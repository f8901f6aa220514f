package mysql_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	tidb "github.com/pingcap/tidb/pkg/parser"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/mysql"
	"github.com/idemlint/idemlint/rules"
)

// benchFiles returns the MySQL files under $IDEMLINT_MYSQL_CORPUS.
func benchFiles(b *testing.B) [][]byte {
	root := os.Getenv("IDEMLINT_MYSQL_CORPUS")
	if root == "" {
		b.Skip("IDEMLINT_MYSQL_CORPUS not set")
	}
	var files [][]byte
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".sql") {
			src, _ := os.ReadFile(p)
			files = append(files, src)
		}
		return err
	})
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

// BenchmarkTiDBOnly is the floor: the TiDB parser over every statement
// the adapter hands it (top level, in bodies, in strings), cut
// beforehand, nothing else.
func BenchmarkTiDBOnly(b *testing.B) {
	var texts [][]string
	for _, src := range benchFiles(b) {
		s := &model.Script{Path: "x.sql", Dialect: model.MySQL, Source: src, Lines: model.NewLines(src)}
		mysql.Parse(s, lex.Tokenize(src, mysql.LexMode(model.DefaultTarget(model.MySQL))), nil)
		var list []string
		s.Walk(func(st *model.Statement) {
			if st.Routine == nil {
				list = append(list, s.Text(st.Span))
			}
		})
		texts = append(texts, list)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		next := make(chan []string)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := tidb.New()
				for list := range next {
					for _, t := range list {
						_, _, _ = p.ParseSQL(t)
					}
				}
			}()
		}
		for _, l := range texts {
			next <- l
		}
		close(next)
		wg.Wait()
	}
}

// BenchmarkAdapter is the MySQL adapter alone: lexing, splitting, parsing,
// bodies and strings.
func BenchmarkAdapter(b *testing.B) {
	files := benchFiles(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		spread(files, func(src []byte) {
			s := &model.Script{Path: "x.sql", Dialect: model.MySQL, Source: src, Lines: model.NewLines(src)}
			mysql.Parse(s, lex.Tokenize(src, mysql.LexMode(model.DefaultTarget(model.MySQL))), nil)
		})
	}
}

// BenchmarkLint is the whole linter on the same files.
func BenchmarkLint(b *testing.B) {
	files := benchFiles(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		spread(files, func(src []byte) {
			s := parser.Parse("mysql/x.sql", src, parser.Options{Dialect: model.MySQL})
			_ = rules.Run(s, nil)
		})
	}
}
