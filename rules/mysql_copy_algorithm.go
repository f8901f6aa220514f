package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// MySQLCopyAlgorithm finds ALTER TABLE operations MySQL and MariaDB can
// only run with ALGORITHM=COPY on an existing table, and explicit
// ALGORITHM=COPY or LOCK=SHARED|EXCLUSIVE.
var MySQLCopyAlgorithm = &Rule{
	ID:       "mysql-copy-algorithm",
	Summary:  "ALTER TABLE that MySQL/MariaDB can only run with ALGORITHM=COPY (or that asks for it, or for LOCK=SHARED/EXCLUSIVE) on an existing table: writes wait while the whole table is copied",
	Severity: Error,
	Category: Lock,
	Dialects: []model.Dialect{model.MySQL},
	Help:     "change the table online (gh-ost, pt-online-schema-change), or write the change so the server can do it in place, and add ALGORITHM=INPLACE, LOCK=NONE so that it refuses instead of copying",
	Examples: []Example{
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD COLUMN note varchar(200), ALGORITHM=COPY;\n", Bad: true},
		{Dialect: model.MySQL, SQL: "ALTER TABLE orders ADD COLUMN note varchar(200), ALGORITHM=INSTANT;\n"},
		{Dialect: model.MySQL, SQL: "CREATE TABLE orders (id int PRIMARY KEY, code varchar(20));\nALTER TABLE orders MODIFY code varchar(30);\n",
			Note: "VARCHAR growth within one length byte (up to 255 bytes) is done in place"},
		{Dialect: model.MariaDB, SQL: "ALTER TABLE orders DROP PRIMARY KEY;\n", Bad: true},
	},
	Run: func(p *Pass) {
		fkOff := false
		var sec *model.Section
		var last *model.Statement
		explicit := false
		p.LockOps(func(st *model.Statement, op *model.LockOp) {
			if st.Section != sec {
				sec, fkOff = st.Section, false
			}
			if op.Kind == model.LockFKChecksOff {
				fkOff = op.Setting == "0"
				return
			}
			if !live(op) {
				return
			}
			if st != last {
				last, explicit = st, false
			}
			table := op.Table.Qualified()
			switch {
			case op.Detail == "option" && op.Algorithm == "COPY" && !explicit:
				explicit = true
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("ALGORITHM=COPY copies the whole of %s into a new table while writes wait (time grows with the table's size)", table)})
				return
			case op.Detail == "option" && (op.LockMode == "SHARED" || op.LockMode == "EXCLUSIVE") && !explicit:
				explicit = true
				blocks := "writes"
				if op.LockMode == "EXCLUSIVE" {
					blocks = "reads and writes"
				}
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("LOCK=%s blocks %s on %s for the whole ALTER TABLE (time grows with the table's size)", op.LockMode, blocks, table),
					Help:    "leave LOCK out, or write LOCK=NONE so that the server refuses an operation that would block writes"})
				return
			}
			switch op.Algorithm {
			case "INPLACE", "INSTANT", "NOCOPY", "COPY":
				// Asked for in place: the server refuses rather than copy.
				// COPY was reported on its own clause.
				return
			}
			if why := copyReason(op, fkOff, p.Script.Dialect); why != "" {
				p.Report(Finding{Span: op.Span, Stmt: st,
					Message: fmt.Sprintf("%s: %s can only do it with ALGORITHM=COPY, which copies the whole of %s while writes wait (time grows with the table's size)%s",
						why, serverName(p.Script.Target), table, originNote(op))})
			}
		})
	},
}

// serverName is "MySQL 8.4" or "MariaDB 10.11".
func serverName(t model.Target) string {
	if t.IsZero() {
		return "the server"
	}
	return t.Label()
}

