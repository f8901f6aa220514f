// Package model is the dialect-neutral picture of a migration script that
// every rule reasons over: sections, statements with exact byte spans, the
// effects each statement has on the database, and the guards around them.
//
// The dialect adapters (parser/postgres, parser/mysql) build it; the guard
// analysis in package parser completes it; rules only read it.
package model

// Span is a half-open byte range [Start, End) in Script.Source.
type Span struct {
	Start, End int
}

// Valid reports whether the span points somewhere.
func (s Span) Valid() bool { return s.End >= s.Start && s.Start >= 0 }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Script is one migration file as the linter sees it.
type Script struct {
	Path      string
	Dialect   Dialect
	Framework Framework
	// Target is the server version the file runs on; its dialect is
	// Dialect's (the default version when none was given).
	Target Target
	Source []byte
	Lines  *Lines

	// DialectReason says how the dialect was chosen, for --verbose;
	// DialectGuessed is set when nothing hinted at it and the linter fell
	// back on whichever parser accepted the file.
	DialectReason  string
	DialectGuessed bool

	Sections []*Section
	// Statements lists the top-level statements in source order; nested
	// statements hang off Statement.Children.
	Statements []*Statement
	// Comments are the spans of every comment in the file, in order, for
	// suppressions and fixture expectations.
	Comments []Span
	// Crash is set when the parser failed on this file with a bug of its
	// own; the engine reports it as an internal error.
	Crash string
	// Skipped says why the file was recognised and not linted (a query
	// file of sqlc, yesql and the like); empty when it was read.
	Skipped string
	// Regions are the parts of the source that are not SQL for the server
	// and that no statement covers, in order: the rows of a psql
	// COPY ... FROM stdin and psql meta-command lines. They are never
	// linted and must never be edited.
	Regions []Region
	// Notes say, for --verbose, what in the file was left unread and why
	// (SQL built in a string that does not parse once its placeholders
	// are filled): not findings, since the server accepted the file.
	Notes []Note
}

// Note is a remark about the place Pos (a byte offset in Source).
type Note struct {
	Pos  int
	Text string
}

// Note records a remark for --verbose.
func (s *Script) Note(pos int, text string) {
	if s != nil {
		s.Notes = append(s.Notes, Note{Pos: pos, Text: text})
	}
}

// SectionKind tells what a section does when the framework runs it.
type SectionKind uint8

const (
	// SectionWhole is a file with no framework sections: it is all "up".
	SectionWhole SectionKind = iota
	SectionUp
	SectionDown
)

func (k SectionKind) String() string {
	switch k {
	case SectionUp:
		return "up"
	case SectionDown:
		return "down"
	default:
		return "whole"
	}
}

// Section is a part of a file the framework runs as a unit: a goose or
// dbmate Up/Down block, a Liquibase changeset, or the whole file.
type Section struct {
	Kind SectionKind
	// Name identifies a Liquibase changeset ("author:id"); empty otherwise.
	Name string
	Span Span
	// InTransaction is true when the framework wraps the section in a
	// transaction by default and the file did not opt out.
	InTransaction bool
	// Repeatable is set when the framework re-runs the section by design
	// (Flyway R__ files, Liquibase runOnChange/runAlways); RepeatReason
	// says which, for messages.
	Repeatable   bool
	RepeatReason string
	// Attrs are the framework attributes written on the section marker.
	Attrs map[string]string
	// Preconditions are guards the framework evaluates before running the
	// section (Liquibase preconditions with onFail:MARK_RAN or SKIP).
	Preconditions []*Predicate
	Statements    []*Statement
}

// IsDown reports whether the section is a rollback.
func (s *Section) IsDown() bool { return s != nil && s.Kind == SectionDown }

// StmtKind classifies statements for transaction and "mixed DDL" reasoning.
type StmtKind uint8

const (
	KindOther StmtKind = iota // SET, SELECT, GRANT, COMMENT, PREPARE ...
	KindDDL
	KindDML
	KindTx // transaction control
)

func (k StmtKind) String() string {
	switch k {
	case KindDDL:
		return "ddl"
	case KindDML:
		return "dml"
	case KindTx:
		return "transaction"
	default:
		return "other"
	}
}

// TxOp is the transaction-control verb of a KindTx statement.
type TxOp uint8

const (
	TxNone TxOp = iota
	TxBegin
	TxCommit
	TxRollback
	TxSavepoint
)

