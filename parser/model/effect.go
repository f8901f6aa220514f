package model

import "strings"

// Action is what an effect does to its object.
type Action uint8

const (
	ActCreate   Action = iota + 1 // CREATE x, MySQL ADD INDEX
	ActAdd                        // ADD COLUMN / CONSTRAINT, ADD VALUE
	ActDrop                       // DROP x, DROP COLUMN ...
	ActRename                     // RENAME x TO y
	ActInsert                     // INSERT / REPLACE / COPY FROM
	ActUpdate                     // UPDATE
	ActDelete                     // DELETE
	ActTruncate                   // TRUNCATE
	ActRetype                     // ALTER COLUMN ... TYPE ... USING an expression
)

var actionNames = [...]string{"", "create", "add", "drop", "rename", "insert", "update", "delete", "truncate", "retype"}

func (a Action) String() string {
	if int(a) < len(actionNames) {
		return actionNames[a]
	}
	return "?"
}

// ObjectKind is the kind of database object an effect or guard names.
type ObjectKind uint8

const (
	KindNone ObjectKind = iota
	KindTable
	KindColumn
	KindIndex
	KindConstraint
	KindSequence
	KindSchema
	KindDatabase
	KindExtension
	KindType
	KindDomain
	KindEnumValue
	KindView
	KindMatView
	KindFunction
	KindProcedure
	KindTrigger
	KindEvent
	KindPolicy
	KindRole
	KindRule
	KindPublication
	KindSubscription
	KindServer
	KindStatistics
	KindTablespace
	KindCollation
	KindPartition
	KindEventTrigger
	KindRelation // any pg_class relation: a guard on pg_class without relkind
	KindObject   // anything else the parser names
)

var kindNames = [...]string{"", "table", "column", "index", "constraint", "sequence", "schema",
	"database", "extension", "type", "domain", "enum value", "view", "materialized view",
	"function", "procedure", "trigger", "event", "policy", "role", "rule", "publication",
	"subscription", "server", "statistics", "tablespace", "collation", "partition", "event trigger", "relation", "object"}

func (k ObjectKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "object"
}

// Replaceable kinds are recreated with OR REPLACE (or DROP ... IF EXISTS
// first) rather than IF NOT EXISTS.
func (k ObjectKind) Replaceable() bool {
	switch k {
	case KindView, KindFunction, KindProcedure, KindTrigger, KindRule, KindEvent:
		return true
	}
	return false
}

// Object names a database object. Table is the owning table of a column,
// index, constraint, trigger or policy; Name is the object's own name
// (for a table, the table name again in Name).
type Object struct {
	Kind   ObjectKind
	Schema string
	Table  string
	Name   string
	// Args is a PostgreSQL routine's signature, "(int4,varchar)": a
	// function, procedure or aggregate is identified by its name and input
	// argument types. Empty when no argument list is known, which matches
	// any signature (DROP FUNCTION f names the only f).
	Args string
	// Unknown marks a name the linter cannot know statically (a %I
	// placeholder, a variable): it never matches a guard.
	Unknown bool
}

// String renders the object as a reader would write it, e.g.
// "column orders.status".
func (o Object) String() string {
	if o.Unknown {
		return o.Kind.String() + " (name not known statically)"
	}
	var b strings.Builder
	b.WriteString(o.Kind.String())
	b.WriteByte(' ')
	b.WriteString(o.Qualified())
	return b.String()
}

// Qualified renders schema.table.name as far as known.
func (o Object) Qualified() string {
	parts := make([]string, 0, 3)
	if o.Schema != "" {
		parts = append(parts, o.Schema)
	}
	if o.Table != "" && o.Table != o.Name {
		parts = append(parts, o.Table)
	}
	if o.Name != "" {
		parts = append(parts, o.Name)
	}
	in, _, _ := strings.Cut(o.Args, "|")
	return strings.Join(parts, ".") + in
}

