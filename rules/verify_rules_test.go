package rules_test

import (
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestVerifySuppressions: a suppression naming a verify rule hides that
// rule's findings when verify raises them, and lint, which never raises
// them, does not call it unused.
func TestVerifySuppressions(t *testing.T) {
	src := "CREATE TABLE IF NOT EXISTS audit (msg text);\n" +
		"-- idemlint:ignore rerun-diverges, bare-insert -- one audit row per deploy on purpose\n" +
		"INSERT INTO audit VALUES ('deployed');\n" +
		"-- idemlint:ignore rerun-error -- no reason needed here, but given\n" +
		"CREATE INDEX audit_msg ON audit (msg);\n"
	s := parser.Parse("m.sql", []byte(src), parser.Options{Dialect: model.Postgres})
	for _, f := range rules.Run(s, nil) {
		if f.Rule == rules.UnusedSuppression {
			t.Errorf("lint reports %s at %d: %s", f.Rule.ID, f.Span.Start, f.Message)
		}
	}
	ins, idx := s.Statements[1], s.Statements[2]
	in := []rules.Finding{
		{Rule: rules.RerunDiverges, Span: ins.Span, Stmt: ins},
		{Rule: rules.RerunError, Span: ins.Span, Stmt: ins},
		{Rule: rules.RerunError, Span: idx.Span, Stmt: idx},
	}
	out := rules.Suppress(s, in)
	if len(out) != 1 || out[0].Rule != rules.RerunError || out[0].Stmt != ins {
		var got []string
		for _, f := range out {
			got = append(got, f.Rule.ID+"@"+f.Stmt.Tag)
		}
		t.Errorf("Suppress kept %v, want only rerun-error on the INSERT", got)
	}
}
