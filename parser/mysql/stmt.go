package mysql

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/auth"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Token helpers over a statement's tokens; indexes are into st.x.sig.

func (st *stmt) word(i int) string {
	if i < st.from || i >= st.to {
		return ""
	}
	return upper(st.x.src, st.x.sig[i])
}

// wordsAt reports whether the tokens from i spell words.
func (st *stmt) wordsAt(i int, words ...string) bool {
	for k, w := range words {
		if st.word(i+k) != w {
			return false
		}
	}
	return true
}

// find returns the first index in [from, to) where words start, or -1.
func (st *stmt) find(from, to int, words ...string) int {
	for i := max(from, st.from); i < to && i < st.to; i++ {
		if st.wordsAt(i, words...) {
			return i
		}
	}
	return -1
}

// tokSpan is the file span of tokens [i, j).
func (st *stmt) tokSpan(i, j int) model.Span {
	if j <= i {
		j = i + 1
	}
	if i < st.from {
		i = st.from
	}
	if j > st.to {
		j = st.to
	}
	if i >= j {
		a, b := st.body()
		return st.x.span(a, b)
	}
	return st.x.span(st.x.sig[i].Start, st.x.sig[j-1].End)
}

// bodySpan is the statement without its terminator, in the file.
func (st *stmt) bodySpan() model.Span {
	a, b := st.body()
	return st.x.span(a, b)
}

// guardSpan finds words within tokens [from, to).
func (st *stmt) guardSpan(from, to int, words ...string) model.Span {
	if i := st.find(from, to, words...); i >= 0 {
		return st.tokSpan(i, i+len(words))
	}
	return model.Span{}
}

// effect records an effect.
func (st *stmt) effect(e *model.Effect, sp model.Span) *model.Effect {
	e.Span = sp
	e.Stmt = st.Statement
	st.Effects = append(st.Effects, e)
	return e
}

// insertFix offers text inserted before token i.
func (st *stmt) insertFix(e *model.Effect, i int, s string) {
	if i < st.from || i >= st.to {
		return
	}
	at := st.x.file(st.x.sig[i].Start)
	e.Fixes = append(e.Fixes, model.Edit{Start: at, End: at, Text: s})
}

// appendFix offers text inserted after token i.
func (st *stmt) appendFix(e *model.Effect, i int, s string) {
	if i < st.from || i >= st.to {
		return
	}
	at := st.x.file(st.x.sig[i].End)
	e.Fixes = append(e.Fixes, model.Edit{Start: at, End: at, Text: s})
}

// nameAfter finds keyword kw (the first of words found) and returns its
// index and that of the name after it, past IF [NOT] EXISTS.
func (st *stmt) nameAfter(limit int, words ...string) (kw, name int) {
	for i := st.from; i < st.to && i < st.from+limit; i++ {
		w := st.word(i)
		for _, k := range words {
			if w == k {
				name = i + 1
				if st.wordsAt(name, "IF", "NOT", "EXISTS") {
					name += 3
				} else if st.wordsAt(name, "IF", "EXISTS") {
					name += 2
				}
				return i, name
			}
		}
	}
	return -1, -1
}

// head is the span from the statement start to the end of the name at
// token i.
func (st *stmt) head(name int) model.Span {
	if name < st.from || name >= st.to {
		return st.bodySpan()
	}
	return st.tokSpan(st.from, nameEnd(st.x.sig[:st.to], name))
}

func tableObject(tn *ast.TableName, kind model.ObjectKind) model.Object {
	if tn == nil {
		return model.Object{Kind: kind, Unknown: true}
	}
	return model.Object{Kind: kind, Schema: tn.Schema.O, Name: tn.Name.O}
}

// owned names an object that belongs to a table.
func owned(t model.Object, kind model.ObjectKind, name string) model.Object {
	return model.Object{Kind: kind, Schema: t.Schema, Table: t.Name, Name: name}
}

func userName(u *auth.UserIdentity) string {
	if u == nil {
		return ""
	}
	if u.Hostname == "" || u.Hostname == "%" {
		return u.Username
	}
	return u.Username + "@" + u.Hostname
}

