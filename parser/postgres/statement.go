package postgres

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// stmt is the statement being converted with its span in text coordinates.
type stmt struct {
	*model.Statement
	sp model.Span // text coordinates
	c  *conv
}

// statement converts one parsed statement.
func (c *conv) statement(n *pg.Node, sp model.Span) *model.Statement {
	st := &stmt{Statement: &model.Statement{Span: c.fileSpan(sp), Kind: model.KindOther, Tag: c.tag(sp), Parent: c.parent}, sp: sp, c: c}
	st.convert(n)
	st.locks(n)
	return st.Statement
}

// effect adds an effect whose span is in text coordinates.
func (st *stmt) effect(e *model.Effect, sp model.Span) {
	e.Span = st.c.fileSpan(sp)
	e.Stmt = st.Statement
	st.Effects = append(st.Effects, e)
}

// insertFix offers an insertion at a text offset.
func (st *stmt) insertFix(e *model.Effect, at int, text string) {
	f := st.c.toFile(at)
	e.Fixes = append(e.Fixes, model.Edit{Start: f, End: f, Text: text})
}

// head is the span from the statement's first keyword to the end of the
// name that starts at text offset nameAt.
func (st *stmt) head(nameAt int) model.Span {
	c := st.c
	i := c.tokContaining(nameAt)
	if i >= len(c.toks) || c.toks[i].Start >= st.sp.End {
		return c.body(st.sp)
	}
	end := c.nameEnd(i)
	return model.Span{Start: st.sp.Start, End: c.toks[end-1].End}
}

func (st *stmt) noTx(reason string, words ...string) {
	st.NoTx = true
	st.NoTxReason = reason
	st.NoTxSpan = st.c.guardSpan(st.sp, words...)
	if !st.NoTxSpan.Valid() || st.NoTxSpan == (model.Span{}) {
		st.NoTxSpan = st.c.fileSpan(st.c.body(st.sp))
	}
}

