package verify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// refusals parses src and returns Check's refusals as "line reach: what"
// on a throwaway server and on a --dsn one.
func refusals(t *testing.T, d model.Dialect, path, src string) (local, dsn []string) {
	t.Helper()
	s := parser.Parse(path, []byte(src), parser.Options{Dialect: d})
	f := func(throwaway bool) []string {
		var out []string
		for _, r := range Check([]*model.Script{s}, throwaway) {
			reach := "outside"
			if r.Reach == ReachServer {
				reach = "server"
			}
			out = append(out, fmt.Sprintf("%d %s: %s", r.Line, reach, r.What))
		}
		return out
	}
	return f(true), f(false)
}

// TestCheck: each statement that reaches outside the scratch database is
// refused on its line, with what it does; those that change what the
// server's databases share are refused on --dsn only; look-alikes stay
// silent.
func TestCheck(t *testing.T) {
	for _, c := range []struct {
		d    model.Dialect
		sql  string
		want string // substring of the refusal; "" for none
		dsn  bool   // refused on --dsn only
	}{
		// PostgreSQL: the machine, the server, other databases.
		{model.Postgres, "COPY t FROM PROGRAM 'id';", "COPY ... FROM PROGRAM runs a shell command", false},
		{model.Postgres, "COPY (SELECT 1) TO PROGRAM 'sh -c x';", "COPY ... TO PROGRAM", false},
		{model.Postgres, "COPY t FROM '/etc/passwd';", "COPY ... FROM a file", false},
		{model.Postgres, "copy t (a, b) to E'/tmp/x' WITH (FORMAT csv);", "COPY ... TO a file", false},
		{model.Postgres, "ALTER SYSTEM SET work_mem = '1MB';", "ALTER SYSTEM", false},
		{model.Postgres, "DROP DATABASE IF EXISTS prod WITH (FORCE);", "DROP DATABASE acts on a database", false},
		{model.Postgres, "CREATE DATABASE other;", "CREATE DATABASE", false},
		{model.Postgres, "ALTER DATABASE prod RENAME TO old;", "ALTER DATABASE", false},
		{model.Postgres, "ALTER ROLE app SUPERUSER;", "ALTER ROLE ... SUPERUSER gives a role power over the whole server", false},
		{model.Postgres, "CREATE ROLE r WITH LOGIN CREATEROLE;", "CREATEROLE", false},
		{model.Postgres, "CREATE USER r REPLICATION;", "REPLICATION", false},
		{model.Postgres, "ALTER USER r WITH BYPASSRLS;", "BYPASSRLS", false},
		{model.Postgres, "CREATE ROLE r IN ROLE pg_execute_server_program;", "pg_execute_server_program makes a role a member", false},
		{model.Postgres, "GRANT pg_read_server_files TO app;", "GRANT pg_read_server_files", false},
		{model.Postgres, "GRANT ALTER SYSTEM ON PARAMETER work_mem TO app;", "ON PARAMETER", false},
		{model.Postgres, "GRANT EXECUTE ON FUNCTION pg_read_file(text) TO app;", "pg_read_file() changes who may use", false},
		{model.Postgres, "SELECT pg_read_file('/etc/passwd');", "pg_read_file() reads a file", false},
		{model.Postgres, "SELECT pg_catalog.pg_read_binary_file('/etc/passwd');", "pg_read_binary_file()", false},
		{model.Postgres, "SELECT * FROM pg_ls_dir('/');", "pg_ls_dir() lists a folder", false},
		{model.Postgres, "SELECT pg_stat_file('/etc/passwd');", "pg_stat_file()", false},
		{model.Postgres, "SELECT lo_import('/etc/passwd');", "lo_import() reads a file", false},
		{model.Postgres, "SELECT lo_export(1, '/tmp/x');", "lo_export() writes files", false},
		{model.Postgres, "SELECT dblink_connect('host=prod');", "dblink_connect() connects", false},
		{model.Postgres, "SELECT * FROM dblink('host=prod', 'DROP TABLE t') AS x(a int);", "dblink() connects", false},
		{model.Postgres, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity;", "stops other sessions", false},
		{model.Postgres, "CREATE EXTENSION IF NOT EXISTS postgres_fdw;", "CREATE EXTENSION postgres_fdw", false},
		{model.Postgres, "CREATE EXTENSION plpython3u;", "CREATE EXTENSION plpython3u", false},
		{model.Postgres, "CREATE SERVER prod FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'prod');", "CREATE SERVER sets up connections", false},
		{model.Postgres, "CREATE USER MAPPING FOR app SERVER prod OPTIONS (user 'x');", "USER MAPPING", false},
		{model.Postgres, "IMPORT FOREIGN SCHEMA public FROM SERVER prod INTO s;", "IMPORT FOREIGN SCHEMA", false},
		{model.Postgres, "CREATE SUBSCRIPTION s CONNECTION 'host=prod' PUBLICATION p;", "CREATE SUBSCRIPTION", false},
		{model.Postgres, "CREATE FUNCTION f() RETURNS int AS '/tmp/evil.so', 'f' LANGUAGE c;", "LANGUAGE c runs code", false},
		{model.Postgres, "CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS $$ import os $$;", "LANGUAGE plpython3u", false},
		{model.Postgres, "CREATE FUNCTION f() RETURNS int LANGUAGE 'plperlu' AS 'x';", "LANGUAGE plperlu", false},
		{model.Postgres, "CREATE FUNCTION f(int) RETURNS int LANGUAGE internal AS 'int4abs';", "LANGUAGE internal", false},
		{model.Postgres, "DO LANGUAGE plpython3u $$ import os $$;", "LANGUAGE plpython3u", false},
		{model.Postgres, "LOAD '/tmp/evil.so';", "LOAD loads a shared library", false},
		{model.Postgres, "CREATE TABLESPACE ts LOCATION '/tmp/ts';", "TABLESPACE", false},
		{model.Postgres, "CHECKPOINT;", "CHECKPOINT", false},
		{model.Postgres, `\connect other` + "\nSELECT 1;", `\connect switches to another database`, false},
		// Nested where the model exposes it: DO bodies, routine bodies,
		// EXECUTE strings, escapes.
		{model.Postgres, "DO $$ BEGIN PERFORM pg_read_file('/etc/passwd'); END $$;", "pg_read_file() reads a file", false},
		{model.Postgres, "DO $$ BEGIN IF true THEN COPY t FROM PROGRAM 'id'; END IF; END $$;", "COPY ... FROM PROGRAM", false},
		{model.Postgres, "DO $$ BEGIN EXECUTE 'ALTER SYSTEM SET work_mem = ''1MB'''; END $$;", "ALTER SYSTEM", false},
		{model.Postgres, "DO $$ BEGIN EXECUTE format('DROP DATABASE %I', 'prod'); END $$;", "DROP DATABASE", false},
		{model.Postgres, "DO 'BEGIN PERFORM lo_export(1, ''/tmp/x''); END';", "lo_export()", false},
		{model.Postgres, "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT pg_read_file('/etc/passwd') $$;", "pg_read_file()", false},
		{model.Postgres, "CREATE PROCEDURE p() LANGUAGE plpgsql AS $b$ BEGIN EXECUTE E'COPY t TO PROGRAM \\'id\\''; END $b$;", "COPY ... TO PROGRAM", false},
		// Server-wide only: refused on --dsn.
		{model.Postgres, "CREATE ROLE app_readonly;", "CREATE ROLE changes a role", true},
		{model.Postgres, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') THEN CREATE ROLE app; END IF; END $$;", "CREATE ROLE", true},
		{model.Postgres, "ALTER ROLE app PASSWORD 'x';", "ALTER ROLE changes a role", true},
		{model.Postgres, "DROP ROLE IF EXISTS app;", "DROP ROLE", true},
		{model.Postgres, "GRANT app TO reporting;", "role membership", true},
		{model.Postgres, "GRANT CONNECT ON DATABASE prod TO app;", "ON DATABASE", true},
		{model.Postgres, "REASSIGN OWNED BY old TO app;", "REASSIGN OWNED", true},
		{model.Postgres, "COMMENT ON DATABASE prod IS 'x';", "comment or security label on a database", true},
		// Look-alikes that stay inside the scratch database.
		{model.Postgres, "COPY t FROM stdin;\n1\n\\.\n", "", false},
		{model.Postgres, "COPY t TO STDOUT;", "", false},
		{model.Postgres, "SELECT copy FROM t;", "", false},
		{model.Postgres, "CREATE TABLE t (language text, program text);", "", false},
		{model.Postgres, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO app;", "", false},
		{model.Postgres, "CREATE EXTENSION IF NOT EXISTS pgcrypto;", "", false},
		{model.Postgres, "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;", "", false},
		{model.Postgres, "INSERT INTO docs VALUES ('ALTER SYSTEM and COPY t FROM PROGRAM are refused');", "", false},
		{model.Postgres, "SET ROLE app; SET search_path = other_schema;", "", false},
		{model.Postgres, "CREATE FUNCTION pg_read_file_safe(p text) RETURNS text LANGUAGE sql AS $$ SELECT p $$;", "", false},

		// MySQL and MariaDB.
		{model.MariaDB, "LOAD DATA INFILE '/etc/passwd' INTO TABLE t;", "LOAD DATA INFILE reads a file", false},
		{model.MariaDB, "LOAD DATA LOCAL INFILE '/home/u/.ssh/id_rsa' INTO TABLE t;", "LOAD DATA INFILE", false},
		{model.MariaDB, "SELECT * FROM t INTO OUTFILE '/tmp/x';", "INTO OUTFILE writes a file", false},
		{model.MariaDB, "SELECT 0x41 INTO DUMPFILE '/tmp/x.so';", "INTO DUMPFILE", false},
		{model.MariaDB, "INSERT INTO t SELECT LOAD_FILE('/etc/passwd');", "LOAD_FILE() reads a file", false},
		{model.MariaDB, "INSTALL SONAME 'ha_connect';", "INSTALL SONAME", false},
		{model.MariaDB, "INSTALL PLUGIN p SONAME 'p.so';", "INSTALL PLUGIN", false},
		{model.MariaDB, "CREATE FUNCTION sys_exec RETURNS INTEGER SONAME 'lib_mysqludf_sys.so';", "SONAME library", false},
		{model.MariaDB, "SET GLOBAL max_connections = 1;", "SET GLOBAL", false},
		{model.MariaDB, "SET @@global.read_only = 1;", "SET @@global.read_only", false},
		{model.MySQL, "SET PERSIST max_connections = 1;", "SET PERSIST", false},
		{model.MariaDB, "SHUTDOWN;", "SHUTDOWN stops the server", false},
		{model.MariaDB, "KILL 12;", "KILL ends another connection", false},
		{model.MariaDB, "FLUSH TABLES WITH READ LOCK;", "FLUSH acts on the whole server", false},
		{model.MariaDB, "DROP DATABASE prod;", "DROP DATABASE", false},
		{model.MariaDB, "CREATE SCHEMA IF NOT EXISTS other;", "CREATE SCHEMA", false},
		{model.MariaDB, "CREATE TABLE t (id int) ENGINE=FEDERATED CONNECTION='mysql://u@prod/db/t';", "storage engine", false},
		{model.MariaDB, "CREATE TABLE t (id int) DATA DIRECTORY = '/tmp';", "DATA DIRECTORY", false},
		{model.MariaDB, "GRANT ALL ON *.* TO 'app'@'%';", "ON *.*", false},
		{model.MariaDB, "/*!50000 SELECT LOAD_FILE('/etc/passwd') */;", "LOAD_FILE()", false},
		{model.MariaDB, "SELECT 1 /*M!100000 INTO OUTFILE '/tmp/x' */;", "INTO OUTFILE", false},
		// A "*/" inside a quote does not end an executable comment.
		{model.MariaDB, "/*!50000 SELECT '*/', LOAD_FILE('/etc/passwd') */;", "LOAD_FILE()", false},
		{model.MySQL, "/*!50000 SELECT '*/', LOAD_FILE('/etc/passwd') */;", "LOAD_FILE()", false},
		// Versions one server skips and another runs are checked all the same.
		{model.MariaDB, "SELECT 1 /*!80000 , LOAD_FILE('/etc/passwd') */;", "LOAD_FILE()", false},
		{model.MySQL, "SELECT 1 /*M!100500 , LOAD_FILE('/etc/passwd') */;", "LOAD_FILE()", false},
		{model.MySQL, "SELECT 1 /*!90000 , LOAD_FILE('/etc/passwd') */;", "LOAD_FILE()", false},
		{model.MariaDB, "SET @q = 'SELECT LOAD_FILE(''/etc/passwd'')';\nPREPARE s FROM 'SELECT LOAD_FILE(''/etc/passwd'')';", "LOAD_FILE()", false},
		{model.MariaDB, "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT * FROM t INTO OUTFILE '/tmp/x'; END //\nDELIMITER ;\n", "INTO OUTFILE", false},
		// Another database: switched to, or named.
		{model.MariaDB, "USE other_db;\nINSERT INTO t VALUES (1);", "USE switches to another database", false},
		{model.MariaDB, "INSERT INTO other_db.t VALUES (1);", "names the database other_db", false},
		{model.MariaDB, "UPDATE `prod`.users SET admin = 1;", "names the database prod", false},
		{model.MariaDB, "INSERT INTO t SELECT * FROM prod.secrets;", "names the database prod", false},
		{model.MariaDB, "DELETE FROM mysql.user;", "names the database mysql", false},
		{model.MariaDB, "CALL other.p();", "names the database other", false},
		{model.MariaDB, "DELIMITER //\nCREATE PROCEDURE p() BEGIN IF 1 THEN INSERT INTO other.t VALUES (1); END IF; END //\nDELIMITER ;\n", "names the database other", false},
		// Accounts: server-wide, refused on --dsn.
		{model.MariaDB, "CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY 'x';", "CREATE USER changes the server's accounts", true},
		{model.MariaDB, "GRANT SELECT ON t TO 'app'@'%';", "GRANT changes the server's accounts", true},
		{model.MariaDB, "DROP USER 'app'@'%';", "DROP USER", true},
		{model.MariaDB, "SET PASSWORD FOR 'app'@'%' = PASSWORD('x');", "SET PASSWORD", true},
		// Look-alikes.
		{model.MariaDB, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE();", "", false},
		{model.MariaDB, "UPDATE t SET t.a = 1 WHERE t.b = 2;", "", false},
		{model.MariaDB, "SELECT a.x FROM t AS a JOIN u AS b ON a.id = b.id;", "", false},
		{model.MariaDB, "INSERT INTO messages VALUES ('Use the force; kill the lights; grant wishes');", "", false},
		{model.MariaDB, "SELECT @@global.sql_mode;", "", false},
		{model.MariaDB, "SET SESSION sql_mode = 'STRICT_ALL_TABLES';", "", false},
		{model.MariaDB, "CREATE TABLE t (id int) ENGINE=InnoDB;", "", false},
		{model.MariaDB, "SELECT EXTRACT(YEAR FROM t.created) FROM t;", "", false},
	} {
		name := c.d.String() + ".sql"
		if c.d.MySQLFamily() {
			name = "V1__x.sql"
		}
		local, dsn := refusals(t, c.d, name, c.sql)
		has := func(list []string) bool {
			for _, r := range list {
				if strings.Contains(r, c.want) {
					return true
				}
			}
			return false
		}
		switch {
		case c.want == "":
			if len(local)+len(dsn) > 0 {
				t.Errorf("%s %q: refused %v / %v, want nothing", c.d, c.sql, local, dsn)
			}
		case !has(dsn):
			t.Errorf("%s %q: --dsn refusals %v, want one with %q", c.d, c.sql, dsn, c.want)
		case c.dsn && len(local) > 0:
			t.Errorf("%s %q: refused on the throwaway server %v, want --dsn only", c.d, c.sql, local)
		case !c.dsn && !has(local):
			t.Errorf("%s %q: throwaway refusals %v, want one with %q", c.d, c.sql, local, c.want)
		}
	}
}

// TestCheckLines: a refusal is on the line of the statement, and down
// sections, which verify does not run, are not read.
func TestCheckLines(t *testing.T) {
	src := "-- +goose Up\nCREATE TABLE t (id int);\n\nSELECT\n  pg_read_file('/etc/passwd');\n-- +goose Down\nDROP DATABASE prod;\n"
	local, _ := refusals(t, model.Postgres, "001_x.sql", src)
	if len(local) != 1 || !strings.HasPrefix(local[0], "5 outside: pg_read_file()") {
		t.Errorf("refusals %v, want one on line 5", local)
	}
	s := parser.Parse("a\x1b[31m.sql", []byte("COPY t FROM PROGRAM 'id';"), parser.Options{Dialect: model.Postgres})
	r := Check([]*model.Script{s}, true)
	if len(r) != 1 || strings.ContainsRune(r[0].String(), 0x1b) {
		t.Errorf("%v: want one refusal with the file name escaped", r)
	}
}

// TestCheckNesting: SQL nested in strings deeper than the bound is
// refused, not left unread.
func TestCheckNesting(t *testing.T) {
	inner := "SELECT 1"
	for range maxNesting + 2 {
		inner = "DO '" + strings.ReplaceAll(inner, "'", "''") + "'"
	}
	local, _ := refusals(t, model.Postgres, "x.sql", inner+";")
	if len(local) != 1 || !strings.Contains(local[0], "too deep to check") {
		t.Errorf("refusals %v, want one saying the nesting is too deep", local)
	}
}
