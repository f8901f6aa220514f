package postgres

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// What each statement locks, for the lock rules (model.LockOp). The
// re-run analysis never reads these, so they are recorded beside the
// effects, not as effects.

// locks records the statement-level locking clauses: CREATE INDEX, DROP
// INDEX, REINDEX, VACUUM FULL, CLUSTER and SET lock_timeout. ALTER TABLE
// sub-commands are recorded by lockCmd, clause by clause.
func (st *stmt) locks(n *pg.Node) {
	c := st.c
	sp := c.fileSpan(c.body(st.sp))
	add := func(op *model.LockOp) {
		if op.Span == (model.Span{}) {
			op.Span = sp
		}
		st.Locks = append(st.Locks, op)
	}
	switch {
	case n.GetIndexStmt() != nil:
		x := n.GetIndexStmt()
		if x.Relation == nil || x.Relation.Relpersistence == "t" {
			return
		}
		op := &model.LockOp{Kind: model.LockCreateIndex, Table: rangeVarObject(x.Relation, model.KindTable),
			Index:        model.Object{Kind: model.KindIndex, Schema: x.Relation.Schemaname, Name: x.Idxname},
			Concurrently: x.Concurrent, Unique: x.Unique}
		if len(st.Effects) > 0 {
			op.Span = st.Effects[0].Span
		}
		add(op)
	case n.GetCreateStmt() != nil:
		// A foreign key to an existing table locks it while the new table
		// is created.
		x := n.GetCreateStmt()
		if x.Relation == nil || x.Relation.Relpersistence == "t" {
			return
		}
		seen := map[model.Object]bool{}
		refs := func(con *pg.Constraint) {
			if con != nil && con.Contype == pg.ConstrType_CONSTR_FOREIGN && con.Pktable != nil {
				if o := rangeVarObject(con.Pktable, model.KindTable); !seen[o] {
					seen[o] = true
					add(&model.LockOp{Kind: model.LockReference, Table: o})
				}
			}
		}
		for _, e := range x.TableElts {
			if cd := e.GetColumnDef(); cd != nil {
				for _, c := range cd.Constraints {
					refs(c.GetConstraint())
				}
			}
			refs(e.GetConstraint())
		}
		for _, c := range x.Constraints {
			refs(c.GetConstraint())
		}
	case n.GetTruncateStmt() != nil:
		for _, e := range st.Effects {
			add(&model.LockOp{Kind: model.LockDropTable, Table: e.Object, Detail: "TRUNCATE"})
		}
	case n.GetDropStmt() != nil:
		x := n.GetDropStmt()
		if x.RemoveType == pg.ObjectType_OBJECT_TABLE {
			for _, e := range st.Effects {
				add(&model.LockOp{Kind: model.LockDropTable, Table: e.Object, Span: e.Span, Detail: "DROP TABLE"})
			}
			return
		}
		if x.RemoveType != pg.ObjectType_OBJECT_INDEX {
			return
		}
		for _, e := range st.Effects {
			add(&model.LockOp{Kind: model.LockDropIndex, Index: e.Object, Concurrently: x.Concurrent, Span: e.Span})
		}
	case n.GetReindexStmt() != nil:
		x := n.GetReindexStmt()
		conc := false
		for _, p := range x.Params {
			if d := p.GetDefElem(); d != nil && d.Defname == "concurrently" {
				conc = true
			}
		}
		if x.Relation == nil {
			return
		}
		op := &model.LockOp{Kind: model.LockReindex, Concurrently: conc}
		switch x.Kind {
		case pg.ReindexObjectType_REINDEX_OBJECT_TABLE:
			op.Table = rangeVarObject(x.Relation, model.KindTable)
		case pg.ReindexObjectType_REINDEX_OBJECT_INDEX:
			op.Index = rangeVarObject(x.Relation, model.KindIndex)
		default:
			return
		}
		add(op)
	case n.GetVacuumStmt() != nil:
		x := n.GetVacuumStmt()
		full := false
		for _, o := range x.Options {
			if d := o.GetDefElem(); d != nil && d.Defname == "full" && defTrue(d) {
				full = true
			}
		}
		if !full || !x.IsVacuumcmd {
			return
		}
		for _, r := range x.Rels {
			if vr := r.GetVacuumRelation(); vr != nil && vr.Relation != nil {
				add(&model.LockOp{Kind: model.LockVacuumFull, Table: rangeVarObject(vr.Relation, model.KindTable)})
			}
		}
	case n.GetClusterStmt() != nil:
		if x := n.GetClusterStmt(); x.Relation != nil {
			add(&model.LockOp{Kind: model.LockCluster, Table: rangeVarObject(x.Relation, model.KindTable)})
		}
	case n.GetVariableSetStmt() != nil:
		x := n.GetVariableSetStmt()
		if !strings.EqualFold(x.Name, "lock_timeout") {
			return
		}
		op := &model.LockOp{Kind: model.LockTimeout, Setting: "default"}
		if x.Kind == pg.VariableSetKind_VAR_SET_VALUE && len(x.Args) > 0 {
			op.Setting = optText(x.Args[0])
		}
		add(op)
	}
}

