package postgres

import (
	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// walk visits every Node under n, depth first, until fn returns false.
func walk(n *pg.Node, fn func(*pg.Node) bool) { pgparse.Walk(n, fn) }
