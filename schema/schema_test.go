package schema_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

func history(t *testing.T, d model.Dialect, sql string) *schema.History {
	t.Helper()
	s := parser.Parse("m.sql", []byte(sql), parser.Options{Dialect: d})
	s.Walk(func(st *model.Statement) {
		if st.Err != nil {
			t.Fatalf("%s: %s", s.Text(st.Span), st.Err.Message)
		}
	})
	h := schema.New(d)
	h.ApplyScript(s)
	return h
}

// keys renders a table's unique keys as "name(a,b)", sorted; "?" when
// they are not known.
func keys(h *schema.History, table string) string {
	ks, ok := h.UniqueKeys(model.Object{Kind: model.KindTable, Name: table})
	if !ok {
		return "?"
	}
	var out []string
	for _, k := range ks {
		out = append(out, k.Name+"("+strings.Join(k.Columns, ",")+")")
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

func TestUniqueKeys(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dialect model.Dialect
		sql     string
		table   string
		want    string
	}{
		{"postgres default names", model.Postgres,
			"CREATE TABLE t (id serial PRIMARY KEY, a text UNIQUE, b int, c int, UNIQUE (b, c));", "t",
			"t_a_key(a) t_b_c_key(b,c) t_pkey(id)"},
		{"postgres named constraint and index", model.Postgres,
			"CREATE TABLE t (id int, a text, CONSTRAINT t_pk PRIMARY KEY (id)); CREATE UNIQUE INDEX t_lower_a ON t (lower(a));", "t",
			"t_lower_a(a) t_pk(id)"},
		{"postgres keys dropped with their constraint, index and column", model.Postgres,
			"CREATE TABLE t (id serial PRIMARY KEY, a text UNIQUE, b text); CREATE UNIQUE INDEX t_b ON t (b);\n" +
				"ALTER TABLE t DROP CONSTRAINT t_a_key; DROP INDEX t_b; ALTER TABLE t DROP COLUMN id;", "t", ""},
		{"postgres keys added by ALTER TABLE", model.Postgres,
			"CREATE TABLE t (a text); ALTER TABLE t ADD COLUMN id serial PRIMARY KEY, ADD CONSTRAINT t_a UNIQUE (a);", "t",
			"t_a(a) t_pkey(id)"},
		{"postgres rename table and column", model.Postgres,
			"CREATE TABLE old (id int PRIMARY KEY); ALTER TABLE old RENAME TO t; ALTER TABLE t RENAME COLUMN id TO k;", "t",
			"old_pkey(k)"},
		{"postgres LIKE leaves the keys unknown", model.Postgres,
			"CREATE TABLE t (LIKE s INCLUDING ALL);", "t", "?"},
		{"postgres AS SELECT leaves the keys unknown", model.Postgres,
			"CREATE TABLE t AS SELECT 1 AS id;", "t", "?"},
		{"a table never created is unknown", model.Postgres,
			"CREATE TABLE s (id int PRIMARY KEY);", "t", "?"},
		{"dropped table", model.Postgres,
			"CREATE TABLE t (id int PRIMARY KEY); DROP TABLE t;", "t", "?"},
		{"postgres IF NOT EXISTS keeps the first definition", model.Postgres,
			"CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE IF NOT EXISTS t (a int UNIQUE);", "t", "t_pkey(id)"},
		{"postgres drop of a key whose name was not worked out", model.Postgres,
			"CREATE TABLE t (id int, " + strings.Repeat("x", 60) + " int UNIQUE); ALTER TABLE t DROP CONSTRAINT t_long;", "t", "?"},
		{"postgres DROP INDEX of a name the server may have given the key", model.Postgres,
			"CREATE TABLE t (id int, " + strings.Repeat("x", 60) + " int UNIQUE); DROP INDEX t_x_key;", "t", "?"},
		{"postgres DROP INDEX of a name no table of the history could have", model.Postgres,
			"CREATE TABLE t (id int PRIMARY KEY, " + strings.Repeat("x", 60) + " int UNIQUE); DROP INDEX other_x_key; DROP INDEX tx;", "t",
			"(" + strings.Repeat("x", 60) + ") t_pkey(id)"},
		{"mysql names", model.MySQL,
			"CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, a VARCHAR(9) UNIQUE, b INT, c INT, UNIQUE KEY (b, c), KEY (c));", "t",
			"PRIMARY(id) a(a) b(b,c)"},
		{"mysql ALTER TABLE and DROP", model.MySQL,
			"CREATE TABLE t (id INT AUTO_INCREMENT, a INT, PRIMARY KEY (id));\n" +
				"ALTER TABLE t ADD UNIQUE INDEX t_a (a); CREATE UNIQUE INDEX t_ia ON t (id, a); ALTER TABLE t DROP PRIMARY KEY;\n" +
				"DROP INDEX t_ia ON t;", "T", "t_a(a)"},
		{"mysql LIKE leaves the keys unknown", model.MySQL,
			"CREATE TABLE t LIKE s;", "t", "?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := keys(history(t, tc.dialect, tc.sql), tc.table); got != tc.want {
				t.Errorf("keys of %s = %q, want %q", tc.table, got, tc.want)
			}
		})
	}
}

