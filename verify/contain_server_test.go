package verify

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/idemlint/idemlint/parser/model"
)

// refusal is a statement and what the server says when the migration
// account sends it.
type refusal struct{ sql, want string }

// refusedByServer runs each statement as the migration account in a new
// scratch database and checks that the server rejects it with want.
func refusedByServer(t *testing.T, srv Server, db string, cases []refusal) {
	t.Helper()
	ctx := context.Background()
	if err := srv.CreateDB(ctx, db); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.DropDB(ctx, db) }()
	sess, err := srv.Open(ctx, db, Migrator, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, c := range cases {
		err := sess.Exec(ctx, c.sql)
		var se *ServerError
		if !errors.As(err, &se) || !strings.Contains(se.Message, c.want) {
			t.Errorf("%s: %v, want the server to refuse it with %q", c.sql, err, c.want)
		}
	}
}

// TestPostgresMigratorIsContained: on verify's own PostgreSQL server the
// migrations run as a role the server itself stops from reaching outside
// the scratch database, for SQL no static check can read.
func TestPostgresMigratorIsContained(t *testing.T) {
	srv := server(t, model.Postgres)
	marker := filepath.Join(os.TempDir(), fmt.Sprintf("idemlint-contained-%d", time.Now().UnixNano()))
	defer os.Remove(marker)
	cases := []refusal{
		{"COPY (SELECT 1) TO PROGRAM 'touch " + marker + "'", "pg_execute_server_program"},
		{"COPY (SELECT 1) TO '" + marker + "'", "pg_write_server_files"},
		{"COPY f FROM '/etc/hostname'", "pg_read_server_files"},
		{"SELECT pg_read_file('/etc/hostname')", "permission denied for function pg_read_file"},
		{"SELECT pg_read_binary_file('/etc/hostname')", "permission denied for function pg_read_binary_file"},
		{"SELECT pg_ls_dir('.')", "permission denied for function pg_ls_dir"},
		{"SELECT pg_stat_file('/etc/hostname')", "permission denied for function pg_stat_file"},
		{"SELECT lo_import('/etc/hostname')", "permission denied for function lo_import"},
		{"SELECT lo_export(0, '" + marker + "')", "permission denied for function lo_export"},
		{"SELECT pg_reload_conf()", "permission denied for function pg_reload_conf"},
		{"ALTER SYSTEM SET work_mem = '64MB'", `permission denied to set parameter "work_mem"`},
		{"CREATE ROLE evil SUPERUSER", "must be superuser to create superusers"},
		{"CREATE ROLE evil", "permission denied to create role"},
		{"ALTER ROLE " + MigratorName + " SUPERUSER", "superuser"},
		{"GRANT pg_execute_server_program TO " + MigratorName, "must have admin option on role"},
		{"CREATE DATABASE other", "permission denied to create database"},
		{"DROP DATABASE postgres", "must be owner of database postgres"},
		{"CREATE TABLESPACE ts LOCATION '/tmp'", "permission denied to create tablespace"},
		{"CREATE FUNCTION f() RETURNS int AS '/tmp/evil.so', 'f' LANGUAGE c", "permission denied for language c"},
		{"CREATE EXTENSION file_fdw", "permission denied to create extension"},
		{"CREATE EXTENSION dblink", "permission denied to create extension"},
		{"LOAD '/tmp/evil.so'", `access to library "/tmp/evil.so" is not allowed`},
		{"SET SESSION AUTHORIZATION postgres", "permission denied to set session authorization"},
		{"SET ROLE postgres", "permission denied to set role"},
	}
	// Creating tables is the migrations' own business.
	db := uniqueDB("contained")
	ctx := context.Background()
	if err := srv.CreateDB(ctx, db); err != nil {
		t.Fatal(err)
	}
	sess, err := srv.Open(ctx, db, Migrator, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Exec(ctx, "CREATE TABLE f (t text)"); err != nil {
		t.Errorf("the migration role cannot create a table in the scratch database: %v", err)
	}
	sess.Close()
	_ = srv.DropDB(ctx, db)
	refusedByServer(t, srv, uniqueDB("contained"), cases)
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("%s exists: a program or file write got through", marker)
	}
}