// defTrue reads a boolean option: FULL, FULL true, FULL 1.
func defTrue(d *pg.DefElem) bool {
	if d.Arg == nil {
		return true
	}
	switch strings.ToLower(optText(d.Arg)) {
	case "false", "off", "0", "no":
		return false
	}
	return true
}

// optText is an option's or setting's text: '5s', 5000, on.
func optText(n *pg.Node) string {
	if t, ok := constText(n); ok {
		return t
	}
	if s := n.GetString_(); s != nil {
		return s.Sval
	}
	return ""
}

// lockCmd records one ALTER TABLE sub-command; sp is its clause in text
// coordinates.
func (st *stmt) lockCmd(cmd *pg.AlterTableCmd, table model.Object, objtype pg.ObjectType, temp bool, sp model.Span) {
	if objtype != pg.ObjectType_OBJECT_TABLE || temp {
		return
	}
	op := &model.LockOp{Kind: model.LockOther, Table: table, Span: st.c.fileSpan(sp)}
	switch cmd.Subtype {
	case pg.AlterTableType_AT_AddColumn:
		op.Kind = model.LockAddColumn
		if def := cmd.Def.GetColumnDef(); def != nil {
			op.Column = def.Colname
			op.Type = typeString(def.TypeName)
			op.Volatile, op.Stored = columnFill(def)
			st.columnConstraints(def, op)
		}
	case pg.AlterTableType_AT_DropColumn:
		op.Kind, op.Column = model.LockDropColumn, cmd.Name
	case pg.AlterTableType_AT_AddConstraint:
		con := cmd.Def.GetConstraint()
		if con == nil {
			break
		}
		op.Constraint = con.Conname
		switch con.Contype {
		case pg.ConstrType_CONSTR_FOREIGN:
			op.Kind, op.NotValid = model.LockAddForeignKey, con.SkipValidation
			if con.Pktable != nil {
				op.Ref = rangeVarObject(con.Pktable, model.KindTable)
			}
		case pg.ConstrType_CONSTR_CHECK:
			op.Kind, op.NotValid = model.LockAddCheck, con.SkipValidation
			op.NotNullOf = notNullColumn(con.RawExpr)
			st.checkDef(op)
		case pg.ConstrType_CONSTR_UNIQUE:
			op.Kind, op.UsingIndex = model.LockAddUnique, con.Indexname != ""
		case pg.ConstrType_CONSTR_PRIMARY:
			op.Kind, op.UsingIndex = model.LockAddPrimaryKey, con.Indexname != ""
		}
	case pg.AlterTableType_AT_ValidateConstraint:
		op.Kind, op.Constraint = model.LockValidate, cmd.Name
	case pg.AlterTableType_AT_SetNotNull:
		op.Kind, op.Column = model.LockSetNotNull, cmd.Name
	case pg.AlterTableType_AT_AlterColumnType:
		op.Kind, op.Column = model.LockAlterType, cmd.Name
		if def := cmd.Def.GetColumnDef(); def != nil {
			op.Type = typeString(def.TypeName)
			op.Using = def.RawDefault != nil
		}
	case pg.AlterTableType_AT_SetLogged, pg.AlterTableType_AT_SetUnLogged:
		op.Kind = model.LockSetLogged
	case pg.AlterTableType_AT_SetRelOptions, pg.AlterTableType_AT_ResetRelOptions:
		// fillfactor, autovacuum, toast and parallel_workers take SHARE
		// UPDATE EXCLUSIVE ("ALTER TABLE ... SET (storage_parameter)").
		weak := true
		for _, o := range cmd.Def.GetList().GetItems() {
			if d := o.GetDefElem(); d != nil {
				name := strings.ToLower(d.Defname)
				if d.Defnamespace == "toast" || name == "fillfactor" || name == "parallel_workers" || strings.HasPrefix(name, "autovacuum_") {
					continue
				}
			}
			weak = false
		}
		if weak {
			op.Kind = model.LockWeak
		}
	case pg.AlterTableType_AT_SetStatistics, pg.AlterTableType_AT_SetOptions, pg.AlterTableType_AT_ResetOptions,
		pg.AlterTableType_AT_ClusterOn, pg.AlterTableType_AT_DropCluster, pg.AlterTableType_AT_AttachPartition:
		op.Kind = model.LockWeak
	case pg.AlterTableType_AT_DetachPartition:
		if pc := cmd.Def.GetPartitionCmd(); pc != nil && pc.Concurrent {
			op.Kind = model.LockWeak
		}
	}
	st.Locks = append(st.Locks, op)
}

