package rules

import "github.com/idemlint/idemlint/parser/model"

// BareLedgerInsert finds unguarded inserts into a migration ledger.
var BareLedgerInsert = &Rule{
	ID:       "bare-ledger-insert",
	Summary:  "INSERT into a migration ledger without a conflict guard",
	Severity: Error,
	Category: Rerun,
	Fixable:  []model.Dialect{model.Postgres, model.MySQL, model.MariaDB},
	Help:     "add ON CONFLICT DO NOTHING (PostgreSQL) or INSERT IGNORE (MySQL)",
	Examples: []Example{
		{Dialect: model.Postgres, SQL: "INSERT INTO schema_migrations (version) VALUES ('20240101120000');\n", Bad: true,
			Fixed: "INSERT INTO schema_migrations (version) VALUES ('20240101120000') ON CONFLICT DO NOTHING;\n"},
		{Dialect: model.Postgres, SQL: "INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101, true);\n", Bad: true,
			Note:  "goose's ledger has no unique key on version_id",
			Fixed: "INSERT INTO goose_db_version (version_id, is_applied) SELECT 20240101, true WHERE NOT EXISTS (SELECT 1 FROM goose_db_version WHERE version_id = 20240101);\n"},
		{Dialect: model.Postgres, SQL: "INSERT INTO schema_migrations (version) VALUES ('20240101120000') ON CONFLICT DO NOTHING;\n"},
		{Dialect: model.MySQL, SQL: "INSERT INTO goose_db_version (version_id, is_applied) VALUES (20240101, 1);\n", Bad: true,
			Note: "goose's ledger has no unique key on version_id",
			Fixed: "INSERT INTO goose_db_version (version_id, is_applied) SELECT 20240101, 1 FROM DUAL\n" +
				"WHERE NOT EXISTS (SELECT 1 FROM goose_db_version WHERE version_id = 20240101);\n"},
		{Dialect: model.MariaDB, SQL: "INSERT INTO schema_migrations (version) VALUES ('20240101120000');\n", Bad: true,
			Fixed: "INSERT IGNORE INTO schema_migrations (version) VALUES ('20240101120000');\n"},
		{Dialect: model.MySQL, SQL: "INSERT IGNORE INTO goose_db_version (version_id, is_applied) VALUES (20240101, 1);\n"},
	},
	Run: func(p *Pass) {
		p.Effects(func(e *model.Effect) {
			if e.Action != model.ActInsert || e.Safe() || !p.isLedger(e.Object) {
				return
			}
			what := "insert into migration ledger " + e.Object.Qualified() + " has no conflict guard"
			if e.Load != "" {
				what = e.Load + " into migration ledger " + e.Object.Qualified() + " has no conflict guard"
			}
			p.ReportEffect(e, what+": a second run duplicates or fails on the recorded version",
				dialectHelp(p.Script.Dialect, "add ON CONFLICT DO NOTHING", "write INSERT IGNORE, or add ON DUPLICATE KEY UPDATE", ""))
		})
	},
}
