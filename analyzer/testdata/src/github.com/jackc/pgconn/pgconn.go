// Package pgconn is a stub of pgx v4's pgconn for the analyzer's tests.
package pgconn

type CommandTag []byte
