// Package txmysql runs DDL on MySQL transactions. // want package:`drivers\(mysql\)`
package txmysql

import (
	"context"
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
)

// MySQL commits every DDL statement on its own: a transaction the code
// opened promises an all-or-nothing change the server does not give.
func addPlan(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET plan = 'free' WHERE plan IS NULL"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS plan_history (id int)"); err != nil { // want `CREATE TABLE inside a transaction: MySQL commits it implicitly.*\[mysql-ddl-in-transaction\]`
		return err
	}
	return tx.Commit()
}

func inGorm(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Exec("CREATE TABLE IF NOT EXISTS users_old (id int)").Error // want `CREATE TABLE inside a transaction.*\[mysql-ddl-in-transaction\]`
	})
}

// Data changes in a transaction are what transactions are for: silent.
func dataOnly(tx *sql.Tx) error {
	_, err := tx.Exec("UPDATE users SET plan = 'free' WHERE plan IS NULL")
	return err
}

// DDL on the pool runs outside any transaction: silent.
func onPool(db *sql.DB) error {
	_, err := db.Exec("CREATE TABLE IF NOT EXISTS users_archive (id int)")
	return err
}

// goose's own transaction is the framework's, as for .sql files: silent.
func init() {
	goose.AddMigration(upUsers, nil)
}

func upUsers(tx *sql.Tx) error {
	_, err := tx.Exec("CREATE TABLE IF NOT EXISTS plans (id int)")
	return err
}
