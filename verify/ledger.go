package verify

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// ledgers are the tables migration frameworks create before the first
// migration runs, in the form each creates them. Some migrations alter
// or read their framework's ledger (harbor adds a column to
// schema_migrations, lemmy puts a trigger on __diesel_schema_migrations):
// without the table they would fail on a history where, in production,
// they succeed. The rows a tool writes after each migration are not
// emulated. {bool} and {ts} stand for the dialect's types.
var ledgers = map[model.Framework]string{
	model.GolangMigrate: "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty {bool} NOT NULL)",
	model.Dbmate:        "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) NOT NULL PRIMARY KEY)",
	model.Goose: "CREATE TABLE IF NOT EXISTS goose_db_version (id {serial} PRIMARY KEY, version_id bigint NOT NULL, " +
		"is_applied {bool} NOT NULL, tstamp {ts} NULL DEFAULT CURRENT_TIMESTAMP)",
	model.Diesel: "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL, " +
		"run_on {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP)",
	model.Sqlx: "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version bigint PRIMARY KEY, description text NOT NULL, " +
		"installed_on {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP, success {bool} NOT NULL, checksum {bytes} NOT NULL, execution_time bigint NOT NULL)",
	model.Flyway: "CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), " +
		"description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, " +
		"installed_by varchar(100) NOT NULL, installed_on {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time int NOT NULL, success {bool} NOT NULL)",
	model.Liquibase: "CREATE TABLE IF NOT EXISTS databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, " +
		"filename varchar(255) NOT NULL, dateexecuted {ts} NOT NULL, orderexecuted int NOT NULL, exectype varchar(10) NOT NULL, " +
		"md5sum varchar(35), description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20), " +
		"contexts varchar(255), labels varchar(255), deployment_id varchar(10))",
	model.Prisma: "CREATE TABLE IF NOT EXISTS _prisma_migrations (id varchar(36) PRIMARY KEY NOT NULL, checksum varchar(64) NOT NULL, " +
		"finished_at {ts} NULL, migration_name varchar(255) NOT NULL, logs text, rolled_back_at {ts} NULL, " +
		"started_at {ts} NOT NULL DEFAULT CURRENT_TIMESTAMP, applied_steps_count int NOT NULL DEFAULT 0)",
}

// ledgerSQL is the statement that creates a framework's ledger on a
// dialect, or "" when verify does not know it.
func ledgerSQL(fw model.Framework, d model.Dialect) string {
	q, ok := ledgers[fw]
	if !ok {
		return ""
	}
	types := strings.NewReplacer("{bool}", "boolean", "{ts}", "timestamptz", "{serial}", "serial", "{bytes}", "bytea")
	if d.MySQLFamily() {
		types = strings.NewReplacer("{bool}", "boolean", "{ts}", "timestamp", "{serial}", "bigint unsigned AUTO_INCREMENT", "{bytes}", "blob")
	}
	return types.Replace(q)
}