// columnConstraints records the constraints an added column declares
// inline as clauses of their own: a REFERENCES checks every row like
// ADD FOREIGN KEY, a CHECK like ADD CHECK, a UNIQUE or PRIMARY KEY
// builds its index under the ALTER TABLE's lock.
// A column added with no default is NULL in every row, which no
// REFERENCES or CHECK can reject: PostgreSQL 15 then reads no row (seen by
// verify --locks), so only a column with a default counts.
func (st *stmt) columnConstraints(def *pg.ColumnDef, add *model.LockOp) {
	filled := def.RawDefault != nil || def.Identity != "" || add.Volatile != "" || add.Stored
	for _, n := range def.Constraints {
		if con := n.GetConstraint(); con != nil && con.Contype == pg.ConstrType_CONSTR_DEFAULT {
			filled = true
		}
	}
	for _, n := range def.Constraints {
		con := n.GetConstraint()
		if con == nil {
			continue
		}
		op := &model.LockOp{Table: add.Table, Span: add.Span, Column: def.Colname, Constraint: con.Conname}
		switch con.Contype {
		case pg.ConstrType_CONSTR_FOREIGN:
			if !filled {
				continue
			}
			op.Kind, op.NotValid = model.LockAddForeignKey, con.SkipValidation
			if con.Pktable != nil {
				op.Ref = rangeVarObject(con.Pktable, model.KindTable)
			}
		case pg.ConstrType_CONSTR_CHECK:
			if !filled {
				continue
			}
			op.Kind, op.NotValid = model.LockAddCheck, con.SkipValidation
		case pg.ConstrType_CONSTR_UNIQUE:
			op.Kind = model.LockAddUnique
		case pg.ConstrType_CONSTR_PRIMARY:
			op.Kind = model.LockAddPrimaryKey
		default:
			continue
		}
		st.Locks = append(st.Locks, op)
	}
}

// checkDef records a CHECK (col IS NOT NULL) on the ADD CONSTRAINT effect,
// for the schema history.
func (st *stmt) checkDef(op *model.LockOp) {
	if op.NotNullOf == "" || len(st.Effects) == 0 {
		return
	}
	e := st.Effects[len(st.Effects)-1]
	if e.Action != model.ActAdd || e.Object.Kind != model.KindConstraint {
		return
	}
	if e.Def == nil {
		e.Def = &model.TableDef{}
	}
	e.Def.Checks = append(e.Def.Checks, model.CheckDef{Name: op.Constraint, Column: op.NotNullOf, Invalid: op.NotValid})
}

// notNullColumn is the column of a CHECK (col IS NOT NULL), or "".
func notNullColumn(n *pg.Node) string {
	if nt := n.GetNullTest(); nt != nil && nt.Nulltesttype == pg.NullTestType_IS_NOT_NULL {
		return columnName(nt.Arg)
	}
	return ""
}

// columnFill says what fills every existing row of an added column with a
// value computed per row: a volatile default or an identity (named), or
// a stored generated column. Either rewrites the table.
func columnFill(def *pg.ColumnDef) (volatile string, stored bool) {
	if def.TypeName != nil {
		if names := strs(def.TypeName.Names); len(names) > 0 {
			switch strings.ToLower(names[len(names)-1]) {
			case "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial":
				volatile = names[len(names)-1] + " (nextval())"
			}
		}
	}
	if def.RawDefault != nil {
		if v := volatileCall(def.RawDefault); v != "" {
			volatile = v
		}
	}
	if def.Identity != "" {
		volatile = "an identity"
	}
	for _, n := range def.Constraints {
		con := n.GetConstraint()
		if con == nil {
			continue
		}
		switch con.Contype {
		case pg.ConstrType_CONSTR_IDENTITY:
			volatile = "an identity"
		case pg.ConstrType_CONSTR_DEFAULT:
			if v := volatileCall(con.RawExpr); v != "" {
				volatile = v
			}
		case pg.ConstrType_CONSTR_GENERATED:
			stored = true
		}
	}
	return volatile, stored
}

