package verify

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// TestBlame: on a real server, rerun-error sits on the statement whose
// second run failed and rerun-diverges on the statement that changed the
// database again (rows, contents, schema; inside a DO block, a goose
// transaction with LOCK, an explicit transaction), never on the file's
// first statement; a change made by several statements names the others.
func TestBlame(t *testing.T) {
	type want struct {
		rule string
		line int
		msg  string
	}
	for _, c := range []struct {
		dialect model.Dialect
		wants   map[string]want
	}{
		{model.Postgres, map[string]want{
			"1_schema.up.sql":         {},
			"2_rerun_error.up.sql":    {"rerun-error", 4, `column "status" of relation "orders" already exists`},
			"3_seed.up.sql":           {"rerun-diverges", 4, "rows: public.audit 1 → 2 (made by this statement)"},
			"4_counter.up.sql":        {"rerun-diverges", 3, "contents: public.counter (made by this statement)"},
			"5_unique.up.sql":         {"rerun-diverges", 2, "+index public.kinds_id_key1 (made by this statement)"},
			"6_two_statements.up.sql": {"rerun-diverges", 4, "(made by this statement and the statement on line 5)"},
			"7_do_block.up.sql":       {"rerun-diverges", 2, "rows: public.log2 1 → 2 (made by this statement)"},
		}},
		{model.MariaDB, map[string]want{
			"V1__schema.sql":      {},
			"V2__rerun_error.sql": {"rerun-error", 2, "Duplicate column name 'note'"},
			"V3__seed.sql":        {"rerun-diverges", 3, "rows: audit 1 → 2 (made by this statement)"},
			"V4__index.sql":       {"rerun-diverges", 2, "schema: +index kinds.id_2 (made by this statement)"},
			"V5__update.sql":      {"rerun-diverges", 3, "contents: settings (made by this statement)"},
		}},
	} {
		t.Run(c.dialect.String(), func(t *testing.T) {
			srv := server(t, c.dialect)
			files, err := Collect([]string{filepath.Join(fixtures, c.dialect.String(), "blame")})
			if err != nil {
				t.Fatal(err)
			}
			results, err := Run(context.Background(), srv, files, Options{Dialect: c.dialect, Timeout: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if len(results) != len(c.wants) {
				t.Fatalf("%d results, want %d", len(results), len(c.wants))
			}
			for i := range results {
				r := &results[i]
				name := filepath.Base(r.Path)
				w, ok := c.wants[name]
				if !ok {
					t.Errorf("unexpected file %s", name)
					continue
				}
				fs := r.Findings(srv.Describe())
				if w.rule == "" {
					if len(fs) != 0 {
						t.Errorf("%s: %v, want no finding", name, fs)
					}
					continue
				}
				if len(fs) != 1 {
					t.Errorf("%s: %d findings, want 1", name, len(fs))
					continue
				}
				f := fs[0]
				line := r.Script.Lines.Position(f.Span.Start).Line
				if f.Rule.ID != w.rule || line != w.line || !strings.Contains(f.Message, w.msg) {
					t.Errorf("%s: %s on line %d: %s\nwant %s on line %d containing %q", name, f.Rule.ID, line, f.Message, w.rule, w.line, w.msg)
				}
				if f.Stmt == nil || r.Script.Text(f.Span) != r.Script.Text(f.Stmt.Span) {
					t.Errorf("%s: the finding's span is not its statement's", name)
				}
				if r.Guessed {
					t.Errorf("%s: the culprit was guessed, want it watched", name)
				}
			}
		})
	}
}

// TestGuessCulprit: without a server, the statement that writes what
// changed: the INSERT into the table whose rows changed, the DDL on the
// changed object, a write inside a DO block; nothing when nothing
// matches.
func TestGuessCulprit(t *testing.T) {
	src := "CREATE TABLE IF NOT EXISTS a (id int);\n" +
		"INSERT INTO b VALUES (1) ON CONFLICT DO NOTHING;\n" +
		"INSERT INTO a VALUES (1);\n" +
		"ALTER TABLE b ADD UNIQUE (id);\n" +
		"DO $$ BEGIN UPDATE c SET n = n + 1; END $$;\n"
	s := parser.Parse("x.sql", []byte(src), parser.Options{Dialect: model.Postgres, Framework: model.FrameworkNone})
	plan := Plan(s)
	for _, c := range []struct {
		diff Diff
		line int
	}{
		{Diff{Rows: []string{"public.a 1 → 2"}}, 3},
		{Diff{Schema: []string{"+constraint public.b.b_id_key1", "+index public.b_id_key1"}}, 4},
		{Diff{Contents: []string{"public.c"}}, 5},
		{Diff{Rows: []string{"public.zzz 1 → 2"}}, 0},
	} {
		st := guessCulprit(s, plan, c.diff)
		line := 0
		if st != nil {
			line = s.Lines.Position(st.Span.Start).Line
		}
		if line != c.line {
			t.Errorf("%s: line %d, want %d", c.diff, line, c.line)
		}
	}
}
