// Package appcode is application code, not migrations. // want package:`drivers\(postgres\)`
package appcode

// Its INSERT, UPDATE and DELETE run again and again by design; only schema
// changes (which run at every start here) must be re-runnable.

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func save(ctx context.Context, tx pgx.Tx, id int) error {
	_, err := tx.Exec(ctx, "INSERT INTO events (id) VALUES ($1)", id)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "UPDATE counters SET n = n + 1")
	return err
}

func ensureSchema(ctx context.Context, c *pgx.Conn) error {
	_, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS events (id int);
CREATE INDEX events_id ON events (id);`) // want `index events.events_id is created without a guard`
	return err
}
