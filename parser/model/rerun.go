package model

import (
	"fmt"
	"strings"
)

// The error a second run of a statement raises, per effect (action and
// object kind) and dialect, and the conditions exception handlers name.
// This file is the one place that knows them: an exception handler guards
// an effect only when it catches exactly that error.
//
// Sources: the PostgreSQL documentation's "PostgreSQL Error Codes"
// appendix, the MySQL 8.0 and MariaDB error references; each row was
// checked by running the statement twice on PostgreSQL 15 and MariaDB
// 10.11 (MySQL-only rows come from MySQL's reference alone).

// Condition is an error a server raises.
type Condition struct {
	// SQLState is the five-character SQLSTATE ("42P07", "42S01").
	SQLState string
	// Name is PostgreSQL's condition name (duplicate_table) or MySQL's
	// error symbol (ER_TABLE_EXISTS_ERROR).
	Name string
	// Number is the MySQL/MariaDB error number; 0 on PostgreSQL.
	Number int
}

// String names the condition as a handler would: "duplicate_column
// (42701)" on PostgreSQL, "1060 (ER_DUP_FIELDNAME, SQLSTATE '42S21')" on
// MySQL and MariaDB.
func (c Condition) String() string {
	if c.Number != 0 {
		return fmt.Sprintf("%d (%s, SQLSTATE '%s')", c.Number, c.Name, c.SQLState)
	}
	return fmt.Sprintf("%s (%s)", c.Name, c.SQLState)
}

// Catch is one condition named by an exception handler.
type Catch struct {
	// Text is the condition as written, for messages.
	Text string
	// Any: PostgreSQL OTHERS, MySQL SQLEXCEPTION.
	Any bool
	// SQLState is the state the condition names, when it names one. On
	// PostgreSQL a class code (ending in 000) catches the whole class.
	SQLState string
	// Number is a MySQL/MariaDB error number.
	Number int
}

// Catches reports whether the handler condition catches error c raised
// on dialect d.
func (h Catch) Catches(d Dialect, c Condition) bool {
	switch {
	case h.Any:
		// SQLEXCEPTION is every state outside classes 00, 01 and 02;
		// OTHERS every error but query_canceled and assert_failure.
		return true
	case h.Number != 0:
		return d.MySQLFamily() && h.Number == c.Number
	case h.SQLState == "":
		return false
	case strings.EqualFold(h.SQLState, c.SQLState):
		return true
	}
	// PostgreSQL matches a class code against the class of the error;
	// MySQL compares SQLSTATE values exactly.
	return !d.MySQLFamily() && strings.HasSuffix(h.SQLState, "000") && len(c.SQLState) == 5 &&
		strings.EqualFold(h.SQLState[:2], c.SQLState[:2])
}

// ConstraintType refines KindConstraint: the error a duplicate raises
// depends on what the constraint is.
type ConstraintType uint8

const (
	ConstraintOther   ConstraintType = iota // CHECK, NOT NULL, or not known
	ConstraintPrimary                       // PRIMARY KEY
	ConstraintUnique                        // UNIQUE, EXCLUDE: backed by an index
	ConstraintForeign                       // FOREIGN KEY
)

// Raise says what a second run of an effect does.
type Raise uint8

const (
	// RaisesUnknown: the linter does not know the error; any handler is
	// given the benefit of the doubt.
	RaisesUnknown Raise = iota
	// RaisesError: Condition is raised.
	RaisesError
	// RaisesNothing: a second run raises no error (an unnamed index is
	// added again, rows are updated again): no handler guards it.
	RaisesNothing
)

