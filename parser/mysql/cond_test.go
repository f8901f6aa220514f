package mysql

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestChoiceConditions checks what the branch holding the DDL may assume,
// for the spellings of the existence test people write.
func TestChoiceConditions(t *testing.T) {
	const count = "(SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't' AND column_name = 'c')"
	const exists = "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c')"
	tests := []struct {
		cond string
		want string // the predicate on the first branch
	}{
		{count + " = 0", "choice column t.c absent"},
		{count + " < 1", "choice column t.c absent"},
		{count + " <= 0", "choice column t.c absent"},
		{count + " > 0", "choice column t.c exists"},
		{count + " >= 1", "choice column t.c exists"},
		{count + " != 0", "choice column t.c exists"},
		{count + " <> 0", "choice column t.c exists"},
		{"0 = " + count, "choice column t.c absent"},
		{"1 > " + count, "choice column t.c absent"},
		{count + " > 1", "choice unknown"},
		{exists, "choice column t.c exists"},
		{"NOT " + exists, "choice column t.c absent"},
		{"!(" + exists + ")", "choice column t.c absent"},
		{exists + " AND 1", "choice column t.c exists"},
		{exists + " OR 1", "choice unknown"},
		{"(SELECT column_name FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c') IS NULL", "choice column t.c absent"},
		{"(SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c' AND data_type = 'int') = 0", "choice unknown"},
		{"(SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c' AND data_type = 'int') > 0", "choice column t.c exists"},
		{"(SELECT COUNT(*) FROM information_schema.columns WHERE table_name = @t AND column_name = 'c') = 0", "choice column (name not known statically) absent"},
		{"(SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'app' AND table_name LIKE 't' AND column_name IN ('c')) = 0", "choice column app.t.c absent"},
		{"(SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 't' OR table_name = 'u') = 0", "choice table (name not known statically) absent"},
		{"(SELECT COUNT(*) FROM information_schema.routines WHERE routine_name = 'p' AND routine_type = 'PROCEDURE') = 0", "choice procedure p absent"},
		{"(SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_name = 'tr') = 0", "choice trigger tr absent"},
		{"(SELECT COUNT(*) FROM information_schema.referential_constraints WHERE constraint_name = 'fk' AND table_name = 't') = 0", "choice constraint t.fk absent"},
		{"(SELECT COUNT(*) FROM information_schema.key_column_usage k WHERE k.constraint_name = 'fk' AND k.table_name = 't') = 0", "choice constraint t.fk absent"},
		{"(SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'db') = 0", "choice schema db absent"},
		{"(SELECT COUNT(*) FROM t WHERE id = 1) = 0", "choice unknown"},
	}
	for _, tt := range tests {
		src := "SET @q = IF(" + tt.cond + ", 'DROP TABLE x', 'SELECT 1');\nPREPARE s FROM @q;"
		s := parse(t, src, model.MySQL)
		set := s.Statements[0]
		if len(set.Children) != 2 || len(set.Children[0].Guards) == 0 {
			t.Errorf("%s: %d children", tt.cond, len(set.Children))
			continue
		}
		var got []string
		for _, g := range set.Children[0].Guards {
			d := describePred(s, g)
			got = append(got, d[:strings.LastIndex(d, " @")])
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.cond, strings.Join(got, "; "), tt.want)
		}
		// The condition's span is the first argument of IF, exactly.
		if sp := set.Children[0].Guards[0].Span; s.Text(sp) != tt.cond {
			t.Errorf("%s: span text %q", tt.cond, s.Text(sp))
		}
	}
}

func TestCheckQuery(t *testing.T) {
	q, count, ok := CheckQuery("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'Orders' AND column_name = 'status';")
	if !ok || !count {
		t.Fatalf("ok=%v count=%v", ok, count)
	}
	if q.Eq["table_name"] != "Orders" || q.Eq["column_name"] != "status" || !q.CurrentSchema || len(q.Relations) != 1 || q.Relations[0] != "information_schema.columns" {
		t.Errorf("query = %+v", q)
	}
	if _, count, ok := CheckQuery("SELECT 1 FROM information_schema.tables WHERE table_name = 'x'"); !ok || count {
		t.Errorf("plain select: ok=%v count=%v", ok, count)
	}
	if _, _, ok := CheckQuery("SELEC 1"); ok {
		t.Error("invalid SQL accepted")
	}
	if _, _, ok := CheckQuery("DELETE FROM t"); ok {
		t.Error("DELETE accepted")
	}
}
