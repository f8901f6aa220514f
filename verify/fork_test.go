package verify

import (
	"context"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestFork: a fork looks exactly like its source (schema objects of every
// kind, rows), and the snapshot sees a change of each kind.
func TestFork(t *testing.T) {
	cases := []struct {
		d       model.Dialect
		setup   []string
		changes []struct{ sql, want string }
	}{
		{model.MariaDB, []string{
			"CREATE TABLE parent (id int AUTO_INCREMENT PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', twice int AS (id * 2) VIRTUAL, UNIQUE KEY uq_name (name))",
			"CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE, CONSTRAINT ck_id CHECK (id > 0))",
			"SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
			"INSERT INTO parent (id, name) VALUES (0, 'zero'), (5, 'five')",
			"INSERT INTO child VALUES (1, 5)",
			"CREATE VIEW v_parent AS SELECT p.id, COUNT(c.id) AS n FROM parent p LEFT JOIN child c ON c.parent_id = p.id GROUP BY p.id",
			"CREATE VIEW v_on_view AS SELECT id FROM v_parent",
			"CREATE PROCEDURE p_add(IN x int) BEGIN INSERT INTO parent (name) VALUES (CONCAT('p', x)); END",
			"CREATE FUNCTION f_double(x int) RETURNS int DETERMINISTIC RETURN x * 2",
			"CREATE TRIGGER tr_child BEFORE INSERT ON child FOR EACH ROW SET NEW.id = NEW.id + 0",
			"CREATE EVENT ev_noop ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1",
			"CREATE SEQUENCE seq_x START WITH 10",
		}, []struct{ sql, want string }{
			{"ALTER TABLE parent ADD COLUMN extra int", "+column parent.extra"},
			{"ALTER TABLE parent ALTER COLUMN name SET DEFAULT 'y'", "~column parent.name"},
			{"CREATE INDEX ix_name ON child (parent_id, id)", "+index child.ix_name"},
			{"INSERT INTO child VALUES (2, 5)", "rows: child 1 → 2"},
			{"UPDATE parent SET name = 'FIVE' WHERE id = 5", "contents: parent"},
			{"DROP TRIGGER tr_child", "-trigger tr_child"},
		}},
		{model.Postgres, []string{
			"CREATE TYPE mood AS ENUM ('sad', 'ok')",
			"CREATE TABLE parent (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x', m mood)",
			"CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id))",
			"INSERT INTO parent (name) VALUES ('a'), ('b')",
			"CREATE VIEW v AS SELECT id FROM parent",
			"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
			"CREATE TRIGGER tr BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION f()",
			"CREATE EXTENSION IF NOT EXISTS pgcrypto",
		}, []struct{ sql, want string }{
			{"ALTER TYPE mood ADD VALUE 'happy'", "~type public.mood"},
			{"ALTER TABLE parent ADD COLUMN extra int", "+column public.parent.extra"},
			{"ALTER TABLE parent ALTER COLUMN name SET DEFAULT 'y'", "~column public.parent.name"},
			{"CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$", "~function public.f()"},
			{"INSERT INTO parent (name) VALUES ('c')", "rows: public.parent 2 → 3"},
			{"UPDATE parent SET name = 'B' WHERE name = 'b'", "contents: public.parent"},
			{"CREATE UNIQUE INDEX parent_name ON parent (name)", "+index public.parent_name"},
		}},
	}
	for _, c := range cases {
		t.Run(c.d.String(), func(t *testing.T) {
			srv := server(t, c.d)
			ctx := context.Background()
			src, dst := uniqueDB("src"), uniqueDB("dst")
			if err := srv.CreateDB(ctx, src); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = srv.DropDB(ctx, src) }()
			execAdmin(t, srv, src, c.setup...)
			if err := srv.Fork(ctx, src, dst); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = srv.DropDB(ctx, dst) }()
			a, b := snapshotOf(t, srv, src), snapshotOf(t, srv, dst)
			if d := Compare(a, b); !d.Empty() {
				t.Fatalf("the fork differs from its source: %s", d)
			}
			if len(a.Objects) < len(c.setup) || len(a.Tables) < 2 {
				t.Fatalf("the snapshot sees too little: %d objects, %d tables", len(a.Objects), len(a.Tables))
			}
			for _, ch := range c.changes {
				before := snapshotOf(t, srv, dst)
				execAdmin(t, srv, dst, ch.sql)
				if d := Compare(before, snapshotOf(t, srv, dst)); !strings.Contains(d.String(), ch.want) {
					t.Errorf("%s: diff %q lacks %q", ch.sql, d, ch.want)
				}
			}
		})
	}
}
