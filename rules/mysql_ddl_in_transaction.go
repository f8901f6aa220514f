package rules

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/model"
)

// MySQLDDLInTransaction finds DDL inside an explicit transaction on MySQL.
var MySQLDDLInTransaction = &Rule{
	ID:       "mysql-ddl-in-transaction",
	Summary:  "DDL between START TRANSACTION/BEGIN and COMMIT on MySQL/MariaDB commits implicitly",
	Severity: Warning,
	Category: Transaction,
	Dialects: []model.Dialect{model.MySQL},
	Help:     "move the DDL out of the transaction and make each statement re-run safe",
	Examples: []Example{
		{Dialect: model.MySQL, SQL: "START TRANSACTION;\nALTER TABLE users ADD COLUMN plan varchar(20);\nCOMMIT;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "START TRANSACTION;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;\nCOMMIT;\n"},
	},
	Run: func(p *Pass) {
		for _, st := range p.Script.Statements {
			if st.InExplicitTx && effectiveKind(st) == model.KindDDL {
				p.Report(Finding{Span: st.Span, Stmt: st,
					Message: fmt.Sprintf("%s inside a transaction: MySQL commits it implicitly, together with everything before it in the transaction", st.Tag)})
			}
		}
	},
}
