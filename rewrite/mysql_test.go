package rewrite_test

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/fix"
	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// myFix lints src as path on target (a MySQL or MariaDB one), applies
// every fix until stable, as --fix does, and returns the text with the
// re-run and portability findings left.
func myFix(t *testing.T, path, target, src string) (string, []string) {
	t.Helper()
	tg, err := model.ParseTarget(target)
	if err != nil {
		t.Fatal(err)
	}
	lint := func(b []byte) (*model.Script, []rules.Finding) {
		s := parser.Parse(path, b, parser.Options{Dialect: tg.Dialect, Target: tg})
		return s, rules.Run(s, nil)
	}
	s, fs := lint([]byte(src))
	res, _, last, refused := fix.Stable(s, fs, lint)
	if refused != "" {
		t.Fatalf("refused: %s", refused)
	}
	var left []string
	for _, f := range last {
		if f.Rule.Category == rules.Rerun || f.Rule.Category == rules.Portability {
			left = append(left, f.Rule.ID)
		}
	}
	return string(res.Source), left
}

// prep is the PREPARE idiom the rewrite writes around stmt (a string
// literal as written), with conds joined by AND, lines joined by eol and
// indented by ind after the first, the statement's own left as they are.
func prep(eol, ind, delim, stmt string, conds ...string) string {
	lines := []string{"SET @idemlint_sql = IF("}
	for i, c := range conds {
		if i > 0 {
			c = "AND " + c
		}
		lines = append(lines, "  "+c)
	}
	lines[len(lines)-1] += ","
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, "\n", eol+ind)
	}
	// The statement's own lines stay as written.
	lines = append(lines, "  "+stmt+",", "  'DO 0')"+delim, "PREPARE idemlint_stmt FROM @idemlint_sql"+delim,
		"EXECUTE idemlint_stmt"+delim, "DEALLOCATE PREPARE idemlint_stmt"+delim)
	return strings.Join(lines, eol+ind)
}

// count is the information_schema count the rewrite compares, on the
// cases' table orders.
func count(rel, col, name, cmp string) string {
	return "(SELECT COUNT(*) FROM information_schema." + rel + "\n    WHERE table_schema = DATABASE() AND table_name = 'orders'" +
		" AND " + col + " = '" + name + "')" + cmp
}