// PostgreSQL conditions a second run raises.
var (
	pgDuplicateTable     = Condition{SQLState: "42P07", Name: "duplicate_table"}
	pgDuplicateObject    = Condition{SQLState: "42710", Name: "duplicate_object"}
	pgDuplicateColumn    = Condition{SQLState: "42701", Name: "duplicate_column"}
	pgDuplicateFunction  = Condition{SQLState: "42723", Name: "duplicate_function"}
	pgDuplicateSchema    = Condition{SQLState: "42P06", Name: "duplicate_schema"}
	pgDuplicateDatabase  = Condition{SQLState: "42P04", Name: "duplicate_database"}
	pgInvalidTableDef    = Condition{SQLState: "42P16", Name: "invalid_table_definition"}
	pgUndefinedTable     = Condition{SQLState: "42P01", Name: "undefined_table"}
	pgUndefinedColumn    = Condition{SQLState: "42703", Name: "undefined_column"}
	pgUndefinedObject    = Condition{SQLState: "42704", Name: "undefined_object"}
	pgUndefinedFunction  = Condition{SQLState: "42883", Name: "undefined_function"}
	pgInvalidSchemaName  = Condition{SQLState: "3F000", Name: "invalid_schema_name"}
	pgInvalidCatalogName = Condition{SQLState: "3D000", Name: "invalid_catalog_name"}
	pgInvalidParameter   = Condition{SQLState: "22023", Name: "invalid_parameter_value"}
	pgUniqueViolation    = Condition{SQLState: "23505", Name: "unique_violation"}
)

// MySQL and MariaDB errors a second run raises.
var (
	myTableExists      = Condition{Number: 1050, SQLState: "42S01", Name: "ER_TABLE_EXISTS_ERROR"}
	myDupFieldName     = Condition{Number: 1060, SQLState: "42S21", Name: "ER_DUP_FIELDNAME"}
	myDupKeyName       = Condition{Number: 1061, SQLState: "42000", Name: "ER_DUP_KEYNAME"}
	myMultiplePriKey   = Condition{Number: 1068, SQLState: "42000", Name: "ER_MULTIPLE_PRI_KEY"}
	myFKDupName        = Condition{Number: 1826, SQLState: "HY000", Name: "ER_FK_DUP_NAME"}
	myCheckDupName     = Condition{Number: 3822, SQLState: "HY000", Name: "ER_CHECK_CONSTRAINT_DUP_NAME"}
	mariaCantCreate    = Condition{Number: 1005, SQLState: "HY000", Name: "ER_CANT_CREATE_TABLE"}
	mariaDupConstraint = Condition{Number: 1826, SQLState: "HY000", Name: "ER_DUP_CONSTRAINT_NAME"}
	myDBCreateExists   = Condition{Number: 1007, SQLState: "HY000", Name: "ER_DB_CREATE_EXISTS"}
	mySPAlreadyExists  = Condition{Number: 1304, SQLState: "42000", Name: "ER_SP_ALREADY_EXISTS"}
	myTrgAlreadyExists = Condition{Number: 1359, SQLState: "HY000", Name: "ER_TRG_ALREADY_EXISTS"}
	myEventExists      = Condition{Number: 1537, SQLState: "HY000", Name: "ER_EVENT_ALREADY_EXISTS"}
	myCannotUser       = Condition{Number: 1396, SQLState: "HY000", Name: "ER_CANNOT_USER"}
	myBadTable         = Condition{Number: 1051, SQLState: "42S02", Name: "ER_BAD_TABLE_ERROR"}
	mariaUnknownView   = Condition{Number: 4092, SQLState: "42S02", Name: "ER_UNKNOWN_VIEW"}
	mariaUnknownSeq    = Condition{Number: 4091, SQLState: "42S02", Name: "ER_UNKNOWN_SEQUENCES"}
	myCantDropField    = Condition{Number: 1091, SQLState: "42000", Name: "ER_CANT_DROP_FIELD_OR_KEY"}
	myConstraintNotFnd = Condition{Number: 3940, SQLState: "HY000", Name: "ER_CONSTRAINT_NOT_FOUND"}
	myDBDropExists     = Condition{Number: 1008, SQLState: "HY000", Name: "ER_DB_DROP_EXISTS"}
	mySPDoesNotExist   = Condition{Number: 1305, SQLState: "42000", Name: "ER_SP_DOES_NOT_EXIST"}
	myTrgDoesNotExist  = Condition{Number: 1360, SQLState: "HY000", Name: "ER_TRG_DOES_NOT_EXIST"}
	myEventDoesNotExst = Condition{Number: 1539, SQLState: "HY000", Name: "ER_EVENT_DOES_NOT_EXIST"}
	myNoSuchTable      = Condition{Number: 1146, SQLState: "42S02", Name: "ER_NO_SUCH_TABLE"}
	myBadField         = Condition{Number: 1054, SQLState: "42S22", Name: "ER_BAD_FIELD_ERROR"}
	myKeyDoesNotExist  = Condition{Number: 1176, SQLState: "42000", Name: "ER_KEY_DOES_NOT_EXITS"}
	myDupEntry         = Condition{Number: 1062, SQLState: "23000", Name: "ER_DUP_ENTRY"}
)