// convert turns a parsed statement into the model.
func (c *conv) convert(st *stmt, node ast.StmtNode) {
	switch x := node.(type) {
	case *ast.CreateTableStmt:
		st.Kind = model.KindDDL
		st.create(tableObject(x.Table, model.KindTable), x.IfNotExists, x.TemporaryKeyword != ast.TemporaryNone, "TABLE")
		st.setDef(tableDef(x))
		if n := len(st.Effects); n > 0 {
			st.Effects[n-1].DependsOn = c.tableDepends(x)
		}
	case *ast.CreateIndexStmt:
		st.Kind = model.KindDDL
		obj := owned(tableObject(x.Table, model.KindTable), model.KindIndex, x.IndexName)
		st.create(obj, x.IfNotExists, false, "INDEX")
		st.setDef(indexKey(x))
	case *ast.CreateDatabaseStmt:
		st.Kind = model.KindDDL
		st.create(model.Object{Kind: model.KindDatabase, Name: x.Name.O}, x.IfNotExists, false, "DATABASE", "SCHEMA")
	case *ast.CreateViewStmt:
		st.Kind = model.KindDDL
		st.createReplaceable(tableObject(x.ViewName, model.KindView), x.OrReplace, "VIEW")
	case *ast.CreateSequenceStmt:
		st.Kind = model.KindDDL
		st.create(tableObject(x.Name, model.KindSequence), x.IfNotExists, false, "SEQUENCE")
	case *ast.CreateUserStmt:
		st.Kind = model.KindDDL
		kw := "USER"
		if x.IsCreateRole {
			kw = "ROLE"
		}
		for _, spec := range x.Specs {
			st.create(model.Object{Kind: model.KindRole, Name: userName(spec.User)}, x.IfNotExists, false, kw)
		}
	case *ast.AlterTableStmt:
		st.Kind = model.KindDDL
		st.alterTable(x)
		st.locks(x)
	case *ast.RenameTableStmt:
		st.Kind = model.KindDDL
		st.renameTables(x)
	case *ast.DropTableStmt:
		st.Kind = model.KindDDL
		kind := model.KindTable
		if x.IsView {
			kind = model.KindView
		}
		objs := make([]model.Object, 0, len(x.Tables))
		for _, t := range x.Tables {
			objs = append(objs, tableObject(t, kind))
		}
		st.drop(objs, x.IfExists, !x.IsView && x.TemporaryKeyword != ast.TemporaryNone, true, "TABLE", "VIEW", "TABLES")
	case *ast.DropIndexStmt:
		st.Kind = model.KindDDL
		st.drop([]model.Object{owned(tableObject(x.Table, model.KindTable), model.KindIndex, x.IndexName)}, x.IfExists, false, c.mariadb, "INDEX")
	case *ast.DropDatabaseStmt:
		st.Kind = model.KindDDL
		st.drop([]model.Object{{Kind: model.KindDatabase, Name: x.Name.O}}, x.IfExists, false, true, "DATABASE", "SCHEMA")
	case *ast.DropUserStmt:
		st.Kind = model.KindDDL
		objs := make([]model.Object, 0, len(x.UserList))
		for _, u := range x.UserList {
			objs = append(objs, model.Object{Kind: model.KindRole, Name: userName(u)})
		}
		st.drop(objs, x.IfExists, false, true, "USER", "ROLE")
	case *ast.DropProcedureStmt:
		st.Kind = model.KindDDL
		st.drop([]model.Object{tableObject(x.ProcedureName, model.KindProcedure)}, x.IfExists, false, true, "PROCEDURE")
	case *ast.DropSequenceStmt:
		st.Kind = model.KindDDL
		objs := make([]model.Object, 0, len(x.Sequences))
		for _, t := range x.Sequences {
			objs = append(objs, tableObject(t, model.KindSequence))
		}
		st.drop(objs, x.IfExists, false, c.mariadb, "SEQUENCE")
	case *ast.TruncateTableStmt:
		st.Kind = model.KindDDL
		obj := tableObject(x.Table, model.KindTable)
		_, name := st.nameAfter(3, "TRUNCATE", "TABLE")
		if st.wordsAt(name, "TABLE") {
			name++
		}
		st.effect(&model.Effect{Action: model.ActTruncate, Object: obj}, st.head(name))
	case *ast.InsertStmt:
		st.Kind = model.KindDML
		st.insert(x)
	case *ast.UpdateStmt:
		st.Kind = model.KindDML
		st.update(x)
	case *ast.DeleteStmt:
		st.Kind = model.KindDML
		st.delete(x)
	case *ast.SetStmt:
		c.set(st, x)
		st.locks(x)
	case *ast.SelectStmt:
		c.selectStmt(st, x, nil)
	case *ast.PrepareStmt:
		c.prepare(st, x)
	case *ast.ExecuteStmt:
		st.Exec = &model.Exec{Prepared: strings.ToLower(x.Name)}
	case *ast.CallStmt:
		if x.Procedure != nil {
			st.Exec = &model.Exec{Routine: model.Object{Kind: model.KindProcedure, Schema: x.Procedure.Schema.O, Name: x.Procedure.FnName.O}}
		}
	case *ast.BeginStmt:
		st.Kind, st.Tx = model.KindTx, model.TxBegin
	case *ast.CommitStmt:
		st.Kind, st.Tx = model.KindTx, model.TxCommit
	case *ast.RollbackStmt:
		st.Kind, st.Tx = model.KindTx, model.TxRollback
		if x.SavepointName != "" {
			st.Tx = model.TxSavepoint
		}
	case *ast.SavepointStmt, *ast.ReleaseSavepointStmt:
		st.Kind, st.Tx = model.KindTx, model.TxSavepoint
	case *ast.LockTablesStmt, *ast.UnlockTablesStmt, *ast.OptimizeTableStmt, *ast.RepairTableStmt,
		*ast.CleanupTableLockStmt:
		// Table maintenance and locks change no schema.
	case ast.DDLNode:
		st.Kind = model.KindDDL
	case *ast.LoadDataStmt, *ast.ImportIntoStmt, *ast.NonTransactionalDMLStmt:
		st.Kind = model.KindDML
	}
}