func (st *stmt) convert(n *pg.Node) {
	c := st.c
	body := c.body(st.sp)
	switch {
	case n.GetCreateStmt() != nil:
		x := n.GetCreateStmt()
		st.Kind = model.KindDDL
		st.createRelation(x.Relation, model.KindTable, x.IfNotExists)
		st.setDef(tableDef(x))
		st.tableDepends(x)
	case n.GetCreateForeignTableStmt() != nil:
		x := n.GetCreateForeignTableStmt().BaseStmt
		st.Kind = model.KindDDL
		if x != nil {
			st.createRelation(x.Relation, model.KindTable, x.IfNotExists)
		}
	case n.GetCreateTableAsStmt() != nil:
		x := n.GetCreateTableAsStmt()
		st.Kind = model.KindDDL
		kind := model.KindTable
		if x.Objtype == pg.ObjectType_OBJECT_MATVIEW {
			kind = model.KindMatView
		}
		if x.Into != nil {
			st.createRelation(x.Into.Rel, kind, x.IfNotExists)
			st.setDef(&model.TableDef{Partial: true})
			if kind == model.KindMatView {
				// A table made AS SELECT copies rows: it keeps no link
				// to what it read.
				st.dependsOn(x.Query)
			}
		}
	case n.GetIndexStmt() != nil:
		st.Kind = model.KindDDL
		st.createIndex(n.GetIndexStmt())
		st.setDef(indexKey(n.GetIndexStmt()))
	case n.GetCreateSeqStmt() != nil:
		x := n.GetCreateSeqStmt()
		st.Kind = model.KindDDL
		st.createRelation(x.Sequence, model.KindSequence, x.IfNotExists)
	case n.GetCreateSchemaStmt() != nil:
		x := n.GetCreateSchemaStmt()
		st.Kind = model.KindDDL
		name := x.Schemaname
		if name == "" && x.Authrole != nil {
			name = x.Authrole.Rolename
		}
		st.createNamed(model.Object{Kind: model.KindSchema, Name: name}, x.IfNotExists, "SCHEMA")
	case n.GetCreateExtensionStmt() != nil:
		x := n.GetCreateExtensionStmt()
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindExtension, Name: x.Extname}, x.IfNotExists, "EXTENSION")
	case n.GetCreateEnumStmt() != nil:
		st.Kind = model.KindDDL
		st.createType(strs(n.GetCreateEnumStmt().TypeName))
	case n.GetCompositeTypeStmt() != nil:
		x := n.GetCompositeTypeStmt()
		st.Kind = model.KindDDL
		if x.Typevar != nil {
			st.createType([]string{x.Typevar.Schemaname, x.Typevar.Relname})
		}
	case n.GetCreateRangeStmt() != nil:
		st.Kind = model.KindDDL
		st.createType(strs(n.GetCreateRangeStmt().TypeName))
	case n.GetCreateDomainStmt() != nil:
		st.Kind = model.KindDDL
		schema, _, name := qualified(strs(n.GetCreateDomainStmt().Domainname))
		st.createNamed(model.Object{Kind: model.KindDomain, Schema: schema, Name: name}, false, "DOMAIN")
	case n.GetDefineStmt() != nil:
		st.Kind = model.KindDDL
		st.define(n.GetDefineStmt())
	case n.GetCreatePolicyStmt() != nil:
		x := n.GetCreatePolicyStmt()
		st.Kind = model.KindDDL
		obj := model.Object{Kind: model.KindPolicy, Name: x.PolicyName}
		if x.Table != nil {
			obj.Schema, obj.Table = x.Table.Schemaname, x.Table.Relname
		}
		st.createNamed(obj, false, "POLICY")
	case n.GetCreateRoleStmt() != nil:
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindRole, Name: n.GetCreateRoleStmt().Role}, false, "")
	case n.GetCreatedbStmt() != nil:
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindDatabase, Name: n.GetCreatedbStmt().Dbname}, false, "DATABASE")
		st.noTx("CREATE DATABASE", "CREATE", "DATABASE")
	case n.GetCreateTableSpaceStmt() != nil:
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindTablespace, Name: n.GetCreateTableSpaceStmt().Tablespacename}, false, "TABLESPACE")
		st.noTx("CREATE TABLESPACE", "CREATE", "TABLESPACE")
	case n.GetCreatePublicationStmt() != nil:
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindPublication, Name: n.GetCreatePublicationStmt().Pubname}, false, "PUBLICATION")
	case n.GetCreateSubscriptionStmt() != nil:
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindSubscription, Name: n.GetCreateSubscriptionStmt().Subname}, false, "SUBSCRIPTION")
	case n.GetCreateForeignServerStmt() != nil:
		x := n.GetCreateForeignServerStmt()
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindServer, Name: x.Servername}, x.IfNotExists, "SERVER")
	case n.GetCreateStatsStmt() != nil:
		x := n.GetCreateStatsStmt()
		st.Kind = model.KindDDL
		schema, _, name := qualified(strs(x.Defnames))
		st.createNamed(model.Object{Kind: model.KindStatistics, Schema: schema, Name: name, Unknown: name == ""}, x.IfNotExists, "STATISTICS")
	case n.GetCreateEventTrigStmt() != nil:
		st.Kind = model.KindDDL
		st.createNamed(model.Object{Kind: model.KindEventTrigger, Name: n.GetCreateEventTrigStmt().Trigname}, false, "TRIGGER")
	case n.GetViewStmt() != nil:
		x := n.GetViewStmt()
		st.Kind = model.KindDDL
		st.createReplaceable(rangeVarObject(x.View, model.KindView), x.Replace, x.View != nil && x.View.Relpersistence == "t")
		st.dependsOn(x.Query)
	case n.GetCreateFunctionStmt() != nil:
		x := n.GetCreateFunctionStmt()
		st.Kind = model.KindDDL
		kind := model.KindFunction
		if x.IsProcedure {
			kind = model.KindProcedure
		}
		schema, _, name := qualified(strs(x.Funcname))
		obj := model.Object{Kind: kind, Schema: schema, Name: name, Args: createSignature(x.Parameters, x.IsProcedure)}
		st.createReplaceable(obj, x.Replace, false)
		if !x.IsProcedure {
			st.c.file.madeFunction(obj, x.Parameters)
		}
		st.Routine = &model.Routine{Kind: kind, Name: obj}
		if x.SqlBody == nil {
			if tok, ok := st.plpgsqlBody(x.Options, false); ok {
				st.readBody(tok)
			}
		}
	case n.GetCreateTrigStmt() != nil:
		x := n.GetCreateTrigStmt()
		st.Kind = model.KindDDL
		obj := model.Object{Kind: model.KindTrigger, Name: x.Trigname}
		if x.Relation != nil {
			obj.Schema, obj.Table = x.Relation.Schemaname, x.Relation.Relname
		}
		st.createReplaceable(obj, x.Replace, false)
		if e := st.dependent(); e != nil && len(x.Funcname) > 0 {
			schema, _, name := qualified(strs(x.Funcname))
			// A trigger's function takes no arguments: DROP FUNCTION f(int)
			// is another function.
			e.DependsOn = append(e.DependsOn, model.Object{Kind: model.KindFunction, Schema: schema, Name: name, Args: "()"})
		}
	case n.GetRuleStmt() != nil:
		x := n.GetRuleStmt()
		st.Kind = model.KindDDL
		obj := model.Object{Kind: model.KindRule, Name: x.Rulename}
		if x.Relation != nil {
			obj.Schema, obj.Table = x.Relation.Schemaname, x.Relation.Relname
		}
		st.createReplaceable(obj, x.Replace, false)
	case n.GetAlterTableStmt() != nil:
		st.Kind = model.KindDDL
		st.alterTable(n.GetAlterTableStmt())
	case n.GetRenameStmt() != nil:
		st.Kind = model.KindDDL
		st.rename(n.GetRenameStmt())
	case n.GetAlterObjectSchemaStmt() != nil:
		st.Kind = model.KindDDL
		st.setSchema(n.GetAlterObjectSchemaStmt())
	case n.GetAlterEnumStmt() != nil:
		st.Kind = model.KindDDL
		st.alterEnum(n.GetAlterEnumStmt())
	case n.GetDropStmt() != nil:
		st.Kind = model.KindDDL
		st.drop(n.GetDropStmt())
	case n.GetDropRoleStmt() != nil:
		x := n.GetDropRoleStmt()
		st.Kind = model.KindDDL
		var objs []model.Object
		for _, r := range x.Roles {
			objs = append(objs, model.Object{Kind: model.KindRole, Name: strings.Join(nodeName(r), ".")})
		}
		st.dropObjects(objs, x.MissingOk, 1)
	case n.GetDropdbStmt() != nil:
		x := n.GetDropdbStmt()
		st.Kind = model.KindDDL
		st.dropObjects([]model.Object{{Kind: model.KindDatabase, Name: x.Dbname}}, x.MissingOk, 1)
		st.noTx("DROP DATABASE", "DROP", "DATABASE")
	case n.GetDropTableSpaceStmt() != nil:
		x := n.GetDropTableSpaceStmt()
		st.Kind = model.KindDDL
		st.dropObjects([]model.Object{{Kind: model.KindTablespace, Name: x.Tablespacename}}, x.MissingOk, 1)
		st.noTx("DROP TABLESPACE", "DROP", "TABLESPACE")
	case n.GetDropSubscriptionStmt() != nil:
		x := n.GetDropSubscriptionStmt()
		st.Kind = model.KindDDL
		st.dropObjects([]model.Object{{Kind: model.KindSubscription, Name: x.Subname}}, x.MissingOk, 1)
	case n.GetTruncateStmt() != nil:
		st.Kind = model.KindDDL
		for _, r := range n.GetTruncateStmt().Relations {
			if rv := r.GetRangeVar(); rv != nil {
				st.effect(&model.Effect{Action: model.ActTruncate, Object: rangeVarObject(rv, model.KindTable)}, body)
			}
		}
	case n.GetInsertStmt() != nil:
		st.Kind = model.KindDML
		st.insert(n.GetInsertStmt())
	case n.GetUpdateStmt() != nil:
		st.Kind = model.KindDML
		st.update(n.GetUpdateStmt())
	case n.GetDeleteStmt() != nil:
		st.Kind = model.KindDML
		st.delete(n.GetDeleteStmt())
	case n.GetMergeStmt() != nil:
		st.Kind = model.KindDML
	case n.GetCopyStmt() != nil:
		st.Kind = model.KindDML
		st.copyFrom(n.GetCopyStmt())
	case n.GetTransactionStmt() != nil:
		st.Kind = model.KindTx
		switch n.GetTransactionStmt().Kind {
		case pg.TransactionStmtKind_TRANS_STMT_BEGIN, pg.TransactionStmtKind_TRANS_STMT_START:
			st.Tx = model.TxBegin
		case pg.TransactionStmtKind_TRANS_STMT_COMMIT, pg.TransactionStmtKind_TRANS_STMT_PREPARE:
			st.Tx = model.TxCommit
		case pg.TransactionStmtKind_TRANS_STMT_ROLLBACK:
			st.Tx = model.TxRollback
		default:
			st.Tx = model.TxSavepoint
		}
	case n.GetDoStmt() != nil:
		st.Kind = model.KindOther
		st.Routine = &model.Routine{Anonymous: true}
		if tok, ok := st.plpgsqlBody(n.GetDoStmt().Args, true); ok {
			st.readBody(tok)
		}
	case n.GetVacuumStmt() != nil:
		if n.GetVacuumStmt().IsVacuumcmd {
			st.noTx("VACUUM", "VACUUM")
		}
	case n.GetReindexStmt() != nil:
		x := n.GetReindexStmt()
		st.Kind = model.KindDDL
		for _, p := range x.Params {
			if d := p.GetDefElem(); d != nil && d.Defname == "concurrently" {
				st.noTx("REINDEX CONCURRENTLY", "CONCURRENTLY")
			}
		}
		if x.Kind == pg.ReindexObjectType_REINDEX_OBJECT_DATABASE || x.Kind == pg.ReindexObjectType_REINDEX_OBJECT_SYSTEM {
			st.noTx("REINDEX DATABASE/SYSTEM", "REINDEX")
		}
	case n.GetClusterStmt() != nil:
		if n.GetClusterStmt().Relation == nil {
			st.noTx("CLUSTER without a table", "CLUSTER")
		}
	case n.GetAlterSystemStmt() != nil:
		st.noTx("ALTER SYSTEM", "ALTER", "SYSTEM")
	case n.GetCallStmt() != nil:
		if fc := n.GetCallStmt().Funccall; fc != nil {
			schema, _, name := qualified(strs(fc.Funcname))
			st.Exec = &model.Exec{Routine: model.Object{Kind: model.KindProcedure, Schema: schema, Name: name}}
		}
	case n.GetSelectStmt() != nil:
		st.Exec = selectCall(n.GetSelectStmt())
	default:
		if isDDLNode(n) {
			st.Kind = model.KindDDL
		}
	}
}

