package schema_test

import (
	"fmt"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// locks parses a PostgreSQL migration on top of prior and returns its locking
// clauses, in order, with the facts the history filled in.
func locks(t *testing.T, path, sql string, prior *schema.History) []*model.LockOp {
	t.Helper()
	s := parser.Parse(path, []byte(sql), parser.Options{Dialect: model.Postgres, Schema: prior})
	var out []*model.LockOp
	s.Walk(func(st *model.Statement) {
		if st.Err != nil {
			t.Fatalf("%s: %s", s.Text(st.Span), st.Err.Message)
		}
		out = append(out, st.Locks...)
	})
	return out
}

func TestOriginTypesAndChecks(t *testing.T) {
	first := `CREATE TABLE orders (id bigint PRIMARY KEY, code varchar(20), note text);
CREATE INDEX orders_code_idx ON orders (code);
ALTER TABLE orders ADD CONSTRAINT note_nn CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT code_nn CHECK (code IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT code_nn;
ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);
`
	s := parser.Parse("001_first.sql", []byte(first), parser.Options{Dialect: model.Postgres})
	ops := locks(t, "001_first.sql", first, nil)
	for _, op := range ops {
		if op.Origin != model.OriginHere {
			t.Errorf("first file: %v on %s: origin %v, want created here", op.Kind, op.Table.Name, op.Origin)
		}
	}
	h := schema.New(model.Postgres)
	h.SetFile("001_first.sql")
	h.ApplyChanges(schema.Changes(s))

	second := `ALTER TABLE orders ALTER COLUMN code TYPE text;
ALTER TABLE orders ALTER COLUMN code SET NOT NULL;
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
DROP INDEX orders_code_idx;
CREATE TABLE fresh (id int);
CREATE INDEX ON fresh (id);
CREATE INDEX ON elsewhere (id);
`
	ops = locks(t, "002_second.sql", second, h)
	// CREATE TABLE locks no existing table: six clauses for seven statements.
	if len(ops) != 6 {
		t.Fatalf("got %d locking clauses, want 6", len(ops))
	}
	want := []struct {
		origin  model.Origin
		oldType string
		checked bool
		table   string
	}{
		{model.OriginBefore, "varchar(40)", true, "orders"},
		{model.OriginBefore, "text", true, "orders"},
		{model.OriginBefore, "text", false, "orders"},
		{model.OriginBefore, "", false, "orders"},
		{model.OriginHere, "", false, "fresh"},
		{model.OriginUnknown, "", false, "elsewhere"},
	}
	for i, w := range want {
		op := ops[i]
		if op.Origin != w.origin || op.OldType != w.oldType || op.NotNullOK != w.checked || op.Table.Name != w.table {
			t.Errorf("clause %d (%v): origin %v, old type %q, checked %v, table %q; want %v, %q, %v, %q",
				i, op.Kind, op.Origin, op.OldType, op.NotNullOK, op.Table.Name, w.origin, w.oldType, w.checked, w.table)
		}
	}
	// Without the history, the same file knows only what it creates.
	for _, op := range locks(t, "002_second.sql", second, nil) {
		if op.Table.Name == "orders" && op.Origin != model.OriginUnknown {
			t.Errorf("no history: %v on orders has origin %v", op.Kind, op.Origin)
		}
	}
}

// A table the file creates IF NOT EXISTS is new only when no earlier
// migration made it; a rollback sees the tables of its up section as
// existing ones.
func TestOriginGuardedCreateAndRollback(t *testing.T) {
	h := schema.New(model.Postgres)
	h.SetFile("001.sql")
	h.ApplyScript(parser.Parse("001.sql", []byte("CREATE TABLE t (id int);\n"), parser.Options{Dialect: model.Postgres}))
	sql := "CREATE TABLE IF NOT EXISTS t (id int);\nCREATE INDEX t_idx ON t (id);\n"
	if ops := locks(t, "002.sql", sql, h); ops[0].Origin != model.OriginBefore {
		t.Errorf("with history: origin %v, want created before", ops[0].Origin)
	}
	if ops := locks(t, "002.sql", sql, nil); ops[0].Origin != model.OriginHere {
		t.Errorf("alone: origin %v, want created here", ops[0].Origin)
	}
	goose := "-- +goose Up\nCREATE TABLE u (id int);\nCREATE INDEX u_a ON u (id);\n-- +goose Down\nDROP INDEX u_a;\n"
	ops := locks(t, "003.sql", goose, nil)
	if ops[0].Origin != model.OriginHere || ops[1].Origin != model.OriginUnknown || ops[1].Table.Name != "u" {
		t.Errorf("goose: up origin %v, down origin %v on %q; want here, not known (existing, not an earlier migration's), u", ops[0].Origin, ops[1].Origin, ops[1].Table.Name)
	}
}

// TestWalkerAnyOrder: a Walker asked about statements in any order, again
// and again, answers as Walk does at each statement.
func TestWalkerAnyOrder(t *testing.T) {
	sql := `-- +goose Up
CREATE TABLE a (id int PRIMARY KEY, v varchar(10));
ALTER TABLE a ALTER COLUMN v TYPE text;
CREATE TABLE b (id int);
ALTER TABLE b RENAME TO c;
ALTER TABLE a ADD COLUMN w int;
-- +goose Down
ALTER TABLE a DROP COLUMN w;
DROP TABLE c;
`
	s := parser.Parse("001.sql", []byte(sql), parser.Options{Dialect: model.Postgres})
	answers := func(h *schema.History) string {
		var out string
		for _, name := range []string{"a", "b", "c"} {
			o := model.Object{Kind: model.KindTable, Name: name}
			out += fmt.Sprintf("%s:%v:%q:%q ", name, h.Origin(o), h.ColumnType(o, "v"), h.ColumnType(o, "w"))
		}
		return out
	}
	var order []*model.Statement
	var want []string
	schema.Walk(nil, s, func(st *model.Statement, h *schema.History) {
		order = append(order, st)
		want = append(want, answers(h))
	})
	if len(order) != 7 {
		t.Fatalf("walked %d statements, want 7", len(order))
	}
	w := schema.NewWalker(nil, s)
	for _, i := range []int{0, 3, 3, 6, 1, 2, 5, 4, 0, 6} {
		if got := answers(w.Before(order[i])); got != want[i] {
			t.Errorf("statement %d: %s, want %s", i, got, want[i])
		}
	}
	if w.Before(&model.Statement{}) != nil {
		t.Error("a statement of another script has a history")
	}
}
