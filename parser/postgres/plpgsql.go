package postgres

import (
	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/model"
)

// readBodies reads DO blocks and PL/pgSQL routine bodies.
func readBodies(s *model.Script) {}

// CheckQuery reads a catalog query (a Liquibase sql-check): its FROM and
// WHERE, and whether it selects COUNT(*).
func CheckQuery(sql string) (q *guard.Query, count bool, ok bool) { return nil, false, false }