// RerunError is the error a second run of effect (a, k) raises on d: a
// CREATE or ADD finds the object there, a DROP finds it gone, a RENAME
// finds its source gone (the server looks the source up first), an INSERT
// meets its own rows. ct refines constraints; unnamed says the statement
// names no object (an unnamed index or foreign key is added again
// without an error).
func RerunError(d Dialect, a Action, k ObjectKind, ct ConstraintType, unnamed bool) (Condition, Raise) {
	var c Condition
	if d.MySQLFamily() {
		c = myRerunError(d, a, k, ct)
	} else {
		c = pgRerunError(a, k, ct)
	}
	switch {
	case a == ActInsert:
		// An INSERT fails again only where a unique key meets its rows.
	case unnamed && (a == ActCreate || a == ActAdd) && (k != KindConstraint || ct != ConstraintPrimary):
		return Condition{}, RaisesNothing
	case a == ActUpdate || a == ActDelete || a == ActTruncate || a == ActRetype:
		return Condition{}, RaisesNothing
	}
	if c.SQLState == "" {
		return c, RaisesUnknown
	}
	return c, RaisesError
}

func pgRerunError(a Action, k ObjectKind, ct ConstraintType) Condition {
	switch a {
	case ActCreate, ActAdd:
		switch k {
		case KindTable, KindView, KindMatView, KindSequence, KindIndex, KindPartition, KindRelation:
			return pgDuplicateTable
		case KindColumn:
			return pgDuplicateColumn
		case KindConstraint:
			switch ct {
			case ConstraintPrimary:
				return pgInvalidTableDef // "multiple primary keys ... are not allowed"
			case ConstraintUnique:
				return pgDuplicateTable // the index behind it exists
			}
			return pgDuplicateObject
		case KindFunction, KindProcedure:
			return pgDuplicateFunction
		case KindSchema:
			return pgDuplicateSchema
		case KindDatabase:
			return pgDuplicateDatabase
		case KindType, KindDomain, KindEnumValue, KindTrigger, KindPolicy, KindRule, KindExtension, KindRole,
			KindPublication, KindSubscription, KindServer, KindStatistics, KindTablespace, KindCollation, KindEventTrigger:
			return pgDuplicateObject
		}
	case ActDrop, ActRename:
		switch k {
		case KindIndex:
			if a == ActDrop {
				return pgUndefinedObject // DROP INDEX: "index ... does not exist"
			}
			return pgUndefinedTable // ALTER INDEX ... RENAME looks up a relation
		case KindTable, KindView, KindMatView, KindSequence, KindPartition, KindRelation:
			return pgUndefinedTable
		case KindColumn:
			return pgUndefinedColumn
		case KindFunction, KindProcedure:
			return pgUndefinedFunction
		case KindSchema:
			return pgInvalidSchemaName
		case KindDatabase:
			return pgInvalidCatalogName
		case KindEnumValue:
			if a == ActRename {
				return pgInvalidParameter // "... is not an existing enum label"
			}
		case KindConstraint, KindType, KindDomain, KindTrigger, KindPolicy, KindRule, KindExtension, KindRole,
			KindPublication, KindSubscription, KindServer, KindStatistics, KindTablespace, KindCollation, KindEventTrigger:
			return pgUndefinedObject
		}
	case ActInsert:
		return pgUniqueViolation
	}
	return Condition{}
}

