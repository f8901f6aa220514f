// Package pgx is a stub of pgx v4 for the analyzer's tests.
package pgx

import (
	"context"

	"github.com/jackc/pgconn"
)

type Conn struct{}

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...interface{}) (pgconn.CommandTag, error) {
	return nil, nil
}

func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

type Tx interface {
	Exec(ctx context.Context, sql string, arguments ...interface{}) (pgconn.CommandTag, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}
