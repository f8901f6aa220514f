package configured

import "database/sql"

func legacy(db *sql.DB) {
	db.Exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS d int") // turned off for this file
}
