// Package pgx is a stub of pgx v5 for the analyzer's tests.
package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

type Conn struct{}

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

type Tx interface {
	Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

func BeginFunc(ctx context.Context, db *Conn, fn func(Tx) error) error { return nil }
