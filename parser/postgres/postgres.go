// Package postgres reads PostgreSQL migrations into the model with
// libpg_query.
package postgres

import (
	"github.com/idemlint/idemlint/parser/guard"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Parse fills s.Statements.
func Parse(s *model.Script, toks []lex.Token, regions []model.Region) {}

// CheckQuery reads a catalog query (a Liquibase sql-check): its FROM and
// WHERE, and whether it selects COUNT(*).
func CheckQuery(sql string) (q *guard.Query, count bool, ok bool) { return nil, false, false }
