package model

import (
	"fmt"
	"strings"
)

// Dialect is the SQL dialect a script is written for.
type Dialect uint8

const (
	DialectUnknown Dialect = iota
	Postgres
	MySQL
	MariaDB
)

// Dialects lists the dialects a user can name, in documentation order.
var Dialects = []Dialect{Postgres, MySQL, MariaDB}

func (d Dialect) String() string {
	switch d {
	case Postgres:
		return "postgres"
	case MySQL:
		return "mysql"
	case MariaDB:
		return "mariadb"
	default:
		return "unknown"
	}
}

// MySQLFamily is true for MySQL and MariaDB, which share a parser and the
// implicit commit of DDL.
func (d Dialect) MySQLFamily() bool { return d == MySQL || d == MariaDB }

// SameName compares two names as the server does once they are read: in
// any case on MySQL and MariaDB (information_schema compares that way),
// exactly on PostgreSQL, whose parser has already folded unquoted names.
func (d Dialect) SameName(a, b string) bool {
	if d.MySQLFamily() {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// ParseDialect reads a dialect name as users write it.
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "postgres", "postgresql", "pg":
		return Postgres, nil
	case "mysql":
		return MySQL, nil
	case "mariadb":
		return MariaDB, nil
	}
	return DialectUnknown, fmt.Errorf("unknown dialect %q (want postgres, mysql or mariadb)", s)
}

// Framework is the migration tool a file is written for.
type Framework string

const (
	FrameworkNone      Framework = ""
	Goose              Framework = "goose"
	Dbmate             Framework = "dbmate"
	GolangMigrate      Framework = "golang-migrate"
	Sqlx               Framework = "sqlx"
	Flyway             Framework = "flyway"
	Liquibase          Framework = "liquibase"
	Diesel             Framework = "diesel"
	Prisma             Framework = "prisma"
	Atlas              Framework = "atlas"
	Sqitch             Framework = "sqitch"
	FrameworkUndefined Framework = "plain"
)

// Frameworks lists every framework the linter recognises.
var Frameworks = []Framework{Goose, Dbmate, GolangMigrate, Sqlx, Flyway, Liquibase, Diesel, Prisma, Atlas, Sqitch}

// ParseFramework reads a framework name as users write it ("none" and
// "plain" mean a file no framework manages).
func ParseFramework(s string) (Framework, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "none", "plain":
		return FrameworkUndefined, nil
	case "migrate":
		return GolangMigrate, nil
	}
	for _, f := range Frameworks {
		if string(f) == s {
			return f, nil
		}
	}
	return FrameworkNone, fmt.Errorf("unknown framework %q", s)
}

// DefaultLedgers are the tables migration frameworks record applied
// migrations in. A name with a schema ("sqitch.changes") matches only with
// that schema; the others match in any schema.
var DefaultLedgers = []string{
	"schema_migrations",          // golang-migrate, dbmate, Rails
	"goose_db_version",           // goose
	"flyway_schema_history",      // Flyway
	"databasechangelog",          // Liquibase
	"atlas_schema_revisions",     // Atlas
	"__diesel_schema_migrations", // diesel
	"_sqlx_migrations",           // sqlx
	"_prisma_migrations",         // prisma
	"migration_ledger",
	"sqitch.changes", // sqitch
}