// Same reports whether o and p name the same object. Names compare
// case-insensitively on MySQL and MariaDB (information_schema compares
// that way) and exactly on PostgreSQL, whose parser has already folded
// unquoted names; schemas compare only when both sides name one.
func (o Object) Same(p Object, d Dialect) bool {
	if o.Unknown || p.Unknown || !compatible(o.Kind, p.Kind, d) {
		return false
	}
	if !d.SameName(o.Name, p.Name) {
		return false
	}
	if o.Table != "" && p.Table != "" && !d.SameName(o.Table, p.Table) {
		return false
	}
	if o.Schema != "" && p.Schema != "" && !d.SameName(o.Schema, p.Schema) {
		return false
	}
	return SameSignature(o.Args, p.Args)
}

// Covers reports whether o, a dependency, names p; with stars, a column
// "*" (a view's star) stands for every column of its table.
func (o Object) Covers(p Object, d Dialect, stars bool) bool {
	if stars && o.Kind == KindColumn && o.Name == "*" && p.Kind == KindColumn {
		o.Name = p.Name
	}
	return o.Same(p, d)
}

// SameSignature reports whether two routine signatures can name the same
// routine. An empty one matches any. A procedure's "(in)|(all)" matches
// a list equal to its input arguments or to all its arguments, as DROP
// PROCEDURE does.
func SameSignature(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	aIn, aAll, _ := strings.Cut(a, "|")
	bIn, bAll, _ := strings.Cut(b, "|")
	if aAll == "" {
		aAll = aIn
	}
	if bAll == "" {
		bAll = bIn
	}
	return aIn == bIn || aAll == bAll
}

// compatible reports whether two kinds can name the same object: a unique
// constraint is also an index, information_schema.routines and pg_proc
// cover functions and procedures alike, a pg_class guard without relkind
// covers every relation, and MySQL's SCHEMA is its DATABASE.
func compatible(a, b ObjectKind, d Dialect) bool {
	if a == b {
		return true
	}
	if a > b {
		a, b = b, a
	}
	switch {
	case a == KindIndex && b == KindConstraint,
		a == KindFunction && b == KindProcedure,
		a == KindType && b == KindDomain:
		return true
	case a == KindSchema && b == KindDatabase:
		return d.MySQLFamily()
	case b == KindRelation:
		switch a {
		case KindTable, KindIndex, KindSequence, KindView, KindMatView, KindConstraint:
			return true
		}
	}
	return false
}

// GuardKind is an inline guard written in the statement itself.
type GuardKind uint8

const (
	GuardNone           GuardKind = iota
	GuardIfNotExists              // CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, ADD VALUE IF NOT EXISTS
	GuardIfExists                 // DROP ... IF EXISTS, ALTER TABLE IF EXISTS ... RENAME
	GuardOrReplace                // CREATE OR REPLACE
	GuardOnConflict               // INSERT ... ON CONFLICT
	GuardInsertIgnore             // INSERT IGNORE
	GuardOnDuplicateKey           // INSERT ... ON DUPLICATE KEY UPDATE
	GuardReplaceInto              // REPLACE INTO
	GuardWhereNotExists           // INSERT ... SELECT ... WHERE NOT EXISTS
	GuardSelfCheck                // UPDATE whose WHERE tests the column it rewrites
)

var guardNames = [...]string{"", "IF NOT EXISTS", "IF EXISTS", "OR REPLACE", "ON CONFLICT",
	"INSERT IGNORE", "ON DUPLICATE KEY UPDATE", "REPLACE INTO", "WHERE NOT EXISTS", "WHERE on the rewritten column"}

func (g GuardKind) String() string {
	if int(g) < len(guardNames) {
		return guardNames[g]
	}
	return "?"
}