// isDDLNode classifies the statements with no effect of interest.
func isDDLNode(n *pg.Node) bool {
	switch n.Node.(type) {
	case *pg.Node_AlterSeqStmt, *pg.Node_AlterDomainStmt, *pg.Node_AlterFunctionStmt, *pg.Node_AlterOwnerStmt,
		*pg.Node_AlterExtensionStmt, *pg.Node_AlterPolicyStmt, *pg.Node_AlterRoleStmt, *pg.Node_AlterTypeStmt,
		*pg.Node_AlterDefaultPrivilegesStmt, *pg.Node_CommentStmt, *pg.Node_GrantStmt, *pg.Node_GrantRoleStmt,
		*pg.Node_AlterDatabaseStmt, *pg.Node_AlterDatabaseSetStmt, *pg.Node_AlterPublicationStmt,
		*pg.Node_AlterSubscriptionStmt, *pg.Node_AlterStatsStmt, *pg.Node_AlterTableSpaceOptionsStmt,
		*pg.Node_AlterEventTrigStmt, *pg.Node_AlterCollationStmt, *pg.Node_AlterOperatorStmt,
		*pg.Node_AlterTsconfigurationStmt, *pg.Node_AlterTsdictionaryStmt, *pg.Node_AlterForeignServerStmt,
		*pg.Node_AlterFdwStmt, *pg.Node_AlterUserMappingStmt, *pg.Node_AlterRoleSetStmt,
		*pg.Node_CreateCastStmt, *pg.Node_CreateConversionStmt, *pg.Node_CreateOpClassStmt,
		*pg.Node_CreateOpFamilyStmt, *pg.Node_CreatePlangStmt, *pg.Node_CreateTransformStmt,
		*pg.Node_CreateAmStmt, *pg.Node_CreateFdwStmt, *pg.Node_CreateUserMappingStmt,
		*pg.Node_RefreshMatViewStmt, *pg.Node_SecLabelStmt, *pg.Node_ReassignOwnedStmt, *pg.Node_DropOwnedStmt,
		*pg.Node_ImportForeignSchemaStmt, *pg.Node_AlterObjectDependsStmt, *pg.Node_AlterOpFamilyStmt:
		return true
	}
	return false
}

