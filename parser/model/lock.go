package model

// LockOp is one clause of a statement that locks a table (or rewrites it)
// in a way the lock rules judge: a CREATE INDEX, an ALTER TABLE
// sub-command, a VACUUM FULL, a SET lock_timeout. The adapters record it
// on the statement; the guard analysis never reads it, so the re-run
// rules are unaffected.
type LockOp struct {
	Kind LockKind
	// Table is the table locked; empty for a DROP INDEX or REINDEX INDEX,
	// which name only the index (Index).
	Table Object
	Index Object
	// Ref is the referenced table of a foreign key, also locked.
	Ref Object
	// Column is the column a SET NOT NULL, type change or ADD COLUMN is
	// about; Constraint the constraint a VALIDATE names or an ADD creates.
	Column     string
	Constraint string
	// Span is the clause, for findings.
	Span Span

	Concurrently bool // CREATE/DROP INDEX, REINDEX CONCURRENTLY
	NotValid     bool // ADD CONSTRAINT ... NOT VALID
	UsingIndex   bool // ADD UNIQUE / PRIMARY KEY USING INDEX
	Unique       bool // CREATE UNIQUE INDEX
	// Type is the column type a type change or ADD COLUMN writes, as the
	// adapter normalises it ("varchar(20)", "int4", "text").
	Type string
	// Using is set on a type change with an explicit USING clause.
	Using bool
	// Volatile names the volatile function of an ADD COLUMN's default
	// ("gen_random_uuid()"), which fills every row: a table rewrite.
	Volatile string
	// Stored marks ADD COLUMN ... GENERATED ALWAYS AS (...) STORED.
	Stored bool
	// NotNullOf is the column of a CHECK (col IS NOT NULL).
	NotNullOf string
	// Setting is the value a SET lock_timeout gives ("5s"; "0" turns it off).
	Setting string
	// Algorithm and LockMode are a MySQL/MariaDB ALTER TABLE's
	// ALGORITHM= and LOCK= clauses as written, upper-cased; empty when absent.
	Algorithm string
	LockMode  string
	// Detail is the sub-command as written, for messages about an
	// operation the kind does not name ("CONVERT TO CHARACTER SET").
	Detail string

	// Filled from the schema history by the parser (package parser):
	// where Table comes from (for a DROP INDEX, the table of the index
	// when the history knows it, which is then set in Table), the type
	// Column had before the statement, and whether a valid CHECK (Column
	// IS NOT NULL) was in place.
	Origin    Origin
	OldType   string
	NotNullOK bool
}

// Origin says where a table comes from, seen from the migration being
// linted.
type Origin uint8

const (
	// OriginUnknown: the history has not seen the table created. For a
	// single file this is any table the file did not create itself, and
	// the lock rules take it for an existing one, as other linters do.
	OriginUnknown Origin = iota
	// OriginBefore: an earlier migration of the folder created it.
	OriginBefore
	// OriginHere: this migration created it, earlier in the same section
	// (or its up sections, for those): it is new, empty and unused.
	OriginHere
)

func (o Origin) String() string {
	switch o {
	case OriginBefore:
		return "created by an earlier migration"
	case OriginHere:
		return "created in this migration"
	}
	return "not known"
}

// LockKind is what a locking clause does.
type LockKind uint8

const (
	LockOther          LockKind = iota // any other ALTER TABLE sub-command
	LockCreateIndex                    // CREATE [UNIQUE] INDEX, MySQL ADD INDEX
	LockReindex                        // REINDEX TABLE / INDEX
	LockDropIndex                      // DROP INDEX
	LockAddForeignKey                  // ADD [CONSTRAINT] FOREIGN KEY
	LockAddCheck                       // ADD [CONSTRAINT] CHECK
	LockAddUnique                      // ADD UNIQUE
	LockAddPrimaryKey                  // ADD PRIMARY KEY
	LockValidate                       // VALIDATE CONSTRAINT
	LockSetNotNull                     // ALTER COLUMN ... SET NOT NULL
	LockAlterType                      // ALTER COLUMN ... TYPE, MySQL MODIFY/CHANGE with a type
	LockAddColumn                      // ADD COLUMN
	LockDropColumn                     // DROP COLUMN
	LockVacuumFull                     // VACUUM FULL
	LockCluster                        // CLUSTER
	LockSetLogged                      // SET LOGGED / UNLOGGED
	LockWeak                           // an ALTER TABLE form that takes less than SHARE (SET STATISTICS ...)
	LockTimeout                        // SET [LOCAL] lock_timeout: no table
	LockConvertCharset                 // MySQL CONVERT TO CHARACTER SET
	LockDropPrimaryKey                 // MySQL DROP PRIMARY KEY
	LockPartitionBy                    // MySQL PARTITION BY / REMOVE PARTITIONING
	LockFKChecksOff                    // MySQL SET foreign_key_checks = 0: no table
	LockReference                      // CREATE TABLE ... REFERENCES Table: SHARE ROW EXCLUSIVE on Table
	LockDropTable                      // DROP TABLE, TRUNCATE: ACCESS EXCLUSIVE, however quick
)

// PostgresMode is the lock PostgreSQL takes on Table for the clause, as
// pg_locks names it, following the "Explicit Locking" chapter and the
// ALTER TABLE notes; "" for LockTimeout.
func (op *LockOp) PostgresMode() string {
	switch op.Kind {
	case LockTimeout, LockFKChecksOff:
		return ""
	case LockCreateIndex:
		if op.Concurrently {
			return "ShareUpdateExclusiveLock"
		}
		return "ShareLock"
	case LockReindex:
		if op.Concurrently {
			return "ShareUpdateExclusiveLock"
		}
		return "ShareLock" // on the table; the index itself is ACCESS EXCLUSIVE
	case LockDropIndex:
		if op.Concurrently {
			return "ShareUpdateExclusiveLock"
		}
		return "AccessExclusiveLock"
	case LockAddForeignKey, LockReference:
		return "ShareRowExclusiveLock"
	case LockValidate, LockWeak:
		return "ShareUpdateExclusiveLock"
	}
	return "AccessExclusiveLock"
}

// StrongMode reports whether a PostgreSQL lock mode conflicts with
// writes: SHARE or stronger.
func StrongMode(mode string) bool {
	switch mode {
	case "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock":
		return true
	}
	return false
}

// LockBlocks says what a PostgreSQL lock mode keeps others from doing.
func LockBlocks(mode string) string {
	switch mode {
	case "AccessExclusiveLock":
		return "blocks reads and writes"
	case "ExclusiveLock", "ShareRowExclusiveLock", "ShareLock":
		return "blocks writes"
	}
	return "blocks other schema changes"
}

// LockName is a PostgreSQL lock mode as the documentation writes it:
// "ACCESS EXCLUSIVE" for AccessExclusiveLock.
func LockName(mode string) string {
	switch mode {
	case "AccessExclusiveLock":
		return "ACCESS EXCLUSIVE"
	case "ExclusiveLock":
		return "EXCLUSIVE"
	case "ShareRowExclusiveLock":
		return "SHARE ROW EXCLUSIVE"
	case "ShareLock":
		return "SHARE"
	case "ShareUpdateExclusiveLock":
		return "SHARE UPDATE EXCLUSIVE"
	}
	return mode
}