// Effect is one thing a statement does to the database.
type Effect struct {
	Action Action
	Object Object
	Guard  GuardKind
	// GuardSpan is where the inline guard is written, when there is one.
	GuardSpan Span
	// Span is the offending clause: the ADD COLUMN inside an ALTER TABLE,
	// the head of a CREATE, the whole DROP.
	Span Span
	Stmt *Statement

	// Temporary objects vanish with the session: never a re-run hazard.
	Temporary bool
	// Unnamed is set on CREATE INDEX / ADD INDEX / ADD CONSTRAINT without a
	// name: each run makes another copy.
	Unnamed bool
	// Concurrently marks CREATE/DROP INDEX CONCURRENTLY.
	Concurrently bool
	// HasWhere is set on UPDATE and DELETE with a WHERE clause.
	HasWhere bool
	// SelfRef names the column an UPDATE rewrites from its own value
	// through arithmetic, concatenation or append.
	SelfRef string
	// SelfRefSpan is the SET assignment that does it.
	SelfRefSpan Span
	// Cascade marks DROP ... CASCADE, which also drops dependent objects.
	Cascade bool
	// DependsOn lists what the created object depends on, as the server
	// records it: the relations a view or materialized view reads
	// (KindRelation) and the columns it reads where their table is
	// certain (KindColumn, "*" for a star), the tables a table's or
	// constraint's foreign keys reference (KindTable), its columns' types
	// (KindType) and their defaults' sequences (KindSequence), a trigger's
	// function (KindFunction). Filled in only once the file has a
	// statement they can block (a DROP, a column's DROP or type change).
	DependsOn []Object
	// Using is the USING expression of a column type change that computes
	// the new value from the old one by more than a cast.
	Using string
	// NewType is a column type change's new type as regtype reads it
	// ("pg_catalog.int4", "public.mood[]"); empty when the type carries a
	// modifier (varchar(20), numeric(10,2)), which a regtype drops.
	NewType string
	// NewName is the target name of a rename.
	NewName string
	// Keys are the literal key values an INSERT writes, when known, for the
	// delete-then-insert idiom.
	Keys []string
	// Load names the bulk load of an insert effect that is not an INSERT:
	// "COPY FROM a server file", "COPY FROM PROGRAM", "COPY FROM stdin",
	// "\copy"; empty for INSERT.
	Load string
	// Row is the shape of the rows an INSERT writes, for the guards that
	// rely on a unique key; nil when the parser cannot tell.
	Row *InsertRow
	// GuardVoid says why the insert's conflict guard (ON CONFLICT, INSERT
	// IGNORE, ON DUPLICATE KEY UPDATE, REPLACE INTO) never fires: no unique
	// key of the table is supplied by the row, e.g. "the only unique key of
	// roles is id, which the INSERT leaves to its sequence". Set by the
	// schema check in package parser; such a guard protects nothing.
	GuardVoid string
	// Def is what a CREATE TABLE, ADD COLUMN, ADD CONSTRAINT or CREATE
	// UNIQUE INDEX says about the table's columns and unique keys.
	Def *TableDef

	// Fixes are the text edits that add the missing guard, if any.
	Fixes []Edit

	// Uses are the tables and columns an INSERT, UPDATE or DELETE names
	// besides its own table: the tables it reads, the columns it reads or
	// writes. A later statement that drops or renames one of them makes a
	// second run fail here.
	Uses []Use

	// Filled in by the guard analysis (package parser).
	Protection Protection
	// ProtectedBy is the predicate or earlier statement that protects.
	ProtectedBy *Predicate
	ProtectedAt *Statement
	// RerunMeets says what the second run meets when following the
	// section's names shows the statement fails there, e.g. "table t_old
	// already exists"; empty otherwise.
	RerunMeets string
	// RerunSpan is where in the statement the second run fails, when that
	// is narrower than Span (the column an UPDATE reads).
	RerunSpan Span
	// Mismatch is an enclosing guard that names another object, or an
	// enclosing handler that catches another error than Raises, the one
	// a second run raises.
	Mismatch *Predicate
	Raises   Condition
}

// Use is a table or column a data statement names, and where.
type Use struct {
	Object Object // KindTable, or KindColumn with its Table
	Span   Span
}

// InsertRow is what an INSERT supplies for each row.
type InsertRow struct {
	// Columns are the columns the INSERT names, in order; empty when it
	// names none and supplies every column in table order.
	Columns []string
	// Defaulted are the positions (in Columns, or in table order) whose
	// value in every row is left to the column's default: DEFAULT, and on
	// MySQL and MariaDB NULL, which AUTO_INCREMENT also replaces.
	Defaulted []int
}

