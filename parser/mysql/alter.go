package mysql

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// specClass is the kind of an ALTER TABLE clause, as the AST and the
// tokens both tell it; the two are matched in order to find each clause's
// text (the parser keeps no positions for them, and merges table options
// written without commas into one clause).
type specClass uint8

const (
	clsOther specClass = iota
	clsAddColumn
	clsAddIndex
	clsAddConstraint
	clsDropColumn
	clsDropIndex
	clsDropFK
	clsDropPK
	clsDropCheck
	clsRenameColumn
	clsRenameIndex
	clsRenameTable
	clsChange
)

// segClass classifies the clause in tokens seg by its first words.
func (st *stmt) segClass(seg [2]int) specClass {
	i := seg[0]
	w1 := st.word(i + 1)
	switch st.word(i) {
	case "ADD":
		switch w1 {
		case "INDEX", "KEY", "FULLTEXT", "SPATIAL", "VECTOR", "COLUMNAR":
			return clsAddIndex
		case "UNIQUE", "PRIMARY", "FOREIGN", "CONSTRAINT", "CHECK":
			return clsAddConstraint
		case "PARTITION", "STATS_EXTENDED":
			return clsOther
		}
		return clsAddColumn
	case "DROP":
		switch w1 {
		case "INDEX", "KEY":
			return clsDropIndex
		case "FOREIGN":
			return clsDropFK
		case "PRIMARY":
			return clsDropPK
		case "CHECK", "CONSTRAINT":
			return clsDropCheck
		case "PARTITION", "STATS_EXTENDED", "DEFAULT":
			return clsOther
		}
		return clsDropColumn
	case "RENAME":
		switch w1 {
		case "COLUMN":
			return clsRenameColumn
		case "INDEX", "KEY":
			return clsRenameIndex
		}
		return clsRenameTable
	case "CHANGE":
		return clsChange
	}
	return clsOther
}

func specClassOf(spec *ast.AlterTableSpec) specClass {
	switch spec.Tp {
	case ast.AlterTableAddColumns:
		return clsAddColumn
	case ast.AlterTableAddConstraint:
		if spec.Constraint != nil && isIndex(spec.Constraint.Tp) {
			return clsAddIndex
		}
		return clsAddConstraint
	case ast.AlterTableDropColumn:
		return clsDropColumn
	case ast.AlterTableDropIndex:
		return clsDropIndex
	case ast.AlterTableDropForeignKey:
		return clsDropFK
	case ast.AlterTableDropPrimaryKey:
		return clsDropPK
	case ast.AlterTableDropCheck:
		return clsDropCheck
	case ast.AlterTableRenameColumn:
		return clsRenameColumn
	case ast.AlterTableRenameIndex:
		return clsRenameIndex
	case ast.AlterTableRenameTable:
		return clsRenameTable
	case ast.AlterTableChangeColumn:
		return clsChange
	}
	return clsOther
}

func isIndex(t ast.ConstraintType) bool {
	switch t {
	case ast.ConstraintIndex, ast.ConstraintKey, ast.ConstraintFulltext, ast.ConstraintVector, ast.ConstraintColumnar:
		return true
	}
	return false
}

// alterTable turns each ALTER TABLE clause into its effect, with the
// clause's own text as the span.
func (st *stmt) alterTable(x *ast.AlterTableStmt) {
	table := tableObject(x.Table, model.KindTable)
	kw, name := st.nameAfter(4, "TABLE")
	tableIfExists := kw >= 0 && st.wordsAt(kw+1, "IF", "EXISTS")
	var segs [][2]int
	if kw >= 0 {
		segs = lex.Segments(st.x.sig, nameEnd(st.x.sig[:st.to], name), st.to)
	}
	next := 0
	for _, spec := range x.Specs {
		cls := specClassOf(spec)
		if cls == clsOther {
			continue
		}
		seg := [2]int{-1, -1}
		for j := next; j < len(segs); j++ {
			if st.segClass(segs[j]) == cls {
				seg, next = segs[j], j+1
				break
			}
		}
		st.alterSpec(spec, cls, table, seg, tableIfExists)
	}
}

