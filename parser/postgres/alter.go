package postgres

import (
	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// alterTable turns each ALTER TABLE sub-command into its effect, with the
// sub-command's own clause as the span (the ADD COLUMN on line 3 of a
// multi-line ALTER TABLE, not the ALTER keyword).
func (st *stmt) alterTable(x *pg.AlterTableStmt) {
	c := st.c
	table := rangeVarObject(x.Relation, model.KindTable)
	body := c.body(st.sp)
	from, to := c.tokAt(body.Start), c.tokAt(body.End)
	var segs [][2]int
	if x.Relation != nil {
		if at, ok := c.loc(x.Relation.Location); ok {
			segs = lex.Segments(c.toks, c.nameEnd(c.tokContaining(at)), to)
		}
	}
	if len(segs) != len(x.Cmds) {
		segs = nil
	}
	for i, n := range x.Cmds {
		cmd := n.GetAlterTableCmd()
		if cmd == nil {
			continue
		}
		seg := [2]int{from, to}
		if segs != nil {
			seg = segs[i]
		}
		sp := c.tokSpan(seg[0], seg[1])
		if seg[0] >= seg[1] {
			sp = body
		}
		st.alterCmd(cmd, table, x.Objtype, sp, seg)
		st.lockCmd(cmd, table, x.Objtype, x.Relation == nil || x.Relation.Relpersistence == "t", sp)
	}
}

func (st *stmt) alterCmd(cmd *pg.AlterTableCmd, table model.Object, objtype pg.ObjectType, sp model.Span, seg [2]int) {
	c := st.c
	owned := func(kind model.ObjectKind, name string) model.Object {
		return model.Object{Kind: kind, Schema: table.Schema, Table: table.Name, Name: name}
	}
	switch cmd.Subtype {
	case pg.AlterTableType_AT_AddColumn:
		def := cmd.Def.GetColumnDef()
		if def == nil {
			return
		}
		e := &model.Effect{Action: model.ActAdd, Object: owned(model.KindColumn, def.Colname)}
		col, keys := columnDef(def, table.Name)
		e.Def = &model.TableDef{Columns: []model.ColumnDef{col}, Keys: keys}
		if c.file.recordDeps {
			e.DependsOn = columnDepends(def)
		}
		if cmd.MissingOk {
			e.Guard = model.GuardIfNotExists
			e.GuardSpan = c.guardSpan(sp, "IF", "NOT", "EXISTS")
		} else if at, ok := c.loc(def.Location); ok && objtype != pg.ObjectType_OBJECT_TYPE {
			st.insertFix(e, at, "IF NOT EXISTS ")
		}
		st.effect(e, sp)
	case pg.AlterTableType_AT_DropColumn:
		c.file.recordDeps = true
		e := &model.Effect{Action: model.ActDrop, Object: owned(model.KindColumn, cmd.Name)}
		st.dropGuard(e, cmd.MissingOk, sp, seg, "DROP", "COLUMN")
		st.effect(e, sp)
	case pg.AlterTableType_AT_AddConstraint, pg.AlterTableType_AT_AddIndexConstraint:
		name, unnamed := "", false
		var def *model.TableDef
		var deps []model.Object
		if con := cmd.Def.GetConstraint(); con != nil {
			if c.file.recordDeps {
				deps = constraintDepends(con)
			}
			if k, ok := constraintKey(con, table.Name, nil); ok {
				def = &model.TableDef{Keys: []model.KeyDef{k}}
			}
			name = con.Conname
			if name == "" {
				if con.Contype == pg.ConstrType_CONSTR_PRIMARY {
					// PostgreSQL names it <table>_pkey; a second one fails.
					name = table.Name + "_pkey"
				} else {
					unnamed = true
				}
			}
		} else if idx := cmd.Def.GetIndexStmt(); idx != nil {
			name = idx.Idxname
		}
		st.effect(&model.Effect{Action: model.ActAdd, Object: owned(model.KindConstraint, name), Unnamed: unnamed, Def: def, DependsOn: deps}, sp)
	case pg.AlterTableType_AT_DropConstraint:
		e := &model.Effect{Action: model.ActDrop, Object: owned(model.KindConstraint, cmd.Name)}
		st.dropGuard(e, cmd.MissingOk, sp, seg, "DROP", "CONSTRAINT")
		st.effect(e, sp)
	case pg.AlterTableType_AT_AlterColumnType:
		c.file.recordDeps = true
		def := cmd.Def.GetColumnDef()
		if def == nil || def.RawDefault == nil || !convertsValue(def.RawDefault, cmd.Name) {
			return
		}
		e := &model.Effect{Action: model.ActRetype, Object: owned(model.KindColumn, cmd.Name), NewType: regtypeInput(def.TypeName)}
		from, to := c.tokAt(sp.Start), c.tokAt(sp.End)
		if k := c.findWords(from, to, "USING"); k >= 0 {
			e.Using = string(c.text[c.toks[k+1].Start:c.toks[to-1].End])
		}
		st.effect(e, sp)
	case pg.AlterTableType_AT_DetachPartition:
		if pc := cmd.Def.GetPartitionCmd(); pc != nil && pc.Concurrent {
			st.noTx("DETACH PARTITION CONCURRENTLY", "CONCURRENTLY")
		}
	}
}

// dropGuard records IF EXISTS on a DROP, or the fix that adds it after
// the given keywords.
func (st *stmt) dropGuard(e *model.Effect, missingOk bool, sp model.Span, seg [2]int, words ...string) {
	c := st.c
	if missingOk {
		e.Guard = model.GuardIfExists
		e.GuardSpan = c.guardSpan(sp, "IF", "EXISTS")
		return
	}
	i := seg[0]
	for _, w := range words {
		if c.wordsAt(i, w) {
			i++
		}
	}
	if i < seg[1] {
		st.insertFix(e, c.toks[i].Start, "IF EXISTS ")
	}
}

// rename handles ALTER ... RENAME. IF EXISTS protects a rename only when
// it names the renamed object itself: ALTER TABLE IF EXISTS t RENAME TO u
// is skipped on the second run, RENAME COLUMN under it still fails.
func (st *stmt) rename(x *pg.RenameStmt) {
	c := st.c
	kind := kindOf(x.RenameType)
	var obj model.Object
	selfGuard := false
	switch x.RenameType {
	case pg.ObjectType_OBJECT_TABLE, pg.ObjectType_OBJECT_VIEW, pg.ObjectType_OBJECT_MATVIEW,
		pg.ObjectType_OBJECT_SEQUENCE, pg.ObjectType_OBJECT_INDEX, pg.ObjectType_OBJECT_FOREIGN_TABLE:
		obj = rangeVarObject(x.Relation, kind)
		selfGuard = true
	case pg.ObjectType_OBJECT_COLUMN, pg.ObjectType_OBJECT_TABCONSTRAINT, pg.ObjectType_OBJECT_TRIGGER,
		pg.ObjectType_OBJECT_POLICY, pg.ObjectType_OBJECT_RULE:
		obj = model.Object{Kind: kind, Name: x.Subname}
		if x.Relation != nil {
			obj.Schema, obj.Table = x.Relation.Schemaname, x.Relation.Relname
		}
		if x.RenameType == pg.ObjectType_OBJECT_COLUMN && x.RelationType == pg.ObjectType_OBJECT_TYPE {
			obj.Kind = model.KindColumn
		}
	case pg.ObjectType_OBJECT_ATTRIBUTE:
		schema, _, name := qualified(nodeName(x.Object))
		if x.Relation != nil {
			schema, name = x.Relation.Schemaname, x.Relation.Relname
		}
		obj = model.Object{Kind: model.KindColumn, Schema: schema, Table: name, Name: x.Subname}
	case pg.ObjectType_OBJECT_SCHEMA, pg.ObjectType_OBJECT_DATABASE, pg.ObjectType_OBJECT_ROLE,
		pg.ObjectType_OBJECT_TABLESPACE, pg.ObjectType_OBJECT_SUBSCRIPTION, pg.ObjectType_OBJECT_PUBLICATION:
		obj = model.Object{Kind: kind, Name: x.Subname}
		if obj.Name == "" {
			_, _, obj.Name = qualified(nodeName(x.Object))
		}
	default:
		schema, table, name := qualified(nodeName(x.Object))
		obj = model.Object{Kind: kind, Schema: schema, Table: table, Name: name, Args: routineSignature(x.RenameType, x.Object)}
		if x.RenameType == pg.ObjectType_OBJECT_DOMCONSTRAINT {
			obj = model.Object{Kind: model.KindConstraint, Schema: schema, Table: name, Name: x.Subname}
		}
	}
	e := &model.Effect{Action: model.ActRename, Object: obj, NewName: x.Newname}
	if x.MissingOk && selfGuard {
		e.Guard = model.GuardIfExists
		e.GuardSpan = c.guardSpan(st.sp, "IF", "EXISTS")
	}
	st.effect(e, c.body(st.sp))
}

// setSchema handles ALTER ... SET SCHEMA: the object leaves the name it
// had, so a second run no longer finds it.
func (st *stmt) setSchema(x *pg.AlterObjectSchemaStmt) {
	kind := kindOf(x.ObjectType)
	var obj model.Object
	if x.Relation != nil {
		obj = rangeVarObject(x.Relation, kind)
	} else {
		schema, table, name := qualified(nodeName(x.Object))
		obj = model.Object{Kind: kind, Schema: schema, Table: table, Name: name}
	}
	e := &model.Effect{Action: model.ActRename, Object: obj, NewName: x.Newschema + "." + obj.Name}
	if x.MissingOk {
		e.Guard = model.GuardIfExists
		e.GuardSpan = st.c.guardSpan(st.sp, "IF", "EXISTS")
	}
	st.effect(e, st.c.body(st.sp))
}

// alterEnum handles ALTER TYPE ... ADD VALUE and RENAME VALUE.
func (st *stmt) alterEnum(x *pg.AlterEnumStmt) {
	c := st.c
	schema, _, typ := qualified(strs(x.TypeName))
	body := c.body(st.sp)
	if x.OldVal != "" {
		obj := model.Object{Kind: model.KindEnumValue, Schema: schema, Table: typ, Name: x.OldVal}
		st.effect(&model.Effect{Action: model.ActRename, Object: obj, NewName: x.NewVal}, body)
		return
	}
	obj := model.Object{Kind: model.KindEnumValue, Schema: schema, Table: typ, Name: x.NewVal}
	e := &model.Effect{Action: model.ActAdd, Object: obj}
	from, to := c.tokAt(body.Start), c.tokAt(body.End)
	sp := body
	if k := c.findWords(from, to, "ADD", "VALUE"); k >= 0 {
		sp = c.tokSpan(k, to)
		val := k + 2
		if x.SkipIfNewValExists {
			e.Guard = model.GuardIfNotExists
			e.GuardSpan = c.fileSpan(c.tokSpan(val, val+3))
		} else if val < to {
			st.insertFix(e, c.toks[val].Start, "IF NOT EXISTS ")
		}
	}
	st.effect(e, sp)
}

// drop handles DROP <kind> [CONCURRENTLY] [IF EXISTS] a, b, ...
func (st *stmt) drop(x *pg.DropStmt) {
	info := objectKinds[x.RemoveType]
	kind := kindOf(x.RemoveType)
	objs := make([]model.Object, 0, len(x.Objects))
	for _, o := range x.Objects {
		parts := nodeName(o)
		var obj model.Object
		if info.owned && len(parts) >= 2 {
			obj = model.Object{Kind: kind, Name: parts[len(parts)-1], Table: parts[len(parts)-2]}
			if len(parts) >= 3 {
				obj.Schema = parts[len(parts)-3]
			}
		} else {
			schema, _, name := qualified(parts)
			if len(parts) == 3 {
				schema, name = parts[1], parts[2] // database.schema.name
			}
			obj = model.Object{Kind: kind, Schema: schema, Name: name}
		}
		obj.Args = routineSignature(x.RemoveType, o)
		objs = append(objs, obj)
	}
	words := info.words
	if x.Concurrent {
		words++
		st.noTx("DROP INDEX CONCURRENTLY", "CONCURRENTLY")
	}
	st.dropObjects(objs, x.MissingOk, words)
	for _, e := range st.Effects {
		e.Concurrently = x.Concurrent
		e.Cascade = x.Behavior == pg.DropBehavior_DROP_CASCADE
	}
	st.c.file.recordDeps = true
}

// dropObjects adds one drop effect per object. kindWords is how many
// keywords follow DROP before IF EXISTS or the first name.
func (st *stmt) dropObjects(objs []model.Object, missingOk bool, kindWords int) {
	c := st.c
	body := c.body(st.sp)
	from, to := c.tokAt(body.Start), c.tokAt(body.End)
	first := from + 1 + kindWords
	if missingOk && c.wordsAt(first, "IF", "EXISTS") {
		first += 2
	}
	segs := lex.Segments(c.toks, first, to)
	for i, obj := range objs {
		e := &model.Effect{Action: model.ActDrop, Object: obj}
		sp := body
		if len(objs) > 1 && len(segs) == len(objs) {
			// The first object's clause starts at DROP; the others at their name.
			sp = c.tokSpan(segs[i][0], segs[i][1])
			if i == 0 {
				sp.Start = body.Start
			}
		}
		if missingOk {
			e.Guard = model.GuardIfExists
			e.GuardSpan = c.guardSpan(body, "IF", "EXISTS")
		} else if first < to {
			// One IF EXISTS guards every name: each finding carries the
			// same edit, which --fix writes once.
			st.insertFix(e, c.toks[first].Start, "IF EXISTS ")
		}
		st.effect(e, sp)
	}
}

// convertsValue reports whether a USING expression computes the new value
// from the column by more than a cast: on a second run the column already
// has the new type, and the expression meets a type it was not written for.
func convertsValue(n *pg.Node, col string) bool {
	for {
		if tc := n.GetTypeCast(); tc != nil {
			n = tc.Arg
			continue
		}
		break
	}
	if n.GetColumnRef() != nil {
		return false
	}
	return refersTo(n, col, "")
}
