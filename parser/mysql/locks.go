package mysql

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/mysql"
	"github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// What each ALTER TABLE does that decides its algorithm (INSTANT,
// INPLACE, COPY), for the lock rules (model.LockOp); and SET
// foreign_key_checks, which lets ADD FOREIGN KEY run in place and a DROP
// TABLE go whatever references the table (the dependency analysis reads
// that one).

// locks records the locking clauses of an ALTER TABLE or a SET.
func (st *stmt) locks(node ast.StmtNode) {
	switch x := node.(type) {
	case *ast.AlterTableStmt:
		st.alterLocks(x)
	case *ast.SetStmt:
		for _, v := range x.Variables {
			if v == nil || !strings.EqualFold(v.Name, "foreign_key_checks") || v.Value == nil {
				continue
			}
			if ve, ok := v.Value.(*test_driver.ValueExpr); ok {
				switch strings.ToLower(fmt.Sprint(ve.GetValue())) {
				case "0", "off", "false":
					st.Locks = append(st.Locks, &model.LockOp{Kind: model.LockFKChecksOff, Setting: "0", Span: st.bodySpan()})
				default:
					st.Locks = append(st.Locks, &model.LockOp{Kind: model.LockFKChecksOff, Setting: "1", Span: st.bodySpan()})
				}
			}
		}
	}
}

// alterLocks records one clause per ALTER TABLE specification, with the
// statement's ALGORITHM= and LOCK= on each.
func (st *stmt) alterLocks(x *ast.AlterTableStmt) {
	table := tableObject(x.Table, model.KindTable)
	algorithm, lock := "", ""
	for _, spec := range x.Specs {
		switch spec.Tp {
		case ast.AlterTableAlgorithm:
			algorithm = spec.Algorithm.String()
		case ast.AlterTableLock:
			lock = spec.LockType.String()
		}
	}
	// The words as written: TiDB is handed MariaDB's NOCOPY as COPY.
	if i := st.find(st.from, st.to, "ALGORITHM"); i >= 0 {
		for j := i + 1; j < st.to && j <= i+2; j++ {
			if w := st.word(j); w == "NOCOPY" || w == "COPY" || w == "INPLACE" || w == "INSTANT" || w == "DEFAULT" {
				algorithm = w
			}
		}
	}
	if algorithm == "DEFAULT" {
		algorithm = ""
	}
	var segs [][2]int
	if kw, name := st.nameAfter(4, "TABLE"); kw >= 0 {
		segs = lex.Segments(st.x.sig, nameEnd(st.x.sig[:st.to], name), st.to)
	}
	if len(segs) != len(x.Specs) {
		segs = nil
	}
	addsPK := false
	for _, spec := range x.Specs {
		addsPK = addsPK || spec.Tp == ast.AlterTableAddConstraint && spec.Constraint != nil && spec.Constraint.Tp == ast.ConstraintPrimaryKey
	}
	for i, spec := range x.Specs {
		sp := st.bodySpan()
		if segs != nil {
			sp = st.tokSpan(segs[i][0], segs[i][1])
		}
		op := &model.LockOp{Kind: model.LockOther, Table: table, Span: sp, Algorithm: algorithm, LockMode: lock}
		switch spec.Tp {
		case ast.AlterTableAlgorithm, ast.AlterTableLock:
			op.Detail = "option"
		case ast.AlterTableAddColumns:
			op.Kind = model.LockAddColumn
			for _, col := range spec.NewColumns {
				cd, _ := columnDef(col)
				op.Column, op.Type = cd.Name, cd.Type
				for _, o := range col.Options {
					if o.Tp == ast.ColumnOptionGenerated && o.Stored {
						op.Stored = true
					}
				}
			}
		case ast.AlterTableModifyColumn, ast.AlterTableChangeColumn:
			if len(spec.NewColumns) == 0 || spec.NewColumns[0].Tp == nil {
				break
			}
			op.Kind = model.LockAlterType
			cd, _ := columnDef(spec.NewColumns[0])
			op.Column, op.Type = cd.Name, cd.Type
			if spec.OldColumnName != nil {
				op.Column = spec.OldColumnName.Name.O
			}
		case ast.AlterTableDropColumn:
			op.Kind = model.LockDropColumn
		case ast.AlterTableDropPrimaryKey:
			if !addsPK {
				op.Kind = model.LockDropPrimaryKey
			}
		case ast.AlterTableAddConstraint:
			if spec.Constraint == nil {
				break
			}
			switch spec.Constraint.Tp {
			case ast.ConstraintForeignKey:
				op.Kind = model.LockAddForeignKey
				if spec.Constraint.Refer != nil && spec.Constraint.Refer.Table != nil {
					op.Ref = tableObject(spec.Constraint.Refer.Table, model.KindTable)
				}
			case ast.ConstraintPrimaryKey:
				op.Kind = model.LockAddPrimaryKey
			case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
				op.Kind = model.LockAddUnique
			case ast.ConstraintCheck:
				op.Kind = model.LockAddCheck
			default:
				op.Kind = model.LockCreateIndex
			}
		case ast.AlterTableOption:
			for _, o := range spec.Options {
				if o.Tp == ast.TableOptionCharset && o.UintValue == ast.TableOptionCharsetWithConvertTo {
					op.Kind, op.Detail = model.LockConvertCharset, "CONVERT TO CHARACTER SET "+o.StrValue
				}
			}
		case ast.AlterTablePartition, ast.AlterTableRemovePartitioning:
			op.Kind = model.LockPartitionBy
			op.Detail = "PARTITION BY"
			if spec.Tp == ast.AlterTableRemovePartitioning {
				op.Detail = "REMOVE PARTITIONING"
			}
		}
		st.Locks = append(st.Locks, op)
	}
}

// columnType is a column's declared type as the lock rules compare
// them: "varchar(20)", "enum('a','b')", with " charset cs" when the
// column names one (it decides how many bytes a VARCHAR length takes).
func columnType(c *ast.ColumnDef) string {
	if c.Tp == nil {
		return ""
	}
	t := strings.ToLower(c.Tp.CompactStr())
	if mysql.HasUnsignedFlag(c.Tp.GetFlag()) {
		t += " unsigned"
	}
	if cs := c.Tp.GetCharset(); cs != "" {
		t += " charset " + strings.ToLower(cs)
	}
	return t
}