func TestKeyGap(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dialect model.Dialect
		sql     string // the last statement is the INSERT
		want    string
	}{
		{"serial left out", model.Postgres,
			"CREATE TABLE roles (id serial PRIMARY KEY, name text);\nINSERT INTO roles (name) VALUES ('a') ON CONFLICT DO NOTHING;",
			"the only unique key of roles is id, which the INSERT leaves to its sequence"},
		{"identity written DEFAULT", model.Postgres,
			"CREATE TABLE roles (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);\nINSERT INTO roles (id, name) VALUES (DEFAULT, 'a') ON CONFLICT DO NOTHING;",
			"the only unique key of roles is id, which the INSERT leaves to its sequence"},
		{"nextval default in a composite key", model.Postgres,
			"CREATE TABLE m (t int, id bigint DEFAULT nextval('m_id_seq'::regclass), UNIQUE (t, id));\nINSERT INTO m (t) VALUES (1) ON CONFLICT DO NOTHING;",
			"the only unique key of m is (t, id), whose id the INSERT leaves to its sequence"},
		{"two keys, both generated", model.Postgres,
			"CREATE TABLE k (id serial PRIMARY KEY, u uuid DEFAULT gen_random_uuid() UNIQUE, n text);\nINSERT INTO k (n) VALUES ('a') ON CONFLICT DO NOTHING;",
			"every unique key of k includes a column the INSERT leaves to a generator: id (its sequence), u (gen_random_uuid())"},
		{"no key at all", model.Postgres,
			"CREATE TABLE log (at timestamptz, what text);\nINSERT INTO log (what) VALUES ('a') ON CONFLICT DO NOTHING;",
			"log has no primary key or unique constraint"},
		{"a natural key supplied", model.Postgres,
			"CREATE TABLE roles (id serial PRIMARY KEY, name text UNIQUE);\nINSERT INTO roles (name) VALUES ('a') ON CONFLICT DO NOTHING;", ""},
		{"the generated key supplied", model.Postgres,
			"CREATE TABLE roles (id serial PRIMARY KEY, name text);\nINSERT INTO roles VALUES (1, 'a') ON CONFLICT DO NOTHING;", ""},
		{"keys unknown", model.Postgres,
			"INSERT INTO roles (name) VALUES ('a') ON CONFLICT DO NOTHING;", ""},
		{"mysql AUTO_INCREMENT given NULL", model.MySQL,
			"CREATE TABLE roles (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(9));\nINSERT IGNORE INTO roles VALUES (NULL, 'a');",
			"the only unique key of roles is id, which the INSERT leaves to AUTO_INCREMENT"},
		{"mysql column names compare without case", model.MySQL,
			"CREATE TABLE roles (ID INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(9));\nINSERT IGNORE INTO ROLES (id, name) VALUES (1, 'a');", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := parser.Parse("m.sql", []byte(tc.sql), parser.Options{Dialect: tc.dialect})
			h := schema.New(tc.dialect)
			var got string
			s.Walk(func(st *model.Statement) {
				for _, e := range st.Effects {
					if e.Action == model.ActInsert {
						got = h.KeyGap(e)
					}
					h.Apply(e)
				}
			})
			if got != tc.want {
				t.Errorf("KeyGap = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestClone: a copy taken at one file does not move when the history
// grows, and the history never writes into the effects it read.
func TestClone(t *testing.T) {
	s := parser.Parse("m.sql", []byte("CREATE TABLE t (id int PRIMARY KEY, a int);"), parser.Options{Dialect: model.Postgres})
	h := schema.New(model.Postgres)
	h.ApplyScript(s)
	before := h.Clone()
	later := parser.Parse("n.sql", []byte("ALTER TABLE t RENAME COLUMN id TO k; ALTER TABLE t ADD CONSTRAINT t_a UNIQUE (a);"), parser.Options{Dialect: model.Postgres})
	h.ApplyScript(later)
	if got := keys(before, "t"); got != "t_pkey(id)" {
		t.Errorf("clone moved: %q", got)
	}
	if got := keys(h, "t"); got != "t_a(a) t_pkey(k)" {
		t.Errorf("history: %q", got)
	}
	if cols := s.Statements[0].Effects[0].Def.Keys[0].Columns; cols[0] != "id" {
		t.Errorf("the effect's key was renamed: %q", cols)
	}
}

// TestChangesAsScript: the changes kept of a migration build the same
// history as the migration itself, rollback and temporary tables left out.
func TestChangesAsScript(t *testing.T) {
	sql := "-- migrate:up\nCREATE TABLE roles (id serial PRIMARY KEY, name text);\n" +
		"CREATE UNIQUE INDEX roles_name ON roles (name);\n" +
		"CREATE TABLE users (id int);\nALTER TABLE users ADD CONSTRAINT users_pk PRIMARY KEY (id);\n" +
		"ALTER TABLE users RENAME TO members;\nCREATE TEMP TABLE scratch (k int PRIMARY KEY);\n" +
		"CREATE TABLE gone (k int PRIMARY KEY);\nDROP TABLE gone;\n" +
		"-- migrate:down\nDROP INDEX roles_name;\nDROP TABLE members;\n"
	s := parser.Parse("m.sql", []byte(sql), parser.Options{Dialect: model.Postgres})
	whole, kept := schema.New(model.Postgres), schema.New(model.Postgres)
	whole.ApplyScript(s)
	kept.ApplyChanges(schema.Changes(s))
	for _, table := range []string{"roles", "users", "members", "scratch", "gone"} {
		if a, b := keys(whole, table), keys(kept, table); a != b {
			t.Errorf("%s: script gives %q, changes give %q", table, a, b)
		}
	}
	if got := keys(kept, "roles"); got != "roles_name(name) roles_pkey(id)" {
		t.Errorf("roles: %q", got)
	}
	if got := keys(kept, "members"); got != "users_pk(id)" {
		t.Errorf("members: %q", got)
	}
}