// copyReason says which operation of the clause needs ALGORITHM=COPY,
// after the "Online DDL Operations" tables of the MySQL 8.0/8.4 manual and
// MariaDB's "InnoDB Online DDL Operations with ALGORITHM=INPLACE"; ""
// when the server can do it in place or instantly, or when it cannot be
// told (a MODIFY whose old type is not known: it restates the type
// whether or not it changes).
func copyReason(op *model.LockOp, fkOff bool, d model.Dialect) string {
	switch op.Kind {
	case model.LockAlterType:
		if op.OldType == "" || op.Type == "" {
			return ""
		}
		if why := typeChangeCopies(op.OldType, op.Type, d); why != "" {
			return fmt.Sprintf("changing %s from %s to %s %s", op.Column, op.OldType, op.Type, why)
		}
	case model.LockConvertCharset:
		return op.Detail + " rewrites every character column"
	case model.LockDropPrimaryKey:
		return "DROP PRIMARY KEY without adding another in the same statement"
	case model.LockAddForeignKey:
		if !fkOff {
			return "ADD FOREIGN KEY while foreign_key_checks is on (only SET foreign_key_checks = 0 lets it run in place)"
		}
	case model.LockAddColumn:
		if op.Stored {
			return fmt.Sprintf("ADD COLUMN %s ... STORED (a stored generated column)", op.Column)
		}
	case model.LockPartitionBy:
		return op.Detail
	}
	return ""
}

// typeChangeCopies says why a MODIFY/CHANGE from old to typ needs a copy,
// or "" when it does not: the same type (only NULL, default or comment
// change), VARCHAR growth that keeps the number of length bytes (one up
// to 255 bytes, two beyond), or ENUM/SET members added at the end.
func typeChangeCopies(old, typ string, d model.Dialect) string {
	ob, om, ocs := splitMyType(old)
	nb, nm, ncs := splitMyType(typ)
	if ocs != ncs && ncs != "" && ocs != "" {
		return "(another character set)"
	}
	if ob == nb && om == nm {
		return ""
	}
	if ob != nb {
		return "(a data type change)"
	}
	switch nb {
	case "varchar", "varbinary":
		on, e1 := strconv.Atoi(om)
		nn, e2 := strconv.Atoi(nm)
		if e1 != nil || e2 != nil {
			return ""
		}
		if nn < on {
			return "(VARCHAR shrinks)"
		}
		cs := ncs
		if cs == "" {
			cs = ocs
		}
		// The bytes per character: the column's character set, else the
		// server's default (utf8mb4 on MySQL 8; latin1 or utf8mb4 on
		// MariaDB, so both must agree there).
		widths := []int{charWidth(cs)}
		if cs == "" {
			widths = []int{4}
			if d == model.MariaDB {
				widths = []int{1, 4}
			}
		}
		if nb == "varbinary" {
			widths = []int{1}
		}
		for _, w := range widths {
			if (on*w > 255) == (nn*w > 255) {
				return ""
			}
			// MariaDB stores a value under 128 bytes with one length
			// byte whatever the column's maximum, so a column of at most
			// 127 bytes grows in place (checked on MariaDB 10.11).
			if d == model.MariaDB && on*w <= 127 {
				return ""
			}
		}
		return "(the VARCHAR crosses 255 bytes: its length takes a second byte)"
	case "enum", "set":
		if strings.HasPrefix(strings.TrimSuffix(nm, ")"), strings.TrimSuffix(om, ")")) {
			return ""
		}
		return "(members removed, reordered or inserted before the end)"
	}
	return "(a data type change)"
}

// splitMyType splits "varchar(20) charset latin1" into "varchar", "20",
// "latin1"; integer display widths are dropped (MySQL 8 ignores them).
func splitMyType(t string) (base, mods, cs string) {
	t, cs, _ = strings.Cut(t, " charset ")
	base, mods, _ = strings.Cut(t, "(")
	mods, rest, _ := strings.Cut(mods, ")")
	base = strings.TrimSpace(base) + strings.TrimSpace(rest)
	switch strings.Fields(base + " x")[0] {
	case "tinyint", "smallint", "mediumint", "int", "bigint":
		mods = ""
	}
	return base, mods, cs
}

// charWidth is the most bytes a character takes in a character set.
func charWidth(cs string) int {
	switch cs {
	case "latin1", "ascii", "binary", "latin2", "cp1250", "cp1251", "cp1252":
		return 1
	case "ucs2":
		return 2
	case "utf8", "utf8mb3":
		return 3
	}
	return 4
}