func myRerunError(d Dialect, a Action, k ObjectKind, ct ConstraintType) Condition {
	maria := d == MariaDB
	switch a {
	case ActCreate, ActAdd:
		switch k {
		case KindTable, KindView, KindSequence:
			return myTableExists
		case KindColumn:
			return myDupFieldName
		case KindIndex:
			if ct == ConstraintPrimary {
				return myMultiplePriKey
			}
			return myDupKeyName
		case KindConstraint:
			switch ct {
			case ConstraintPrimary:
				return myMultiplePriKey
			case ConstraintUnique:
				return myDupKeyName
			case ConstraintForeign:
				if maria {
					return mariaCantCreate // errno 121, "Duplicate key on write or update"
				}
				return myFKDupName
			}
			if maria {
				return mariaDupConstraint
			}
			return myCheckDupName
		case KindSchema, KindDatabase:
			return myDBCreateExists
		case KindFunction, KindProcedure:
			return mySPAlreadyExists
		case KindTrigger:
			return myTrgAlreadyExists
		case KindEvent:
			return myEventExists
		case KindRole:
			return myCannotUser
		}
	case ActDrop:
		switch k {
		case KindTable:
			return myBadTable
		case KindView:
			if maria {
				return mariaUnknownView
			}
			return myBadTable
		case KindSequence:
			if maria {
				return mariaUnknownSeq
			}
		case KindColumn, KindIndex:
			return myCantDropField
		case KindConstraint:
			if maria || ct == ConstraintForeign || ct == ConstraintPrimary {
				return myCantDropField
			}
			return myConstraintNotFnd
		case KindSchema, KindDatabase:
			return myDBDropExists
		case KindFunction, KindProcedure:
			return mySPDoesNotExist
		case KindTrigger:
			return myTrgDoesNotExist
		case KindEvent:
			return myEventDoesNotExst
		case KindRole:
			return myCannotUser
		}
	case ActRename:
		switch k {
		case KindTable, KindView:
			return myNoSuchTable
		case KindColumn:
			return myBadField
		case KindIndex:
			return myKeyDoesNotExist
		}
	case ActInsert:
		return myDupEntry
	}
	return Condition{}
}

// pgConditions maps the PostgreSQL condition names a handler may use to
// SQLSTATE codes: every condition RerunError returns, the classes they
// belong to (a class name catches the whole class), and a few that
// handlers often name. A name not listed here is none of the errors a
// second run raises.
var pgConditions = map[string]string{
	"duplicate_table": "42P07", "duplicate_object": "42710", "duplicate_column": "42701",
	"duplicate_function": "42723", "duplicate_schema": "42P06", "duplicate_database": "42P04",
	"duplicate_alias": "42712", "invalid_table_definition": "42P16", "invalid_object_definition": "42P17",
	"undefined_table": "42P01", "undefined_column": "42703", "undefined_object": "42704",
	"undefined_function": "42883", "undefined_parameter": "42P02", "wrong_object_type": "42809",
	"syntax_error": "42601", "insufficient_privilege": "42501",
	"invalid_schema_name": "3F000", "invalid_catalog_name": "3D000",
	"invalid_parameter_value": "22023", "unique_violation": "23505",
	"feature_not_supported": "0A000", "dependent_objects_still_exist": "2BP01", "raise_exception": "P0001",
	// Classes.
	"syntax_error_or_access_rule_violation": "42000", "integrity_constraint_violation": "23000",
	"data_exception": "22000",
}

// PGCatch reads a PostgreSQL handler condition: a condition name, OTHERS,
// or a SQLSTATE code (libpg_query gives SQLSTATE 'xxxxx' as its code).
func PGCatch(cond string) Catch {
	c := Catch{Text: cond}
	l := strings.ToLower(cond)
	switch {
	case l == "others":
		c.Any = true
	case pgConditions[l] != "":
		c.SQLState = pgConditions[l]
	case len(cond) == 5 && isSQLState(cond):
		c.SQLState = strings.ToUpper(cond)
		c.Text = "SQLSTATE '" + cond + "'"
	}
	return c
}

func isSQLState(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i] | 0x20
		if (s[i] < '0' || s[i] > '9') && (ch < 'a' || ch > 'z') {
			return false
		}
	}
	return true
}

// MySQLCatchNumber reads a handler's error number.
func MySQLCatchNumber(n int) Catch {
	return Catch{Text: fmt.Sprint(n), Number: n}
}

// MySQLCatchState reads a handler's SQLSTATE 'xxxxx'.
func MySQLCatchState(s string) Catch {
	return Catch{Text: "SQLSTATE '" + s + "'", SQLState: strings.ToUpper(s)}
}

// CatchesAny reports whether one of the handler's conditions catches c.
func CatchesAny(list []Catch, d Dialect, c Condition) bool {
	for _, h := range list {
		if h.Catches(d, c) {
			return true
		}
	}
	return false
}

// DescribeCatches lists a handler's conditions for messages.
func DescribeCatches(list []Catch) string {
	parts := make([]string, 0, len(list))
	for _, h := range list {
		parts = append(parts, h.Text)
	}
	return strings.Join(parts, ", ")
}
