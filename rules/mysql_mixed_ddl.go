package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// MySQLMixedDDL finds MySQL files that cannot be retried after a failure
// half-way.
var MySQLMixedDDL = &Rule{
	ID:       "mysql-mixed-ddl",
	Summary:  "A MySQL/MariaDB migration mixes DDL with DML (or wraps DDL in a transaction) while some step is not re-run safe",
	Severity: Warning,
	Category: Transaction,
	Dialects: []model.Dialect{model.MySQL},
	Late:     true,
	Help:     "make every statement re-run safe, or split the DDL and the data changes into separate migrations",
	Examples: []Example{
		{Dialect: model.MySQL, SQL: "ALTER TABLE users ADD COLUMN plan varchar(20);\nUPDATE users SET plan = 'free' WHERE plan IS NULL;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "CREATE TABLE IF NOT EXISTS plans (id int PRIMARY KEY, name varchar(20));\nINSERT IGNORE INTO plans VALUES (1, 'free');\n", Note: "every step is re-run safe"},
	},
	Run: func(p *Pass) {
		for _, sec := range p.Script.Sections {
			if !unsafeIn(p.Prior, sec) {
				continue
			}
			var first model.StmtKind
			for _, st := range sec.Statements {
				k := effectiveKind(st)
				if st.Tx == model.TxBegin && containsDDLAfter(sec, st) {
					p.Report(Finding{Span: stmtHead(st), Stmt: st,
						Message: fmt.Sprintf("this transaction wraps DDL, which %s commits implicitly; a failure later in the file leaves the DDL applied, and the retry meets statements that are not re-run safe", dialectTitle(p.Script.Dialect))})
					break
				}
				if k != model.KindDDL && k != model.KindDML {
					continue
				}
				if first == model.KindOther {
					first = k
					continue
				}
				if k != first {
					p.Report(Finding{Span: stmtHead(st), Stmt: st,
						Message: fmt.Sprintf("this file mixes DDL and data changes; %s commits each DDL on its own, so a failure here leaves the %s before it applied, and the retry meets statements that are not re-run safe", dialectTitle(p.Script.Dialect), kindWord(first))})
					break
				}
			}
		}
	},
}

func kindWord(k model.StmtKind) string {
	if k == model.KindDDL {
		return "DDL"
	}
	return "data changes"
}

// effectiveKind classifies a statement by what it runs: a SET that holds
// prepared DDL, or a routine call, counts as the kind of its children.
func effectiveKind(st *model.Statement) model.StmtKind {
	if st.Routine != nil && !st.Routine.Anonymous {
		return model.KindDDL // creating a routine; its body runs later
	}
	if st.Kind == model.KindDDL || st.Kind == model.KindDML {
		return st.Kind
	}
	k := model.KindOther
	for _, c := range st.Children {
		switch effectiveKind(c) {
		case model.KindDDL:
			return model.KindDDL
		case model.KindDML:
			k = model.KindDML
		}
	}
	return k
}

func containsDDLAfter(sec *model.Section, begin *model.Statement) bool {
	after := false
	for _, st := range sec.Statements {
		if st == begin {
			after = true
			continue
		}
		if !after {
			continue
		}
		if st.Tx == model.TxCommit || st.Tx == model.TxRollback {
			return false
		}
		if effectiveKind(st) == model.KindDDL {
			return true
		}
	}
	return false
}

// unsafeIn reports whether a re-run finding lies in the section.
func unsafeIn(prior []Finding, sec *model.Section) bool {
	for _, f := range prior {
		if f.Rule.Category == Rerun && f.Stmt != nil && f.Stmt.Section == sec {
			return true
		}
	}
	return false
}

// stmtHead is the first line of a statement, for statement-level findings.
func stmtHead(st *model.Statement) model.Span { return st.Span }
