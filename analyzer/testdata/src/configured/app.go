// Package configured takes its dialect and rule settings from .idemlint.yaml.
package configured

import "database/sql"

func migrate(db *sql.DB) {
	db.Exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int") // want `\[mysql-unsupported-if-exists\]`
	db.Exec("CREATE TABLE t (id int)")                      // turned off in the configuration
}
