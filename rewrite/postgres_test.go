package rewrite_test

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/fix"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// pgFix lints src as path on target, applies every fix until stable, as
// --fix does, and returns the text with the re-run findings left.
func pgFix(t *testing.T, path, target, src string) (string, []string) {
	t.Helper()
	tg, err := model.ParseTarget(target)
	if err != nil {
		t.Fatal(err)
	}
	lint := func(b []byte) (*model.Script, []rules.Finding) {
		s := parser.Parse(path, b, parser.Options{Dialect: model.Postgres, Target: tg})
		return s, rules.Run(s, nil)
	}
	s, fs := lint([]byte(src))
	res, _, last, refused := fix.Stable(s, fs, lint)
	if refused != "" {
		t.Fatalf("refused: %s", refused)
	}
	var left []string
	for _, f := range last {
		if f.Rule.Category == rules.Rerun {
			left = append(left, f.Rule.ID)
		}
	}
	return string(res.Source), left
}

const (
	doOpen  = "DO $$\nBEGIN\n  IF "
	doThen  = " THEN\n"
	doClose = "\n  END IF;\nEND $$;\n"
)

func TestPostgresRewrites(t *testing.T) {
	cases := []struct {
		name, path, target, src, want string
		left                          string // re-run findings left, space-separated
	}{
		{name: "composite type", src: "CREATE TYPE pair AS (a int, b int);\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'pair' AND n.nspname = current_schema())" +
				doThen + "CREATE TYPE pair AS (a int, b int);" + doClose},
		{name: "enum in a schema, lower case", src: "create type app.mood as enum ('sad', 'ok');\n",
			want: "do $$\nbegin\n  if not exists (select 1 from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace where t.typname = 'mood' and n.nspname = 'app') then\n" +
				"create type app.mood as enum ('sad', 'ok');\n  end if;\nend $$;\n"},
		{name: "policy", src: "CREATE POLICY p_read ON app.docs FOR SELECT USING (true);\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'app.docs'::regclass AND polname = 'p_read')" + doThen +
				"CREATE POLICY p_read ON app.docs FOR SELECT USING (true);" + doClose},
		{name: "role", src: "CREATE ROLE reader;\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'reader')" + doThen + "CREATE ROLE reader;" + doClose},
		{name: "publication", src: "CREATE PUBLICATION pub_all FOR ALL TABLES;\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = 'pub_all')" + doThen + "CREATE PUBLICATION pub_all FOR ALL TABLES;" + doClose},
		{name: "event trigger", src: "CREATE EVENT TRIGGER ddl_log ON ddl_command_end EXECUTE FUNCTION log_ddl();\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'ddl_log')" + doThen +
				"CREATE EVENT TRIGGER ddl_log ON ddl_command_end EXECUTE FUNCTION log_ddl();" + doClose},
		{name: "named constraint, quoted table", src: "ALTER TABLE \"Orders\" ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '\"Orders\"'::regclass AND conname = 'orders_user_fk')" + doThen +
				"ALTER TABLE \"Orders\" ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);" + doClose},
		{name: "two constraints in one ALTER", src: "ALTER TABLE orders ADD CONSTRAINT a_chk CHECK (x > 0), ADD CONSTRAINT \"B_chk\" CHECK (y > 0);\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'a_chk') AND " +
				"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'B_chk')" + doThen +
				"ALTER TABLE orders ADD CONSTRAINT a_chk CHECK (x > 0), ADD CONSTRAINT \"B_chk\" CHECK (y > 0);" + doClose},
		{name: "column and constraint: keyword and block", src: "ALTER TABLE orders ADD COLUMN note text, ADD CONSTRAINT note_chk CHECK (note <> '');\n",
			want: doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'note_chk')" + doThen +
				"ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text, ADD CONSTRAINT note_chk CHECK (note <> '');" + doClose},
		{name: "type change with USING, schema-qualified array type", src: "ALTER TABLE app.events ALTER COLUMN tags TYPE app.tag[] USING string_to_array(tags, ',')::app.tag[];\n",
			want: doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'app.events'::regclass AND attname = 'tags' AND NOT attisdropped AND (atttypid <> 'app.tag[]'::regtype OR atttypmod <> -1))" + doThen +
				"ALTER TABLE app.events ALTER COLUMN tags TYPE app.tag[] USING string_to_array(tags, ',')::app.tag[];" + doClose},
		{name: "dependent view dropped first, lower case, indented",
			src:  "begin;\n  drop view if exists v;\n  create view v as select 1 as x;\n  create view \"V2\" as select x from v;\ncommit;\n",
			want: "begin;\n  drop view if exists \"V2\";\n  drop view if exists v;\n  create view v as select 1 as x;\n  create or replace view \"V2\" as select x from v;\ncommit;\n"},
		{name: "view dropped before a type change, its own DROP below made IF EXISTS",
			src:  "ALTER TABLE t ALTER COLUMN c TYPE text;\nDROP VIEW v;\nCREATE VIEW v AS SELECT c FROM t;\n",
			want: "DROP VIEW IF EXISTS v;\nALTER TABLE t ALTER COLUMN c TYPE text;\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT c FROM t;\n"},
		{name: "a chain of views dropped first, the last made first",
			src:  "ALTER TABLE t ALTER COLUMN c TYPE text;\nCREATE OR REPLACE VIEW a AS SELECT c FROM t;\nCREATE OR REPLACE VIEW b AS SELECT c FROM a;\nCREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT * FROM b;\n",
			want: "DROP MATERIALIZED VIEW IF EXISTS m;\nDROP VIEW IF EXISTS b;\nDROP VIEW IF EXISTS a;\nALTER TABLE t ALTER COLUMN c TYPE text;\nCREATE OR REPLACE VIEW a AS SELECT c FROM t;\nCREATE OR REPLACE VIEW b AS SELECT c FROM a;\nCREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT * FROM b;\n"},
		{name: "dependent trigger dropped first",
			src:  "DROP FUNCTION IF EXISTS f();\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE OR REPLACE TRIGGER s BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION f();\n",
			want: "DROP TRIGGER IF EXISTS s ON app.t;\nDROP FUNCTION IF EXISTS f();\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE OR REPLACE TRIGGER s BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION f();\n"},
		{name: "dependent table: no fix, its rows would go",
			src:  "DROP TABLE IF EXISTS p;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS c (p_id int REFERENCES p);\n",
			want: "DROP TABLE IF EXISTS p;\nCREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS c (p_id int REFERENCES p);\n", left: "blocked-by-dependent"},
		{name: "type change to a type with a modifier: no fix", src: "ALTER TABLE prices ALTER COLUMN amount TYPE numeric(12,2) USING amount / 100.0;\n",
			want: "ALTER TABLE prices ALTER COLUMN amount TYPE numeric(12,2) USING amount / 100.0;\n", left: "type-change-using-expression"},
		{name: "char has an implicit modifier: no fix", src: "ALTER TABLE flags ALTER COLUMN f TYPE char USING left(f, 1);\n",
			want: "ALTER TABLE flags ALTER COLUMN f TYPE char USING left(f, 1);\n", left: "type-change-using-expression"},
		{name: "type change to the type the file gave the column: no fix", src: "CREATE TABLE IF NOT EXISTS prices (amount bigint);\nALTER TABLE prices ALTER COLUMN amount TYPE bigint USING amount * 100;\n",
			want: "CREATE TABLE IF NOT EXISTS prices (amount bigint);\nALTER TABLE prices ALTER COLUMN amount TYPE bigint USING amount * 100;\n", left: "type-change-using-expression"},
		{name: "unnamed check: no fix", src: "ALTER TABLE orders ADD CHECK (total >= 0);\n",
			want: "ALTER TABLE orders ADD CHECK (total >= 0);\n", left: "add-constraint-without-guard"},
		{name: "unnamed primary key: no fix", src: "ALTER TABLE orders ADD PRIMARY KEY (id);\n",
			want: "ALTER TABLE orders ADD PRIMARY KEY (id);\n", left: "add-constraint-without-guard"},
		{name: "ALTER TABLE IF EXISTS: no regclass check", src: "ALTER TABLE IF EXISTS orders ADD CONSTRAINT c2 CHECK (x > 2);\n",
			want: "ALTER TABLE IF EXISTS orders ADD CONSTRAINT c2 CHECK (x > 2);\n", left: "add-constraint-without-guard"},
		{name: "rename column, CRLF, indented, no terminator at the end",
			src: "BEGIN;\r\n    ALTER TABLE users RENAME COLUMN name TO full_name",
			want: "BEGIN;\r\n    DO $$\r\n    BEGIN\r\n      IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'name' AND NOT attisdropped) THEN\r\n" +
				"    ALTER TABLE users RENAME COLUMN name TO full_name;\r\n      END IF;\r\n    END $$;"},
		{name: "rename constraint", src: "ALTER TABLE s.orders RENAME CONSTRAINT a TO b;\n",
			want: doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 's.orders'::regclass AND conname = 'a')" + doThen +
				"ALTER TABLE s.orders RENAME CONSTRAINT a TO b;" + doClose},
		{name: "rename enum value", src: "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';\n",
			want: doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = 'mood'::regtype AND enumlabel = 'ok')" + doThen +
				"ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';" + doClose},
		{name: "rename schema", src: "ALTER SCHEMA old_s RENAME TO new_s;\n",
			want: doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'old_s')" + doThen + "ALTER SCHEMA old_s RENAME TO new_s;" + doClose},
		{name: "rename type", src: "ALTER TYPE s1.t1 RENAME TO t2;\n",
			want: doOpen + "to_regtype('s1.t1') IS NOT NULL" + doThen + "ALTER TYPE s1.t1 RENAME TO t2;" + doClose},
		{name: "rename trigger", src: "ALTER TRIGGER trg ON orders RENAME TO trg2;\n",
			want: doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = 'orders'::regclass AND tgname = 'trg')" + doThen +
				"ALTER TRIGGER trg ON orders RENAME TO trg2;" + doClose},
		{name: "rename policy", src: "ALTER POLICY p1 ON orders RENAME TO p2;\n",
			want: doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'orders'::regclass AND polname = 'p1')" + doThen +
				"ALTER POLICY p1 ON orders RENAME TO p2;" + doClose},
		{name: "rename table, index, materialized view: IF EXISTS",
			src:  "ALTER TABLE accounts RENAME TO accounts_old;\nALTER INDEX /* old */ idx_a RENAME TO idx_b;\nalter materialized view mv rename to mv2;\n",
			want: "ALTER TABLE IF EXISTS accounts RENAME TO accounts_old;\nALTER INDEX /* old */ IF EXISTS idx_a RENAME TO idx_b;\nalter materialized view if exists mv rename to mv2;\n"},
		{name: "rename away and create anew: no fix",
			src:  "ALTER TABLE orders RENAME TO orders_old;\nCREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n",
			want: "ALTER TABLE orders RENAME TO orders_old;\nCREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);\n", left: "rename-without-guard"},
		{name: "made again earlier by IF NOT EXISTS: no fix",
			src:  "CREATE INDEX IF NOT EXISTS idx_a ON orders (a);\nALTER INDEX idx_a RENAME TO idx_b;\n",
			want: "CREATE INDEX IF NOT EXISTS idx_a ON orders (a);\nALTER INDEX idx_a RENAME TO idx_b;\n", left: "rename-without-guard"},
		{name: "added, then renamed away: neither fixed",
			src:  "ALTER TABLE orders ADD CONSTRAINT c CHECK (x > 0);\nALTER TABLE orders RENAME CONSTRAINT c TO d;\n",
			want: "ALTER TABLE orders ADD CONSTRAINT c CHECK (x > 0);\nALTER TABLE orders RENAME CONSTRAINT c TO d;\n", left: "add-constraint-without-guard rename-without-guard"},
		{name: "column of a table the section renames: no fix",
			src:  "ALTER TABLE people RENAME COLUMN name TO full_name;\nALTER TABLE IF EXISTS people RENAME TO persons;\n",
			want: "ALTER TABLE people RENAME COLUMN name TO full_name;\nALTER TABLE IF EXISTS people RENAME TO persons;\n", left: "rename-without-guard"},
		{name: "made again only while the new name is missing",
			src:  "DO $$ BEGIN IF to_regclass('idx_b') IS NULL THEN CREATE INDEX idx_a ON orders (a); END IF; END $$;\nALTER INDEX idx_a RENAME TO idx_b;\n",
			want: "DO $$ BEGIN IF to_regclass('idx_b') IS NULL THEN CREATE INDEX idx_a ON orders (a); END IF; END $$;\nALTER INDEX IF EXISTS idx_a RENAME TO idx_b;\n"},
		{name: "trigger before 14", target: "postgres:13", src: "  CREATE TRIGGER t_upd BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION f();\n",
			want: "  DROP TRIGGER IF EXISTS t_upd ON app.orders;\n  CREATE TRIGGER t_upd BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION f();\n"},
		{name: "trigger on 14+: OR REPLACE", target: "postgres:14", src: "CREATE TRIGGER t_upd BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();\n",
			want: "CREATE OR REPLACE TRIGGER t_upd BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f();\n"},
		{name: "constraint trigger, quoted name", src: "create constraint trigger \"T c\" after insert on orders for each row execute function f();\n",
			want: "drop trigger if exists \"T c\" on orders;\ncreate constraint trigger \"T c\" after insert on orders for each row execute function f();\n"},
		{name: "goose, outside a block", path: "20240101_x.sql",
			src: "-- +goose Up\nALTER TABLE users RENAME COLUMN name TO full_name;\n",
			want: "-- +goose Up\n-- +goose StatementBegin\n" + doOpen + "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'name' AND NOT attisdropped)" + doThen +
				"ALTER TABLE users RENAME COLUMN name TO full_name;" + doClose[:len(doClose)-1] + "\n-- +goose StatementEnd\n"},
		{name: "goose, inside a block, comment inside the statement", path: "20240101_x.sql",
			src: "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE orders\n  ADD CONSTRAINT orders_user_fk -- the owner\n  FOREIGN KEY (user_id) REFERENCES users (id);\n-- +goose StatementEnd\n",
			want: "-- +goose Up\n-- +goose StatementBegin\n" + doOpen + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'orders_user_fk')" + doThen +
				"ALTER TABLE orders\n  ADD CONSTRAINT orders_user_fk -- the owner\n  FOREIGN KEY (user_id) REFERENCES users (id);" + doClose + "-- +goose StatementEnd\n"},
		{name: "liquibase: keyword forms only", path: "changelog.sql",
			src: "--liquibase formatted sql\n--changeset dev:1\nALTER TABLE accounts RENAME TO accounts_old;\nALTER TABLE users RENAME COLUMN name TO full_name;\n" +
				"CREATE CONSTRAINT TRIGGER t_c AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();\n",
			want: "--liquibase formatted sql\n--changeset dev:1\nALTER TABLE IF EXISTS accounts RENAME TO accounts_old;\nALTER TABLE users RENAME COLUMN name TO full_name;\n" +
				"DROP TRIGGER IF EXISTS t_c ON orders;\nCREATE CONSTRAINT TRIGGER t_c AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();\n",
			left: "rename-without-guard"},
		{name: "ledger with a unique key", src: "INSERT INTO schema_migrations (version) VALUES ('1'), ('2') -- both\n;\n",
			want: "INSERT INTO schema_migrations (version) VALUES ('1'), ('2') ON CONFLICT DO NOTHING -- both\n;\n"},
		{name: "ledger keyed by identity", src: "insert into goose_db_version (version_id, is_applied) values(20240101, true);\n",
			want: "insert into goose_db_version (version_id, is_applied) select 20240101, true where not exists (select 1 from goose_db_version where version_id = 20240101);\n"},
		{name: "liquibase ledger row", src: "INSERT INTO public.databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) VALUES ('x', 'dev', 'a.sql', now(), 1, 'EXECUTED');\n",
			want: "INSERT INTO public.databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) SELECT 'x', 'dev', 'a.sql', now(), 1, 'EXECUTED' " +
				"WHERE NOT EXISTS (SELECT 1 FROM public.databasechangelog WHERE id = 'x' AND author = 'dev' AND filename = 'a.sql');\n"},
		{name: "ledger whose key is not known: no fix", src: "INSERT INTO migration_ledger (v) VALUES (1);\n",
			want: "INSERT INTO migration_ledger (v) VALUES (1);\n", left: "bare-ledger-insert"},
		{name: "ledger row without its key: no fix", src: "INSERT INTO schema_migrations (version) VALUES (DEFAULT);\n",
			want: "INSERT INTO schema_migrations (version) VALUES (DEFAULT);\n", left: "bare-ledger-insert"},
		{name: "insert carrying a unique key the file declares",
			src:  "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE, note text);\nINSERT INTO roles (name, note) VALUES ('admin', NULL), ('user', 'x');\n",
			want: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE, note text);\nINSERT INTO roles (name, note) VALUES ('admin', NULL), ('user', 'x') ON CONFLICT DO NOTHING;\n"},
		{name: "inserts without a literal unique key: no fix",
			src: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE, note text);\nINSERT INTO roles (note) VALUES ('x');\n" +
				"INSERT INTO roles (name) VALUES (lower('A'));\nINSERT INTO roles (name) VALUES (NULL);\nINSERT INTO roles (name) VALUES ('b') RETURNING id;\nINSERT INTO other (name) VALUES ('c');\n",
			want: "CREATE TABLE IF NOT EXISTS roles (id serial PRIMARY KEY, name text UNIQUE, note text);\nINSERT INTO roles (note) VALUES ('x');\n" +
				"INSERT INTO roles (name) VALUES (lower('A'));\nINSERT INTO roles (name) VALUES (NULL);\nINSERT INTO roles (name) VALUES ('b') RETURNING id;\nINSERT INTO other (name) VALUES ('c');\n",
			left: "bare-insert bare-insert bare-insert bare-insert bare-insert"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, target := c.path, c.target
			if path == "" {
				path = "migration.sql"
			}
			if target == "" {
				target = "postgres:15"
			}
			got, left := pgFix(t, path, target, c.src)
			if got != c.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
			if l := strings.Join(left, " "); l != c.left {
				t.Errorf("re-run findings after the fix: %q, want %q", l, c.left)
			}
		})
	}
}

// TestPostgresExamplesFixed: every PostgreSQL rule example with a Fixed
// text gets exactly that text from --fix, and it lints clean of the rule.
func TestPostgresExamplesFixed(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		for i, ex := range r.Examples {
			if ex.Dialect != model.Postgres || ex.Fixed == "" {
				continue
			}
			n++
			target := ex.Target
			if target == "" {
				target = "postgres:15"
			}
			path := ex.Path
			if path == "" {
				path = "migration.sql"
			}
			got, left := pgFix(t, path, target, ex.SQL)
			if got != ex.Fixed {
				t.Errorf("%s example %d: fixed:\n%s\nwant:\n%s", r.ID, i, got, ex.Fixed)
			}
			for _, id := range left {
				if id == r.ID {
					t.Errorf("%s example %d: the fixed text still draws the rule", r.ID, i)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no PostgreSQL example has a Fixed text")
	}
}