// create records CREATE <kw> name. IF NOT EXISTS goes before the name
// where the target server accepts it.
func (st *stmt) create(obj model.Object, ifNotExists, temporary bool, kws ...string) {
	kw, name := st.nameAfter(12, kws...)
	e := &model.Effect{Action: model.ActCreate, Object: obj, Temporary: temporary}
	if obj.Kind == model.KindIndex && obj.Name == "" {
		e.Unnamed = true
	}
	if ifNotExists {
		e.Guard = model.GuardIfNotExists
		e.GuardSpan = st.guardSpan(max(kw, st.from), st.to, "IF", "NOT", "EXISTS")
	} else if kw >= 0 && st.c.canIfNotExists(obj.Kind) && !e.Unnamed {
		st.insertFix(e, name, "IF NOT EXISTS ")
	}
	if kw < 0 {
		st.effect(e, st.bodySpan())
		return
	}
	st.effect(e, st.head(name))
}

// canIfNotExists lists the CREATE forms the target server accepts IF NOT
// EXISTS on: MySQL for tables, databases, users, roles and events (and
// routines and triggers from 8.0.29); MariaDB also for indexes and
// sequences.
func (c *conv) canIfNotExists(k model.ObjectKind) bool {
	switch k {
	case model.KindTable, model.KindDatabase, model.KindSchema, model.KindRole, model.KindEvent:
		return true
	case model.KindProcedure, model.KindFunction, model.KindTrigger:
		return c.s.Target.Has(model.RoutineIfNotExists)
	case model.KindIndex, model.KindSequence:
		return c.mariadb
	}
	return false
}

// createReplaceable records CREATE [OR REPLACE] VIEW / routine: the fix
// writes OR REPLACE after CREATE where the server has it.
func (st *stmt) createReplaceable(obj model.Object, orReplace bool, kws ...string) *model.Effect {
	_, name := st.nameAfter(24, kws...)
	e := &model.Effect{Action: model.ActCreate, Object: obj}
	if orReplace {
		e.Guard = model.GuardOrReplace
		e.GuardSpan = st.guardSpan(st.from, st.to, "OR", "REPLACE")
	} else if st.word(st.from) == "CREATE" {
		st.appendFix(e, st.from, " OR REPLACE")
	}
	return st.effect(e, st.head(name))
}

// drop records one effect per object of DROP <kw> [IF EXISTS] a, b.
// fixable says whether the server accepts IF EXISTS here.
func (st *stmt) drop(objs []model.Object, ifExists, temporary, fixable bool, kws ...string) {
	kw, first := st.nameAfter(6, kws...)
	body := st.bodySpan()
	var segs [][2]int
	if kw >= 0 {
		end := st.to
		if objs != nil && objs[0].Kind == model.KindIndex {
			if on := st.find(first, st.to, "ON"); on >= 0 {
				end = on
			}
		}
		segs = lex.Segments(st.x.sig, first, end)
	}
	for i, obj := range objs {
		e := &model.Effect{Action: model.ActDrop, Object: obj, Temporary: temporary}
		sp := body
		if len(objs) > 1 && len(segs) == len(objs) {
			sp = st.tokSpan(segs[i][0], segs[i][1])
		}
		if ifExists {
			e.Guard = model.GuardIfExists
			e.GuardSpan = st.guardSpan(st.from, st.to, "IF", "EXISTS")
		} else if i == 0 && kw >= 0 && fixable {
			st.insertFix(e, first, "IF EXISTS ")
		}
		st.effect(e, sp)
	}
}

// renameTables records RENAME TABLE a TO b, c TO d: one rename per pair.
func (st *stmt) renameTables(x *ast.RenameTableStmt) {
	kw, first := st.nameAfter(3, "TABLE", "TABLES")
	// MariaDB's RENAME TABLE IF EXISTS skips each missing table of the
	// list with a note (checked on 10.11).
	ifExists := kw >= 0 && st.wordsAt(kw+1, "IF", "EXISTS")
	var segs [][2]int
	if kw >= 0 {
		segs = lex.Segments(st.x.sig, first, st.to)
	}
	for i, p := range x.TableToTables {
		sp := st.bodySpan()
		if len(segs) == len(x.TableToTables) {
			sp = st.tokSpan(segs[i][0], segs[i][1])
		}
		e := &model.Effect{Action: model.ActRename, Object: tableObject(p.OldTable, model.KindTable)}
		if p.NewTable != nil {
			e.NewName = p.NewTable.Name.O
		}
		if ifExists {
			e.Guard, e.GuardSpan = model.GuardIfExists, st.tokSpan(kw+1, kw+3)
		}
		st.effect(e, sp)
	}
}