func TestMySQLRewrites(t *testing.T) {
	colC := count("columns", "column_name", "status", " = 0")
	cases := []struct {
		name, path, target, src, want string
		left                          string // findings left, space-separated
	}{
		{name: "add column", src: "ALTER TABLE orders ADD COLUMN status varchar(20);\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders ADD COLUMN status varchar(20)'", colC) + "\n"},
		{name: "lower case, several clauses", src: "alter table orders add index ix_a (a), add column status int;\n",
			want: "set @idemlint_sql = if(\n" +
				"  (select count(*) from information_schema.statistics\n    where table_schema = database() and table_name = 'orders' and index_name = 'ix_a') = 0\n" +
				"  and (select count(*) from information_schema.columns\n    where table_schema = database() and table_name = 'orders' and column_name = 'status') = 0,\n" +
				"  'alter table orders add index ix_a (a), add column status int',\n  'do 0');\n" +
				"prepare idemlint_stmt from @idemlint_sql;\nexecute idemlint_stmt;\ndeallocate prepare idemlint_stmt;\n"},
		{name: "CRLF, indented, comment and quote inside",
			src:  "-- +goose Up\r\n  ALTER TABLE orders -- why\r\n    ADD COLUMN status text COMMENT 'it''s new';\r\n",
			path: "20240101_x.sql",
			want: "-- +goose Up\r\n  " + prep("\r\n", "  ", ";", "'ALTER TABLE orders -- why\r\n    ADD COLUMN status text COMMENT ''it''''s new'''", colC) + "\r\n"},
		{name: "no terminator at the end of the file", src: "ALTER TABLE orders ADD COLUMN status int",
			want: prep("\n", "", ";", "'ALTER TABLE orders ADD COLUMN status int'", colC)},
		{name: "DELIMITER in force", src: "DELIMITER //\nALTER TABLE orders ADD COLUMN status int//\nDELIMITER ;\n",
			want: "DELIMITER //\n" + prep("\n", "", "//", "'ALTER TABLE orders ADD COLUMN status int'", colC) + "\nDELIMITER ;\n"},
		{name: "schema written", src: "ALTER TABLE shop.orders DROP COLUMN legacy;\n",
			want: strings.Replace(prep("\n", "", ";", "'ALTER TABLE shop.orders DROP COLUMN legacy'", count("columns", "column_name", "legacy", " > 0")),
				"DATABASE()", "'shop'", 1) + "\n"},
		{name: "create index", src: "CREATE UNIQUE INDEX ux ON orders (code);\n",
			want: prep("\n", "", ";", "'CREATE UNIQUE INDEX ux ON orders (code)'", count("statistics", "index_name", "ux", " = 0")) + "\n"},
		{name: "foreign key and check", src: "ALTER TABLE orders ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES users (id), ADD CONSTRAINT ck CHECK (n > 0);\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders ADD CONSTRAINT fk_u FOREIGN KEY (u) REFERENCES users (id), ADD CONSTRAINT ck CHECK (n > 0)'",
				count("table_constraints", "constraint_name", "fk_u", " = 0"), count("table_constraints", "constraint_name", "ck", " = 0")) + "\n"},
		{name: "drop foreign key", src: "ALTER TABLE orders DROP FOREIGN KEY fk_u;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders DROP FOREIGN KEY fk_u'",
				strings.Replace(count("table_constraints", "constraint_name", "fk_u", " > 0"), "')", "' AND constraint_type = 'FOREIGN KEY')", 1)) + "\n"},
		{name: "drop primary key", src: "ALTER TABLE orders DROP PRIMARY KEY;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders DROP PRIMARY KEY'", count("table_constraints", "constraint_name", "PRIMARY", " > 0")) + "\n"},
		{name: "drop index ON", src: "DROP INDEX ix ON orders;\n",
			want: prep("\n", "", ";", "'DROP INDEX ix ON orders'", count("statistics", "index_name", "ix", " > 0")) + "\n"},
		{name: "rename column", src: "ALTER TABLE orders RENAME COLUMN name TO title;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders RENAME COLUMN name TO title'", count("columns", "column_name", "name", " > 0")) + "\n"},
		{name: "change column", src: "ALTER TABLE orders CHANGE name title text;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders CHANGE name title text'", count("columns", "column_name", "name", " > 0")) + "\n"},
		{name: "rename index", src: "ALTER TABLE orders RENAME INDEX a TO b;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders RENAME INDEX a TO b'", count("statistics", "index_name", "a", " > 0")) + "\n"},
		{name: "rename tables", src: "RENAME TABLE a TO a_old, b TO b_old;\n",
			want: prep("\n", "", ";", "'RENAME TABLE a TO a_old, b TO b_old'",
				"(SELECT COUNT(*) FROM information_schema.tables\n    WHERE table_schema = DATABASE() AND table_name = 'a') > 0",
				"(SELECT COUNT(*) FROM information_schema.tables\n    WHERE table_schema = DATABASE() AND table_name = 'b') > 0") + "\n"},
		{name: "rename whose old name the section makes again", target: "mariadb:10.11",
			src: "RENAME TABLE a TO a_old;\nCREATE TABLE IF NOT EXISTS a (id int);\n",
			want: prep("\n", "", ";", "'RENAME TABLE a TO a_old'",
				"(SELECT COUNT(*) FROM information_schema.tables\n    WHERE table_schema = DATABASE() AND table_name = 'a') > 0\n"+
					"  AND (SELECT COUNT(*) FROM information_schema.tables\n    WHERE table_schema = DATABASE() AND table_name = 'a_old') = 0") +
				"\nCREATE TABLE IF NOT EXISTS a (id int);\n"},
		{name: "rename to a name the same statement frees", src: "RENAME TABLE a TO tmp, b TO a, tmp TO b;\nRENAME TABLE c TO c2, c2 TO c3;\n",
			want: "RENAME TABLE a TO tmp, b TO a, tmp TO b;\nRENAME TABLE c TO c2, c2 TO c3;\n", left: "rename-without-guard rename-without-guard"},
		{name: "MariaDB words taken out for MySQL", src: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status int, DROP INDEX IF EXISTS ix;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders ADD COLUMN status int, DROP INDEX ix'",
				count("columns", "column_name", "status", " = 0"), count("statistics", "index_name", "ix", " > 0")) + "\n"},
		{name: "ALTER TABLE IF EXISTS on MySQL", src: "ALTER TABLE IF EXISTS a RENAME TO b;\n",
			want: prep("\n", "", ";", "'ALTER TABLE a RENAME TO b'",
				"(SELECT COUNT(*) FROM information_schema.tables\n    WHERE table_schema = DATABASE() AND table_name = 'a') > 0") + "\n"},
		{name: "goose, in the transaction", path: "20240101_x.sql",
			src:  "-- +goose Up\nALTER TABLE orders ADD COLUMN status int;\n",
			want: "-- +goose Up\n" + prep("\n", "", ";", "'ALTER TABLE orders ADD COLUMN status int'", colC) + "\n"},
		{name: "goose, no transaction", path: "20240101_x.sql",
			src:  "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE orders ADD COLUMN status int;\n",
			want: "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE orders ADD COLUMN status int;\n", left: "add-column-without-guard"},
		{name: "goose block", path: "20240101_x.sql",
			src:  "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE orders ADD COLUMN status int;\n-- +goose StatementEnd\n",
			want: "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE orders ADD COLUMN status int;\n-- +goose StatementEnd\n", left: "add-column-without-guard"},
		{name: "golang-migrate, one statement", path: "1_x.up.sql", src: "ALTER TABLE orders ADD COLUMN status int;\n",
			want: "ALTER TABLE orders ADD COLUMN status int;\n", left: "add-column-without-guard"},
		{name: "golang-migrate, two statements", path: "1_x.up.sql", src: "ALTER TABLE orders ADD COLUMN status int;\nDO 1;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders ADD COLUMN status int'", colC) + "\nDO 1;\n"},
		{name: "backslash", src: "ALTER TABLE orders ADD COLUMN status text DEFAULT 'a\\\\b';\n",
			want: "ALTER TABLE orders ADD COLUMN status text DEFAULT 'a\\\\b';\n", left: "add-column-without-guard"},
		{name: "unnamed index", src: "ALTER TABLE orders ADD INDEX (a);\n", want: "ALTER TABLE orders ADD INDEX (a);\n", left: "create-without-guard"},

		// MariaDB: its own words where it has them.
		{name: "MariaDB keywords", target: "mariadb:10.11",
			src: "ALTER TABLE orders ADD COLUMN status int, ADD CONSTRAINT ck CHECK (n > 0), ADD CONSTRAINT uq UNIQUE (code), RENAME COLUMN a TO b, CHANGE c d int, RENAME KEY i TO j;\n",
			want: "ALTER TABLE orders ADD COLUMN IF NOT EXISTS status int, ADD CONSTRAINT IF NOT EXISTS ck CHECK (n > 0), ADD CONSTRAINT uq UNIQUE IF NOT EXISTS (code), " +
				"RENAME COLUMN IF EXISTS a TO b, CHANGE IF EXISTS c d int, RENAME KEY IF EXISTS i TO j;\n"},
		{name: "MariaDB primary key, lower case", target: "mariadb:10.11", src: "alter table orders add primary key (id);\n",
			want: "alter table orders add primary key if not exists (id);\n"},
		{name: "MariaDB table renames", target: "mariadb:10.11", src: "RENAME TABLE a TO b, c TO d;\nALTER TABLE e RENAME TO f, ADD COLUMN g int;\n",
			want: "RENAME TABLE IF EXISTS a TO b, c TO d;\nALTER TABLE IF EXISTS e RENAME TO f, ADD COLUMN IF NOT EXISTS g int;\n"},
		{name: "MariaDB, table renamed later in the section", target: "mariadb:10.11",
			src:  "ALTER TABLE a RENAME COLUMN x TO y;\nRENAME TABLE a TO b;\n",
			want: "ALTER TABLE IF EXISTS a RENAME COLUMN IF EXISTS x TO y;\nRENAME TABLE IF EXISTS a TO b;\n"},
		{name: "MariaDB DROP PRIMARY KEY has no IF EXISTS", target: "mariadb:10.11", src: "ALTER TABLE orders DROP PRIMARY KEY;\n",
			want: prep("\n", "", ";", "'ALTER TABLE orders DROP PRIMARY KEY'", count("table_constraints", "constraint_name", "PRIMARY", " > 0")) + "\n"},

		// Routines and triggers.
		{name: "trigger before 8.0.29", target: "mysql:5.7", src: "  CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.n = 1;\n",
			want: "  DROP TRIGGER IF EXISTS orders_bi;\n  CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.n = 1;\n"},
		{name: "IF NOT EXISTS before 8.0.29", target: "mysql:8.0.28", src: "CREATE TRIGGER IF NOT EXISTS app.orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.n = 1;\n",
			want: "DROP TRIGGER IF EXISTS app.orders_bi;\nCREATE TRIGGER app.orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.n = 1;\n"},
		{name: "OR REPLACE procedure under DELIMITER", src: "DELIMITER //\ncreate or replace procedure `clean up`() BEGIN DELETE FROM s; END//\nDELIMITER ;\n",
			want: "DELIMITER //\ndrop procedure if exists `clean up`//\ncreate procedure `clean up`() BEGIN DELETE FROM s; END//\nDELIMITER ;\n"},
		{name: "trigger in a goose block", target: "mysql:5.7", path: "20240101_x.sql",
			src:  "-- +goose Up\n-- +goose StatementBegin\nCREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; END;\n-- +goose StatementEnd\n",
			want: "-- +goose Up\n-- +goose StatementBegin\nCREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; END;\n-- +goose StatementEnd\n",
			left: "replace-without-or-replace"},

		// Inserts.
		{name: "ledger with a unique key", src: "INSERT INTO schema_migrations (version) VALUES ('20240101');\n",
			want: "INSERT IGNORE INTO schema_migrations (version) VALUES ('20240101');\n"},
		{name: "goose ledger", src: "insert into goose_db_version (version_id, is_applied) values (20240101, true);\n",
			want: "insert into goose_db_version (version_id, is_applied) select 20240101, true from dual\nwhere not exists (select 1 from goose_db_version where version_id = 20240101);\n"},
		{name: "any table: the whole row", src: "INSERT INTO `roles` (`name`, note, n) VALUES ('admin', NULL, -1);\n",
			want: "INSERT INTO `roles` (`name`, note, n) SELECT 'admin', NULL, -1 FROM DUAL\nWHERE NOT EXISTS (SELECT 1 FROM `roles` WHERE `name` = 'admin' AND note IS NULL AND n = -1);\n"},
		{name: "a row computed at run time", src: "INSERT INTO roles (name, at) VALUES ('admin', NOW());\nINSERT INTO roles (name) VALUES ('a'), ('b');\n",
			want: "INSERT INTO roles (name, at) VALUES ('admin', NOW());\nINSERT INTO roles (name) VALUES ('a'), ('b');\n", left: "bare-insert bare-insert"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, target := c.path, c.target
			if path == "" {
				path = "migration.sql"
			}
			if target == "" {
				target = "mysql:8.4"
			}
			got, left := myFix(t, path, target, c.src)
			if got != c.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
			if l := strings.Join(left, " "); l != c.left {
				t.Errorf("left %q, want %q", l, c.left)
			}
		})
	}
}

// TestMySQLExamplesFixed: every MySQL and MariaDB rule example with a
// Fixed text gets exactly that text from --fix, and it lints clean of
// the rule.
func TestMySQLExamplesFixed(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		for i, ex := range r.Examples {
			if !ex.Dialect.MySQLFamily() || ex.Fixed == "" {
				continue
			}
			n++
			target := ex.Target
			if target == "" {
				target = model.DefaultTarget(ex.Dialect).String()
			}
			path := ex.Path
			if path == "" {
				path = "migration.sql"
			}
			got, left := myFix(t, path, target, ex.SQL)
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
		t.Fatal("no MySQL or MariaDB example has a Fixed text")
	}
}
