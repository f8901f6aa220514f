package rules

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// UsesDroppedLater finds data statements that need a table or column the
// migration itself drops or renames further on.
var UsesDroppedLater = &Rule{
	ID:       "uses-dropped-later",
	Summary:  "INSERT, UPDATE, DELETE or TRUNCATE that names a table or column the migration drops or renames further on: a second run fails there",
	Severity: Error,
	Category: Rerun,
	Dialects: []model.Dialect{model.Postgres},
	Help:     "run the statement only while what it names is there (a DO block that tests information_schema), or move it to the migration that created it",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "UPDATE site SET warning = 'NSFW' FROM local_site WHERE local_site.enable_nsfw;\nALTER TABLE local_site DROP COLUMN IF EXISTS enable_nsfw;\n", Bad: true},
		{Dialect: model.Postgres, SQL: "INSERT INTO person (id, name) SELECT id, name FROM user_ ON CONFLICT DO NOTHING;\nDROP TABLE IF EXISTS user_;\n", Bad: true, Note: "the second run finds no user_ to copy from"},
		{Dialect: model.Postgres, SQL: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM information_schema.columns\n             WHERE table_name = 'local_site' AND column_name = 'enable_nsfw') THEN\n    UPDATE site SET warning = 'NSFW' FROM local_site WHERE local_site.enable_nsfw;\n  END IF;\nEND $$;\nALTER TABLE local_site DROP COLUMN IF EXISTS enable_nsfw;\n", Note: "the update runs only while the column is there"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.RerunMeets == "" {
				return
			}
			switch e.Action {
			case model.ActInsert, model.ActUpdate, model.ActDelete, model.ActTruncate:
			default:
				return
			}
			sp := e.Span
			if e.RerunSpan.End > e.RerunSpan.Start {
				sp = e.RerunSpan
			}
			msg := fmt.Sprintf("a second run fails at this %s: %s, since the migration drops or renames it further on", strings.ToUpper(e.Action.String()), e.RerunMeets)
			if sec := e.Stmt.Section; sec != nil && sec.Repeatable {
				msg += "; " + sec.RepeatReason + ", so this must be re-runnable"
			}
			p.Report(Finding{Span: sp, Message: msg, Stmt: e.Stmt})
		})
	},
}
