// Package gorm is a stub of gorm for the analyzer's tests.
package gorm

type DB struct{ Error error }

func (db *DB) Exec(sql string, values ...interface{}) *DB { return db }

func (db *DB) Transaction(fc func(tx *DB) error) error { return fc(db) }

func (db *DB) Begin(opts ...interface{}) *DB { return db }

func (db *DB) Commit() *DB { return db }

func (db *DB) Rollback() *DB { return db }