// TableDef is what one statement says about a table's columns and unique
// keys: the whole definition of a CREATE TABLE, or the part an ADD
// COLUMN, ADD CONSTRAINT or CREATE UNIQUE INDEX adds.
type TableDef struct {
	Columns []ColumnDef
	Keys    []KeyDef
	// Checks are the CHECK constraints of the form "col IS NOT NULL".
	Checks []CheckDef
	// Partial is set on a CREATE TABLE whose columns or keys also come
	// from elsewhere (LIKE, INHERITS, AS SELECT, PARTITION OF): its set of
	// unique keys is not known.
	Partial bool
}

// ColumnDef is a column as a table definition declares it.
type ColumnDef struct {
	Name string
	// Generated names what fills the column with a fresh value on every
	// row an INSERT leaves it out of: "its sequence" (serial, identity,
	// nextval), "AUTO_INCREMENT", "gen_random_uuid()"; empty for a
	// constant default or none.
	Generated string
	// Type is the declared type as the adapter normalises it
	// ("varchar(20)", "int4"); empty when not known.
	Type string
}

// CheckDef is a CHECK (col IS NOT NULL) constraint, which lets
// PostgreSQL 12+ skip the scan of a later SET NOT NULL once it is valid.
type CheckDef struct {
	Name    string
	Column  string
	Invalid bool // added NOT VALID and not validated since
}

// KeyDef is a primary key, unique constraint or unique index.
type KeyDef struct {
	// Name is the name the server gives it, "" when not known.
	Name    string
	Columns []string
	Primary bool
}

// Edit replaces Source[Start:End] with Text (an insertion when Start == End).
type Edit struct {
	Start, End int
	Text       string
}

// Protection says why an effect is (or is not) re-run safe.
type Protection uint8

const (
	Unprotected    Protection = iota
	ByInline                  // the statement's own guard
	ByPredicate               // an enclosing IF / prepared-string choice / precondition
	ByHandler                 // an exception or CONTINUE handler
	ByEarlierDrop             // DROP ... IF EXISTS of the same object earlier in the section
	ByDeleteFirst             // DELETE of the same keys just before the INSERT
	ByFresh                   // the table was created unguarded earlier in the section
	ByTemporary               // a temporary object
	ByBlock                   // an enclosing guard for an object the same block creates or drops
	ByRecreated               // a DROP of an object the section also creates
	ByDroppedLater            // a CREATE of an object the section drops again at its end
	ByCycle                   // the section leaves every name where a second run needs it
)

var protectionNames = [...]string{"unprotected", "inline guard", "enclosing condition",
	"exception handler", "earlier DROP", "earlier DELETE", "created in this section",
	"temporary object", "enclosing condition on the block", "created elsewhere in the section", "dropped again later in the section",
	"names left as a second run needs them"}

func (p Protection) String() string {
	if int(p) < len(protectionNames) {
		return protectionNames[p]
	}
	return "?"
}

// Safe reports whether the effect is protected.
func (e *Effect) Safe() bool { return e.Protection != Unprotected }

// PredSource is where a predicate comes from.
type PredSource uint8

const (
	PredCondition    PredSource = iota + 1 // IF <cond> THEN
	PredElse                               // ELSE branch: the negation
	PredChoice                             // MySQL IF(cond, 'DDL', 'SELECT 1') prepared string
	PredHandler                            // EXCEPTION WHEN / DECLARE CONTINUE HANDLER
	PredPrecondition                       // Liquibase precondition
)

// Predicate is what an enclosing condition proves before a statement runs.
type Predicate struct {
	Source PredSource
	Span   Span
	// Known is false when the condition could not be read: it then
	// protects nothing and contradicts nothing.
	Known bool
	// Object and Exists: "Object exists" (Exists) or "Object does not
	// exist" (!Exists) holds when the guarded statements run.
	Object Object
	Exists bool
	// Catches is set on handlers: the conditions they swallow (see
	// rerun.go for the error each effect raises on a second run).
	Catches []Catch
	// Text is the condition as written, for messages.
	Text string
}