// stableFuncs are built-in functions a column default commonly calls
// that are not volatile (pg_proc.provolatile 's' or 'i'): since
// PostgreSQL 11 such a default is evaluated once and stored in the
// catalog, so ADD COLUMN does not rewrite. Any other function counts as
// volatile: built-ins such as random(), clock_timestamp(),
// gen_random_uuid() and nextval() are, and so is a user's function unless
// it was declared STABLE or IMMUTABLE, which a single file cannot see.
var stableFuncs = map[string]bool{
	"now": true, "statement_timestamp": true, "transaction_timestamp": true, "timezone": true,
	"current_setting": true, "to_timestamp": true, "to_char": true, "to_date": true, "date_trunc": true,
	"date_part": true, "extract": true, "make_date": true, "make_time": true, "make_timestamp": true,
	"make_timestamptz": true, "make_interval": true, "lower": true, "upper": true, "length": true,
	"concat": true, "concat_ws": true, "format": true, "replace": true, "substring": true, "substr": true,
	"trim": true, "btrim": true, "ltrim": true, "rtrim": true, "left": true, "right": true, "md5": true,
	"abs": true, "round": true, "floor": true, "ceil": true, "encode": true, "decode": true,
	"to_json": true, "to_jsonb": true, "json_build_object": true, "jsonb_build_object": true,
	"json_build_array": true, "jsonb_build_array": true, "array_fill": true, "int4": true, "int8": true,
	"text": true, "numeric": true, "bool": true, "jsonb": true, "json": true,
}

// volatileCall names the first function an expression calls that is not
// known to be stable or immutable (see stableFuncs).
func volatileCall(n *pg.Node) string {
	found := ""
	pgparse.Walk(n, func(n *pg.Node) bool {
		if fc := n.GetFuncCall(); fc != nil {
			if names := strs(fc.Funcname); len(names) > 0 {
				if name := strings.ToLower(names[len(names)-1]); !stableFuncs[name] {
					found = names[len(names)-1] + "()"
					return false
				}
			}
		}
		return true
	})
	return found
}

// typeAliases are the names the grammar does not already turn into the
// catalog's (it reads int as int4, varchar(n) as pg_catalog.varchar).
var typeAliases = map[string]string{
	"integer": "int4", "int": "int4", "smallint": "int2", "bigint": "int8", "real": "float4",
	"double precision": "float8", "boolean": "bool", "character varying": "varchar",
	"character": "bpchar", "char": "bpchar", "decimal": "numeric", "timestamp with time zone": "timestamptz",
	"time with time zone": "timetz",
}

// typeString normalises a type as the lock rules compare them: the
// catalog name, its modifiers and array brackets ("varchar(20)",
// "numeric(10,2)", "int4[]"); "" when there is none.
func typeString(tn *pg.TypeName) string {
	if tn == nil {
		return ""
	}
	names := strs(tn.Names)
	if len(names) == 0 {
		return ""
	}
	name := strings.ToLower(names[len(names)-1])
	if a, ok := typeAliases[name]; ok {
		name = a
	}
	var b strings.Builder
	b.WriteString(name)
	if len(tn.Typmods) > 0 {
		mods := make([]string, 0, len(tn.Typmods))
		for _, m := range tn.Typmods {
			mods = append(mods, optText(m))
		}
		b.WriteString("(" + strings.Join(mods, ",") + ")")
	}
	for range tn.ArrayBounds {
		b.WriteString("[]")
	}
	return b.String()
}

// regtypeInput writes a type as regtype's input reads it, schema and
// name quoted where they need it; "" for a type with a modifier (the
// grammar gives char and bit an implicit one), %TYPE or SETOF.
func regtypeInput(tn *pg.TypeName) string {
	if tn == nil || len(tn.Typmods) > 0 || tn.Typemod != -1 || tn.PctType || tn.Setof {
		return ""
	}
	names := strs(tn.Names)
	if len(names) == 0 || len(names) != len(tn.Names) {
		return ""
	}
	for i, n := range names {
		names[i] = quoteIdent(n)
	}
	return strings.Join(names, ".") + strings.Repeat("[]", len(tn.ArrayBounds))
}