// selectCall recognises SELECT f(...) used to run a routine.
func selectCall(x *pg.SelectStmt) *model.Exec {
	if len(x.TargetList) != 1 || len(x.FromClause) != 0 {
		return nil
	}
	rt := x.TargetList[0].GetResTarget()
	if rt == nil || rt.Val == nil || rt.Val.GetFuncCall() == nil {
		return nil
	}
	schema, _, name := qualified(strs(rt.Val.GetFuncCall().Funcname))
	return &model.Exec{Routine: model.Object{Kind: model.KindFunction, Schema: schema, Name: name}}
}

// createRelation handles CREATE TABLE / SEQUENCE / MATERIALIZED VIEW /
// TABLE AS: the head runs to the relation name, IF NOT EXISTS goes right
// before the name.
func (st *stmt) createRelation(rv *pg.RangeVar, kind model.ObjectKind, ifNotExists bool) {
	if rv == nil {
		return
	}
	c := st.c
	e := &model.Effect{Action: model.ActCreate, Object: rangeVarObject(rv, kind), Temporary: rv.Relpersistence == "t"}
	at, ok := c.loc(rv.Location)
	sp := c.body(st.sp)
	if ok {
		sp = st.head(at)
	}
	if ifNotExists {
		e.Guard = model.GuardIfNotExists
		e.GuardSpan = c.guardSpan(st.sp, "IF", "NOT", "EXISTS")
	} else if ok {
		st.insertFix(e, at, "IF NOT EXISTS ")
	}
	st.effect(e, sp)
}

