// Package sqlx is a stub of sqlx for the analyzer's tests.
package sqlx

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

type Tx struct{ *sql.Tx }

type Execer interface {
	Exec(query string, args ...any) (sql.Result, error)
}

type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (db *DB) MustExec(query string, args ...any) sql.Result { return nil }

func (db *DB) MustExecContext(ctx context.Context, query string, args ...any) sql.Result {
	return nil
}

func (db *DB) MustBegin() *Tx { return nil }

func (db *DB) Beginx() (*Tx, error) { return nil, nil }

func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }

func (tx *Tx) MustExec(query string, args ...any) sql.Result { return nil }

func MustExec(e Execer, query string, args ...any) sql.Result { return nil }

func MustExecContext(ctx context.Context, e ExecerContext, query string, args ...any) sql.Result {
	return nil
}

func Connect(driverName, dataSourceName string) (*DB, error) { return nil, nil }
