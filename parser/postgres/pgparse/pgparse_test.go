package pgparse

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
	"google.golang.org/protobuf/proto"

	"github.com/idemlint/idemlint/parser/lex"
)

// sqlTexts returns every .sql file under the repository's testdata
// folders, and under the folders IDEMLINT_PGPARSE_DIRS lists (a path list,
// for a corpus kept outside the repository), each whole and cut into its
// statements, so that a file the grammar refuses still has its other
// statements compared.
func sqlTexts(t testing.TB) []string {
	roots := []string{filepath.Join("..", "..", "..", "testdata"), filepath.Join("..", "..", "testdata")}
	if extra := os.Getenv("IDEMLINT_PGPARSE_DIRS"); extra != "" {
		roots = append(roots, filepath.SplitList(extra)...)
	}
	var out []string
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			out = append(out, string(src))
			from := 0
			for _, tok := range lex.Tokenize(src, lex.Postgres) {
				if tok.Kind == lex.Semicolon {
					out = append(out, string(src[from:tok.End]))
					from = tok.End
				}
			}
			return nil
		})
	}
	if len(out) < 100 {
		t.Fatalf("only %d texts found", len(out))
	}
	return out
}

// same fails t unless Parse gives what pg_query_go's Parse gives.
func same(t testing.TB, sql string) (viaJSON bool) {
	want, wantErr := pg.Parse(sql)
	got, gotErr := Parse(sql)
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%q: error %v, pg_query_go's %v", sql, gotErr, wantErr)
	}
	if wantErr != nil {
		var a, b *parser.Error
		if errors.As(wantErr, &a) && errors.As(gotErr, &b) && *a != *b {
			t.Fatalf("%q: error %+v, pg_query_go's %+v", sql, *b, *a)
		}
		return false
	}
	if !proto.Equal(got, want) {
		t.Fatalf("%q: tree differs from pg_query_go's:\n%v\n%v", sql, got, want)
	}
	js, err := parser.ParseToJSON(sql)
	if err != nil {
		return false
	}
	_, ok := decode(js, sql)
	return ok
}

// TestSameTree compares Parse with pg_query_go's Parse on every fixture,
// and requires the JSON path to have been taken for nearly all of them:
// a decoder that gave up on everything would pass the comparison alone.
func TestSameTree(t *testing.T) {
	texts := sqlTexts(t)
	parsed, decoded := 0, 0
	for _, sql := range texts {
		if _, err := pg.Parse(sql); err != nil {
			same(t, sql)
			continue
		}
		parsed++
		if same(t, sql) {
			decoded++
		}
	}
	t.Logf("%d texts, %d parsed, %d decoded from JSON", len(texts), parsed, decoded)
	if decoded < parsed*99/100 {
		t.Errorf("only %d of %d parsed texts decoded from JSON", decoded, parsed)
	}
}

func TestLostNegative(t *testing.T) {
	for _, sql := range []string{
		"SELECT -1, 0",
		"SELECT - /* c */ 5",
		"SELECT -(7), - ( 8 ), -0, - -0, -1_000, -0x1F, -0o17, -0b101, -017, -2147483648, -2147483647",
		"CREATE TABLE t (a int DEFAULT -1, b bigint DEFAULT -9223372036854775808)",
		"ALTER SEQUENCE s INCREMENT BY -1 MINVALUE -100",
		"CREATE TABLE t (a int DEFAULT -1, b int DEFAULT 0)",
		"SELECT '{\"a\":1}'::jsonb->'a', 0",
		"SELECT 'a-1', 0 -- 2020-01-01\n",
		"SELECT E'\\xff'",
		"CREATE TABLE t (a text[], b int[3][], c int ARRAY, d int[0], e int[ /* c */ 00])",
		"CREATE TABLE t (a text[], b int[1])",
		"CREATE AGGREGATE a(int) (sfunc = f, stype = int)",
		"CREATE AGGREGATE a(ORDER BY int) (sfunc = f, stype = int)",
		"CREATE AGGREGATE a(int ORDER BY int) (sfunc = f, stype = int)",
		"ALTER SEQUENCE s INCREMENT BY -1 START 0; SELECT 1, 'a'::text[];\n  /* c */ CREATE TABLE t (a int[0], b int DEFAULT -2);\nSELECT x[0] FROM t",
		"SELECT 0 - 1; CREATE AGGREGATE a(int) (sfunc = f, stype = int); SELECT -3",
		"SELECT '<tag>', 'tab\there', 'quote\"', 'back\\slash', 'é', '😀'",
	} {
		same(t, sql)
	}
	if mayNegate("SELECT 'a-1', x->'b', y->>'c' -- -1\n") {
		t.Error("minus in a string, a comment or an arrow taken for a sign")
	}
	if !mayNegate("SELECT 1 - 2") {
		t.Error("binary minus not seen")
	}
}

func TestDeepNesting(t *testing.T) {
	for _, n := range []int{100, 1000, 5000} {
		same(t, "SELECT "+strings.Repeat("(", n)+"1"+strings.Repeat(")", n))
		same(t, "SELECT "+strings.Repeat("ARRAY[", n)+"1"+strings.Repeat("]", n))
	}
}

// FuzzParse compares Parse with pg_query_go's Parse, from the fixtures'
// statements.
func FuzzParse(f *testing.F) {
	for _, s := range sqlTexts(f) {
		if len(s) <= 1<<12 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, sql string) {
		if len(sql) > 1<<12 || strings.IndexByte(sql, 0) >= 0 {
			return
		}
		same(t, sql)
	})
}

func BenchmarkParse(b *testing.B) {
	texts := sqlTexts(b)
	b.Run("pgparse", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				_, _ = Parse(s)
			}
		}
	})
	b.Run("pg_query_go", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				_, _ = pg.Parse(s)
			}
		}
	})
}

// TestRedo checks that only the statements the JSON cannot settle are
// parsed again, and that their trees land where they are in the text.
func TestRedo(t *testing.T) {
	sql := "SELECT 1, 'a'::text[]; ALTER SEQUENCE s INCREMENT BY -1 START 0; SELECT 2;\nCREATE TABLE t (a int[0]); SELECT -4"
	js, err := parser.ParseToJSON(sql)
	if err != nil {
		t.Fatal(err)
	}
	d := &decoder{s: js, sql: sql}
	d.mParseResult()
	if len(d.redo) != 2 {
		t.Fatalf("%d statements parsed again, want 2 (the sequence and the table)", len(d.redo))
	}
	same(t, sql)
}