// after returns the index after the optional words at i, in order.
func (st *stmt) after(i int, words ...string) int {
	for _, w := range words {
		if st.word(i) == w {
			i++
		}
	}
	return i
}

func (st *stmt) alterSpec(spec *ast.AlterTableSpec, cls specClass, table model.Object, seg [2]int, tableIfExists bool) {
	mariadb := st.c.mariadb
	sp := st.bodySpan()
	// The guard words as written: TiDB records some MariaDB forms in the
	// AST and rejects others, which were blanked out before parsing.
	hasIfExists, hasIfNotExists := spec.IfExists, spec.IfNotExists
	if seg[0] >= 0 {
		sp = st.tokSpan(seg[0], seg[1])
		hasIfExists = hasIfExists || st.find(seg[0], seg[1], "IF", "EXISTS") >= 0
		hasIfNotExists = hasIfNotExists || st.find(seg[0], seg[1], "IF", "NOT", "EXISTS") >= 0
	}
	ifExists := func(e *model.Effect, fixAt int, fixable bool) {
		if hasIfExists {
			e.Guard = model.GuardIfExists
			e.GuardSpan = st.guardSpan(seg[0], seg[1], "IF", "EXISTS")
		} else if fixable && mariadb && seg[0] >= 0 {
			st.insertFix(e, fixAt, "IF EXISTS ")
		}
	}
	switch cls {
	case clsAddColumn:
		at := st.after(seg[0], "ADD", "COLUMN")
		var cols [][2]int
		if st.wordsAt(at, "IF", "NOT", "EXISTS") {
			at += 3
		}
		if at >= st.from && at < st.to && st.x.sig[at].Kind == lex.LParen {
			end := skipParens(st.x.sig[:st.to], at)
			cols = lex.Segments(st.x.sig, at+1, end-1)
		}
		for i, col := range spec.NewColumns {
			e := &model.Effect{Action: model.ActAdd, Object: owned(table, model.KindColumn, col.Name.Name.O)}
			cd, keys := columnDef(col)
			e.Def = &model.TableDef{Columns: []model.ColumnDef{cd}, Keys: keys}
			csp := sp
			if len(spec.NewColumns) > 1 && len(cols) == len(spec.NewColumns) {
				csp = st.tokSpan(cols[i][0], cols[i][1])
			}
			if hasIfNotExists {
				e.Guard = model.GuardIfNotExists
				e.GuardSpan = st.guardSpan(seg[0], seg[1], "IF", "NOT", "EXISTS")
			} else if mariadb && seg[0] >= 0 && i == 0 {
				st.insertFix(e, at, "IF NOT EXISTS ")
			}
			st.effect(e, csp)
		}
	case clsAddIndex, clsAddConstraint:
		con := spec.Constraint
		if con == nil {
			return
		}
		kind, act := model.KindConstraint, model.ActAdd
		if cls == clsAddIndex {
			kind, act = model.KindIndex, model.ActCreate
		}
		name := con.Name
		if con.Tp == ast.ConstraintPrimaryKey {
			name = "PRIMARY"
		}
		e := &model.Effect{Action: act, Object: owned(table, kind, name), Unnamed: name == "", DependsOn: foreignKeyDepends(con)}
		if k, ok := constraintKey(con); ok {
			e.Def = &model.TableDef{Keys: []model.KeyDef{k}}
		}
		if hasIfNotExists || con.IfNotExists {
			e.Guard = model.GuardIfNotExists
			e.GuardSpan = st.guardSpan(seg[0], seg[1], "IF", "NOT", "EXISTS")
		} else if mariadb && seg[0] >= 0 && name != "" {
			// MariaDB reads IF NOT EXISTS right after the index keywords:
			// ADD [UNIQUE|FULLTEXT|SPATIAL] {INDEX|KEY} IF NOT EXISTS name,
			// ADD [CONSTRAINT c] FOREIGN KEY IF NOT EXISTS ...
			i := seg[0] + 1
			switch con.Tp {
			case ast.ConstraintForeignKey:
				if k := st.find(i, seg[1], "FOREIGN", "KEY"); k >= 0 {
					st.insertFix(e, k+2, "IF NOT EXISTS ")
				}
			case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
				// Only without CONSTRAINT: the check is on the index name.
				if st.word(i) == "UNIQUE" {
					j := i + 1
					if w := st.word(j); w == "INDEX" || w == "KEY" {
						j++
					}
					st.insertFix(e, j, "IF NOT EXISTS ")
				}
			case ast.ConstraintIndex, ast.ConstraintKey, ast.ConstraintFulltext:
				j := st.after(i, "FULLTEXT", "SPATIAL")
				if w := st.word(j); w == "INDEX" || w == "KEY" {
					st.insertFix(e, j+1, "IF NOT EXISTS ")
				}
			}
		}
		st.effect(e, sp)
	case clsDropColumn:
		name := spec.Name
		if spec.OldColumnName != nil {
			name = spec.OldColumnName.Name.O
		}
		e := &model.Effect{Action: model.ActDrop, Object: owned(table, model.KindColumn, name)}
		ifExists(e, st.after(seg[0], "DROP", "COLUMN"), true)
		st.effect(e, sp)
	case clsDropIndex:
		e := &model.Effect{Action: model.ActDrop, Object: owned(table, model.KindIndex, spec.Name)}
		ifExists(e, seg[0]+2, true)
		st.effect(e, sp)
	case clsDropFK:
		e := &model.Effect{Action: model.ActDrop, Object: owned(table, model.KindConstraint, spec.Name)}
		ifExists(e, seg[0]+3, true)
		st.effect(e, sp)
	case clsDropPK:
		st.effect(&model.Effect{Action: model.ActDrop, Object: owned(table, model.KindConstraint, "PRIMARY")}, sp)
	case clsDropCheck:
		name := ""
		if spec.Constraint != nil {
			name = spec.Constraint.Name
		}
		e := &model.Effect{Action: model.ActDrop, Object: owned(table, model.KindConstraint, name)}
		ifExists(e, seg[0]+2, seg[0] >= 0 && st.word(seg[0]+1) == "CONSTRAINT")
		st.effect(e, sp)
	case clsRenameColumn, clsChange:
		if spec.OldColumnName == nil {
			return
		}
		old := spec.OldColumnName.Name.O
		var nw string
		switch {
		case spec.NewColumnName != nil:
			nw = spec.NewColumnName.Name.O
		case len(spec.NewColumns) > 0 && spec.NewColumns[0].Name != nil:
			nw = spec.NewColumns[0].Name.Name.O
		}
		if nw == "" || strings.EqualFold(old, nw) {
			return // CHANGE a a ...: a type change, re-run safe
		}
		e := &model.Effect{Action: model.ActRename, Object: owned(table, model.KindColumn, old), NewName: nw}
		ifExists(e, 0, false)
		st.effect(e, sp)
	case clsRenameIndex:
		e := &model.Effect{Action: model.ActRename, Object: owned(table, model.KindIndex, spec.FromKey.O), NewName: spec.ToKey.O}
		ifExists(e, 0, false)
		st.effect(e, sp)
	case clsRenameTable:
		e := &model.Effect{Action: model.ActRename, Object: table}
		if spec.NewTable != nil {
			e.NewName = spec.NewTable.Name.O
		}
		if tableIfExists {
			e.Guard = model.GuardIfExists
			e.GuardSpan = st.guardSpan(st.from, st.to, "IF", "EXISTS")
		}
		st.effect(e, sp)
	}
}
