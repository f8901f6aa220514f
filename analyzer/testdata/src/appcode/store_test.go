package appcode

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Tests build throwaway schemas: not linted.
func setup(ctx context.Context, c *pgx.Conn) {
	c.Exec(ctx, "CREATE TABLE events (id int)")
	c.Exec(ctx, "TRUNCATE events")
}