// Statement is one statement as the server would receive it.
type Statement struct {
	// Span runs from the first keyword to the terminator (inclusive when
	// there is one); it never includes a leading comment.
	Span Span
	Kind StmtKind
	Tx   TxOp
	// Tag names the statement for messages, e.g. "ALTER TABLE".
	Tag     string
	Section *Section
	Effects []*Effect

	// Parent is the enclosing DO block, routine or prepared statement of a
	// nested statement; nil at top level.
	Parent *Statement
	// Children are statements nested in bodies and SQL strings.
	Children []*Statement
	// Guards are the predicates that must hold for this statement to run,
	// outermost first (IF conditions, prepared-string choices, handlers).
	Guards []*Predicate
	// Routine is set on CREATE FUNCTION/PROCEDURE/TRIGGER/EVENT and DO
	// statements whose body was read.
	Routine *Routine
	// Exec is set on statements that run other SQL: the name of the
	// routine a CALL/SELECT invokes, or the prepared statement EXECUTE runs.
	Exec *Exec

	// InExplicitTx is true between BEGIN/START TRANSACTION and COMMIT.
	InExplicitTx bool
	// NoTx is true for statements that refuse to run inside a transaction
	// block (CREATE INDEX CONCURRENTLY, VACUUM, ...); NoTxReason names it.
	NoTx       bool
	NoTxReason string
	NoTxSpan   Span

	// Locks are the clauses that lock or rewrite a table, for the lock
	// rules (see LockOp); the re-run analysis does not read them.
	Locks []*LockOp
	// Blocks are the clauses a second run cannot do because of what the
	// section makes further on. Set by the dependency analysis (package
	// parser).
	Blocks []Block

	// Err is set when the parser rejected the statement.
	Err *SyntaxError
}

// Routine describes the body of a DO block or a stored routine.
type Routine struct {
	Kind ObjectKind // KindFunction, KindProcedure, KindTrigger, KindEvent; KindNone for DO
	Name Object
	// Anonymous is true for DO blocks and MariaDB BEGIN NOT ATOMIC, which
	// run where they stand.
	Anonymous bool
	// BodyRead is false when the body could not be analysed (another
	// language, a body the block reader cannot follow).
	BodyRead bool
}

// Exec records what a statement runs indirectly.
type Exec struct {
	// Routine is the routine called (CALL p, SELECT f(), PERFORM f()).
	Routine Object
	// Prepared is the prepared statement name an EXECUTE runs.
	Prepared string
}

// SyntaxError is a parser rejection at an exact place, or, by Kind, a
// statement the parser did not read for another reason.
type SyntaxError struct {
	Kind    ErrKind
	Message string
	Pos     int // byte offset in Script.Source
	// Help, when set, says what to do about this error more precisely
	// than its rule's help (a framework's own requirement).
	Help string
}

// ErrKind says why a statement was not read.
type ErrKind uint8

const (
	// ErrSyntax: the grammar rejects the statement; the server would too.
	ErrSyntax ErrKind = iota
	// ErrLimit: the statement exceeds a bound of the linter (its nesting
	// depth) and was not handed to the parser.
	ErrLimit
	// ErrInternal: the parser failed on the statement in a way of its own.
	ErrInternal
)

// Walk calls fn for every statement of the script, nested ones after
// their parent, in source order.
func (s *Script) Walk(fn func(*Statement)) {
	var walk func([]*Statement)
	walk = func(list []*Statement) {
		for _, st := range list {
			fn(st)
			walk(st.Children)
		}
	}
	walk(s.Statements)
}

// TopLevel returns the outermost statement that contains st.
func (st *Statement) TopLevel() *Statement {
	for st.Parent != nil {
		st = st.Parent
	}
	return st
}

// Text returns the source text of a span.
func (s *Script) Text(sp Span) string {
	if sp.Start < 0 || sp.End > len(s.Source) || sp.Start > sp.End {
		return ""
	}
	return string(s.Source[sp.Start:sp.End])
}

// Region is a part of the source that is not split into statements the
// usual way. By Kind: a framework region (goose StatementBegin/StatementEnd
// blocks go to the server whole, Liquibase changesets may name their own
// end delimiter), or text that is not SQL at all (psql COPY data and
// meta-commands, see Script.Regions).
type Region struct {
	Kind      RegionKind
	Span      Span
	Atomic    bool
	Delimiter string
}

// RegionKind tells what a region holds.
type RegionKind uint8

const (
	// RegionFramework is SQL that a framework splits its own way.
	RegionFramework RegionKind = iota
	// RegionCopyData holds the rows of a psql COPY ... FROM stdin (or
	// \copy ... from stdin): data, never SQL. It starts on the line after
	// the statement and ends with the "\." line that closes it (without its
	// line break), or at the end of the file.
	RegionCopyData
	// RegionPsqlMeta is one psql meta-command line (\connect, \set, \i,
	// \copy ...), without its line break: psql runs it, the server never
	// sees it.
	RegionPsqlMeta
)

// Block is a clause of a statement that a second run cannot do: an object
// the section makes further on depends on what the clause drops or
// changes, and is there by then.
type Block struct {
	Span   Span
	Object Object // what the clause drops or changes
	// By is the effect that makes the dependent.
	By *Effect
	// Code is the error the server raises: on PostgreSQL 2BP01 for a DROP
	// and 0A000 for a column type change; for a DROP TABLE that a foreign
	// key references, 3730 on MySQL and 1451 on MariaDB.
	Code string
	// DropFirst makes what would have to be dropped before the clause,
	// in that order: every dependent in its way and what depends on
	// those. Nil when that is not certain.
	DropFirst []*Effect
}