// createNamed handles CREATE <kind> name for objects without a node
// location: the name follows the keyword (and IF NOT EXISTS).
func (st *stmt) createNamed(obj model.Object, ifNotExists bool, keyword string) {
	c := st.c
	e := &model.Effect{Action: model.ActCreate, Object: obj}
	sp := c.body(st.sp)
	from, to := c.tokAt(st.sp.Start), c.tokAt(st.sp.End)
	if keyword != "" {
		if k := c.findWords(from, to, keyword); k >= 0 {
			name := k + 1
			if c.wordsAt(name, "IF", "NOT", "EXISTS") {
				name += 3
			}
			if name < to {
				sp = model.Span{Start: st.sp.Start, End: c.toks[c.nameEnd(name)-1].End}
				if !ifNotExists && canIfNotExists(obj.Kind) {
					st.insertFix(e, c.toks[name].Start, "IF NOT EXISTS ")
				}
			}
		}
	}
	if ifNotExists {
		e.Guard = model.GuardIfNotExists
		e.GuardSpan = c.guardSpan(st.sp, "IF", "NOT", "EXISTS")
	}
	st.effect(e, sp)
}

// canIfNotExists lists the CREATE forms PostgreSQL accepts IF NOT EXISTS on.
func canIfNotExists(k model.ObjectKind) bool {
	switch k {
	case model.KindSchema, model.KindExtension, model.KindServer, model.KindStatistics, model.KindTable,
		model.KindSequence, model.KindIndex, model.KindMatView, model.KindCollation:
		return true
	}
	return false
}

func (st *stmt) createType(names []string) {
	schema, _, name := qualified(names)
	st.createNamed(model.Object{Kind: model.KindType, Schema: schema, Name: name}, false, "TYPE")
}

// define handles CREATE AGGREGATE / OPERATOR / COLLATION / TYPE (base).
func (st *stmt) define(x *pg.DefineStmt) {
	schema, _, name := qualified(strs(x.Defnames))
	switch x.Kind {
	case pg.ObjectType_OBJECT_AGGREGATE:
		st.createReplaceable(model.Object{Kind: model.KindFunction, Schema: schema, Name: name, Args: aggregateSignature(x)}, x.Replace, false)
	case pg.ObjectType_OBJECT_COLLATION:
		st.createNamed(model.Object{Kind: model.KindCollation, Schema: schema, Name: name}, x.IfNotExists, "COLLATION")
	case pg.ObjectType_OBJECT_TYPE:
		st.createNamed(model.Object{Kind: model.KindType, Schema: schema, Name: name}, false, "TYPE")
	default:
		st.createNamed(model.Object{Kind: model.KindObject, Schema: schema, Name: name}, x.IfNotExists, "")
	}
}