// TestMariaDBMigratorIsContained: on verify's own MariaDB the migrations
// run as an account with privileges on the scratch databases only, the
// server reads and writes files only in its own folder, and LOAD DATA
// LOCAL is off.
func TestMariaDBMigratorIsContained(t *testing.T) {
	srv := server(t, model.MariaDB)
	ms := srv.(*myServer)
	ctx := context.Background()
	marker := filepath.Join(os.TempDir(), fmt.Sprintf("idemlint-contained-%d", time.Now().UnixNano()))
	defer os.Remove(marker)
	// A live administrator's connection, for KILL.
	conn, err := ms.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var adminID int
	if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&adminID); err != nil {
		t.Fatal(err)
	}
	// The grant covers idemlint_verify_* databases.
	db := "idemlint_verify_" + uniqueDB("contained")
	refusedByServer(t, srv, db, []refusal{
		{"SELECT 1 INTO OUTFILE '" + marker + "'", "Access denied"},
		{"SELECT 1 INTO DUMPFILE '" + marker + "'", "Access denied"},
		{"LOAD DATA INFILE '/etc/hostname' INTO TABLE t", "Access denied"},
		{"SET GLOBAL max_connections = 10", "SUPER"},
		{"INSTALL SONAME 'ha_connect'", "denied"},
		{"CREATE FUNCTION sys_exec RETURNS INTEGER SONAME 'lib_mysqludf_sys.so'", "denied"},
		{"CREATE USER 'evil'@'%'", "Access denied"},
		{"GRANT ALL ON *.* TO '" + MigratorName + "'@'localhost'", "Access denied"},
		{"SHUTDOWN", "Access denied"},
		{fmt.Sprintf("KILL %d", adminID), "You are not owner of thread"},
		{"USE mysql", "Access denied"},
		{"CREATE DATABASE other_db", "Access denied"},
		{"SELECT * FROM mysql.user", "denied"},
		{"INSERT INTO mysql.db (Host, Db, User) VALUES ('%', '%', 'evil')", "denied"},
	})
	// LOAD_FILE gives NULL to an account without FILE.
	if err := ms.CreateDB(ctx, db); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ms.DropDB(ctx, db) }()
	sess, err := ms.Open(ctx, db, Migrator, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := myQuery(ctx, sess.(*mySession).conn, "SELECT LOAD_FILE('/etc/hostname') IS NULL")
	sess.Close()
	if err != nil || len(rows) != 1 || rows[0][0] != "1" {
		t.Errorf("LOAD_FILE as the migration account: %v %v, want NULL", rows, err)
	}
	// LOCAL INFILE: neither the driver nor the server takes it.
	execAdmin(t, srv, db, "CREATE TABLE t (a text)")
	sess, err = ms.Open(ctx, db, Migrator, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Exec(ctx, "LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE t"); err == nil {
		t.Error("LOAD DATA LOCAL INFILE succeeded")
	}
	sess.Close()
	// Even the administrator (as --allow-unsafe runs) writes files only
	// in the server's own folder.
	var priv, local string
	if err := ms.db.QueryRowContext(ctx, "SELECT @@secure_file_priv, @@local_infile").Scan(&priv, &local); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(ms.local.dir, "files") + "/"; priv != want || local != "0" {
		t.Errorf("secure_file_priv %q, local_infile %s; want %q and 0", priv, local, want)
	}
	if _, err := ms.db.ExecContext(ctx, "SELECT 1 INTO OUTFILE '"+marker+"'"); err == nil || !strings.Contains(err.Error(), "secure-file-priv") {
		t.Errorf("INTO OUTFILE as root outside the folder: %v, want a secure-file-priv refusal", err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("%s exists: a file write got through", marker)
	}
}

// reversed returns SQL that builds s at run time, so that no static check
// can read it.
func reversed(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return "reverse('" + strings.ReplaceAll(string(r), "'", "''") + "')"
}

// TestRuntimeBuiltSQL: SQL a migration builds while it runs passes the
// static check, and the server refuses it: the verdict is a first-run
// error saying so, and nothing happened.
func TestRuntimeBuiltSQL(t *testing.T) {
	marker := filepath.Join(os.TempDir(), fmt.Sprintf("idemlint-runtime-%d", time.Now().UnixNano()))
	defer os.Remove(marker)
	for _, c := range []struct {
		d         model.Dialect
		name, sql string
		want      string
	}{
		{model.Postgres, "1_x.sql", "DO $$ BEGIN EXECUTE " + reversed("COPY (SELECT 1) TO PROGRAM 'touch "+marker+"'") + "; END $$;\n", "pg_execute_server_program"},
		{model.Postgres, "1_x.sql", "DO $$ BEGIN EXECUTE " + reversed("SELECT pg_read_file('/etc/hostname')") + "; END $$;\n", "permission denied for function pg_read_file"},
		{model.MariaDB, "V1__x.sql", "SET @q = " + reversed("SELECT 1 INTO OUTFILE '"+marker+"'") + ";\nPREPARE s FROM @q;\nEXECUTE s;\n", "Access denied"},
		{model.MariaDB, "V1__x.sql", "CREATE TABLE t (id int);\nSET @q = " + reversed("INSERT INTO mysql.db (Host, Db, User) VALUES ('%', '%', 'x')") + ";\nPREPARE s FROM @q;\nEXECUTE s;\n", "denied"},
	} {
		t.Run(c.d.String(), func(t *testing.T) {
			srv := server(t, c.d)
			p := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(p, []byte(c.sql), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), srv, []string{p}, Options{Dialect: c.d})
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Verdict != FirstRunError || !strings.Contains(res[0].Detail, c.want) {
				t.Errorf("%s %q, want first-run-error with %q", res[0].Verdict, res[0].Detail, c.want)
			}
			if _, err := os.Stat(marker); err == nil {
				t.Errorf("%s exists", marker)
			}
		})
	}
}

// TestDSNRefusesServerWide: on a server given by --dsn (here as its
// superuser, the worst case), a migration that would drop a database named
// like production's, make a role a superuser and change the server's
// settings is refused before anything runs, and all three are as they
// were.
func TestDSNRefusesServerWide(t *testing.T) {
	local := server(t, model.Postgres).(*pgServer)
	ctx := context.Background()
	prod, app := uniqueDB("prod"), uniqueDB("app")
	if err := local.CreateDB(ctx, prod); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = local.DropDB(ctx, prod) }()
	execAdmin(t, local, prod, "CREATE TABLE users (id int PRIMARY KEY)", "INSERT INTO users VALUES (1), (2)", "CREATE ROLE "+pgIdent(app)+" NOLOGIN")
	defer execAdmin(t, local, "postgres", "DROP ROLE IF EXISTS "+pgIdent(app))
	before := snapshotOf(t, local, prod)
	autoConf := filepath.Join(local.local.dir, "data", "postgresql.auto.conf")
	confBefore, err := os.ReadFile(autoConf)
	if err != nil {
		t.Fatal(err)
	}

	dsn := "host=" + local.cfg.Host + " port=5432 user=postgres dbname=postgres sslmode=disable"
	srv, err := ConnectPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.Throwaway() || !strings.Contains(srv.Warning(), "is a superuser") {
		t.Errorf("throwaway %v, warning %q: want a --dsn server and a warning about the superuser", srv.Throwaway(), srv.Warning())
	}
	dir := t.TempDir()
	write := func(name, sql string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(sql), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hostile := write("1_hostile.up.sql", "DROP DATABASE IF EXISTS "+prod+" WITH (FORCE);\nALTER ROLE "+app+" SUPERUSER;\nALTER SYSTEM SET work_mem = '64MB';\n")
	roles := write("2_roles.up.sql", "CREATE TABLE t (id int);\nCREATE ROLE "+app+"_2;\n")
	_, err = Run(ctx, srv, []string{hostile, roles}, Options{Dialect: model.Postgres})
	var re *RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	var got []string
	for _, r := range re.Refusals {
		got = append(got, fmt.Sprintf("%s:%d", filepath.Base(r.Path), r.Line))
	}
	if want := "1_hostile.up.sql:1 1_hostile.up.sql:2 1_hostile.up.sql:3 2_roles.up.sql:2"; strings.Join(got, " ") != want {
		t.Errorf("refused %v, want %s", got, want)
	}
	if d := Compare(before, snapshotOf(t, local, prod)); !d.Empty() {
		t.Errorf("the production-like database changed: %s", d)
	}
	rows, err := pgQuery(ctx, local.admin, "SELECT rolsuper FROM pg_roles WHERE rolname = "+pgLiteral(app)+
		" UNION ALL SELECT true FROM pg_roles WHERE rolname = "+pgLiteral(app+"_2"))
	if err != nil || len(rows) != 1 || rows[0][0] != "f" {
		t.Errorf("roles: %v %v, want %s unchanged and %s_2 never made", rows, err, app, app)
	}
	if conf, _ := os.ReadFile(autoConf); string(conf) != string(confBefore) {
		t.Errorf("postgresql.auto.conf changed:\n%s", conf)
	}
	if dbs := scratchDatabases(t, local); len(dbs) > 0 {
		t.Errorf("scratch databases left behind: %v", dbs)
	}
	// The same migrations on verify's own server: the role statement is
	// the server's to refuse, the others are refused statically; with
	// AllowUnsafe nothing is refused statically.
	if _, err := Run(ctx, local, []string{roles}, Options{Dialect: model.Postgres}); err != nil {
		t.Errorf("CREATE ROLE on the throwaway server: %v, want it run (and refused by the server)", err)
	}
	if _, err := Run(ctx, local, []string{hostile}, Options{Dialect: model.Postgres}); !errors.As(err, &re) || len(re.Refusals) != 3 {
		t.Errorf("on the throwaway server: %v, want 3 refusals", err)
	}
}

// TestDSNRefusesOtherDatabases: on a MariaDB given by --dsn, USE and names
// qualified with another database are refused, and that database keeps
// its rows; verify's snapshot covers only the scratch database, so they
// would have gone unseen.
func TestDSNRefusesOtherDatabases(t *testing.T) {
	local := server(t, model.MariaDB).(*myServer)
	ctx := context.Background()
	prod := uniqueDB("prod")
	if err := local.CreateDB(ctx, prod); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = local.DropDB(ctx, prod) }()
	execAdmin(t, local, prod, "CREATE TABLE t (id int)", "INSERT INTO t VALUES (1), (2)")
	before := snapshotOf(t, local, prod)
	srv, err := ConnectMySQL(ctx, "root@unix("+filepath.Join(local.local.dir, "mysqld.sock")+")/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.Contains(srv.Warning(), "server-wide privileges") {
		t.Errorf("warning %q, want one about root's privileges", srv.Warning())
	}
	dir := t.TempDir()
	var files []string
	for i, sql := range []string{
		"CREATE TABLE t (id int);\nUSE " + prod + ";\nINSERT INTO t VALUES (3);\n",
		"INSERT INTO " + prod + ".t VALUES (3);\n",
		"CREATE TABLE IF NOT EXISTS t (id int);\nINSERT INTO t SELECT id FROM `" + prod + "`.t;\n",
	} {
		p := filepath.Join(dir, fmt.Sprintf("V%d__x.sql", i+1))
		if err := os.WriteFile(p, []byte(sql), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	_, err = Run(ctx, srv, files, Options{Dialect: model.MariaDB})
	var re *RefusedError
	if !errors.As(err, &re) || len(re.Refusals) != 3 {
		t.Fatalf("err = %v, want 3 refusals", err)
	}
	for i, want := range []string{"V1__x.sql:2: USE switches", "V2__x.sql:1: names the database " + prod, "V3__x.sql:2: names the database " + prod} {
		if !strings.Contains(re.Refusals[i].String(), want) {
			t.Errorf("refusal %d: %s, want %q", i, re.Refusals[i], want)
		}
	}
	if d := Compare(before, snapshotOf(t, local, prod)); !d.Empty() {
		t.Errorf("the other database changed: %s", d)
	}
}

// TestDSNLeastPrivilege: the --dsn users docs/security.md recommends are
// enough: a PostgreSQL role with LOGIN CREATEDB only, and a MariaDB
// account with privileges on the idemlint_verify_* databases only (the
// migration account of verify's own server is one).
func TestDSNLeastPrivilege(t *testing.T) {
	ctx := context.Background()
	pg := server(t, model.Postgres).(*pgServer)
	role := uniqueDB("verifier")
	execAdmin(t, pg, "postgres", "CREATE ROLE "+pgIdent(role)+" LOGIN CREATEDB")
	defer execAdmin(t, pg, "postgres", "DROP ROLE IF EXISTS "+pgIdent(role))
	my := server(t, model.MariaDB).(*myServer)
	for _, c := range []struct {
		d       model.Dialect
		fixture string
		connect func() (Server, error)
	}{
		{model.Postgres, "basic", func() (Server, error) {
			return ConnectPostgres(ctx, "host="+pg.cfg.Host+" port=5432 user="+role+" dbname=postgres sslmode=disable")
		}},
		{model.MariaDB, "flyway", func() (Server, error) {
			return ConnectMySQL(ctx, MigratorName+"@unix("+filepath.Join(my.local.dir, "mysqld.sock")+")/")
		}},
	} {
		t.Run(c.d.String(), func(t *testing.T) {
			srv, err := c.connect()
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			if w := srv.Warning(); w != "" {
				t.Errorf("warning %q for a least-privileged user", w)
			}
			dir := filepath.Join(fixtures, c.d.String(), c.fixture)
			files, _ := Collect([]string{dir})
			results, err := Run(ctx, srv, files, Options{Dialect: c.d})
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range readWant(t, dir) {
				if string(results[i].Verdict) != w.verdict {
					t.Errorf("%s: %s %q, want %s", w.file, results[i].Verdict, results[i].Detail, w.verdict)
				}
			}
		})
	}
}

// TestLocalMySQLKeepsItsTemporaryFiles: the throwaway server writes its
// temporary tables in its own folder, not in the /tmp other servers and
// cleaners share.
func TestLocalMySQLKeepsItsTemporaryFiles(t *testing.T) {
	local := server(t, model.MariaDB).(*myServer)
	cfg := mysql.NewConfig()
	cfg.User, cfg.Net, cfg.Addr = "root", "unix", filepath.Join(local.local.dir, "mysqld.sock")
	db, _, err := openPool(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tmp string
	if err := db.QueryRow("SELECT @@tmpdir").Scan(&tmp); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(local.local.dir, "tmp"); tmp != want {
		t.Errorf("tmpdir %q, want %q", tmp, want)
	}
}