// createReplaceable handles views, functions, procedures, triggers, rules:
// the head runs to the object's name; the fix writes OR REPLACE.
func (st *stmt) createReplaceable(obj model.Object, replace, temp bool) {
	c := st.c
	e := &model.Effect{Action: model.ActCreate, Object: obj, Temporary: temp}
	from, to := c.tokAt(st.sp.Start), c.tokAt(st.sp.End)
	sp := c.body(st.sp)
	// The name follows the kind keyword: VIEW, FUNCTION, PROCEDURE,
	// TRIGGER, RULE, AGGREGATE.
	for i := from; i < to && i < from+8; i++ {
		switch c.upperWord(i) {
		case "VIEW", "FUNCTION", "PROCEDURE", "TRIGGER", "RULE", "AGGREGATE":
			if i+1 < to {
				sp = model.Span{Start: st.sp.Start, End: c.toks[c.nameEnd(i+1)-1].End}
			}
			i = to
		}
	}
	if replace {
		e.Guard = model.GuardOrReplace
		e.GuardSpan = c.guardSpan(st.sp, "OR", "REPLACE")
	} else if from < len(c.toks) && lex.Is(c.text, c.toks[from], "CREATE") && (obj.Kind != model.KindTrigger ||
		c.s.Target.Has(model.CreateOrReplaceTrigger) && c.findWords(from, to, "CONSTRAINT") != from+1) {
		st.insertFix(e, c.toks[from].End, " OR REPLACE")
	}
	st.effect(e, sp)
}

// createIndex handles CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON t.
func (st *stmt) createIndex(x *pg.IndexStmt) {
	c := st.c
	obj := model.Object{Kind: model.KindIndex, Name: x.Idxname}
	if x.Relation != nil {
		obj.Schema, obj.Table = x.Relation.Schemaname, x.Relation.Relname
	}
	e := &model.Effect{Action: model.ActCreate, Object: obj, Unnamed: x.Idxname == "", Concurrently: x.Concurrent}
	from, to := c.tokAt(st.sp.Start), c.tokAt(st.sp.End)
	sp := c.body(st.sp)
	on := c.findWords(from, to, "ON")
	if on > from {
		sp = c.tokSpan(from, on)
	}
	if k := c.findWords(from, to, "INDEX"); k >= 0 {
		name := k + 1
		if c.wordsAt(name, "CONCURRENTLY") {
			name++
		}
		if x.IfNotExists {
			e.Guard = model.GuardIfNotExists
			e.GuardSpan = c.fileSpan(c.tokSpan(name, name+3))
		} else if x.Idxname != "" && name < to {
			st.insertFix(e, c.toks[name].Start, "IF NOT EXISTS ")
		}
	}
	if x.Concurrent {
		st.noTx("CREATE INDEX CONCURRENTLY", "CONCURRENTLY")
	}
	st.effect(e, sp)
}

// plpgsqlBody finds the string token holding a PL/pgSQL body among DO or
// CREATE FUNCTION options; ok is false for other languages. A DO block
// defaults to plpgsql, a function must say so.
func (st *stmt) plpgsqlBody(opts []*pg.Node, isDo bool) (lex.Token, bool) {
	c := st.c
	lang := ""
	if isDo {
		lang = "plpgsql"
	}
	at := -1
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		switch d.Defname {
		case "language":
			if s := d.Arg.GetString_(); s != nil {
				lang = strings.ToLower(s.Sval)
			}
		case "as":
			if l, ok := c.loc(d.Location); ok {
				at = l
			}
		}
	}
	if lang != "plpgsql" || at < 0 {
		return lex.Token{}, false
	}
	for i := c.tokAt(at); i < len(c.toks) && c.toks[i].Start < st.sp.End; i++ {
		if k := c.toks[i].Kind; k == lex.String || k == lex.DollarString {
			return c.toks[i], true
		}
	}
	return lex.Token{}, false
}
