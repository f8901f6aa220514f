package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/idemlint/idemlint/internal/safetext"
)

// pgServer is a PostgreSQL server: one verify started, or one given by a
// connection string.
type pgServer struct {
	cfg     *pgconn.Config // the admin connection; Database is swapped per session
	admin   *pgconn.PgConn
	version string
	local   *scratch
	// noFileCopy is set once the server refused STRATEGY (before 15).
	noFileCopy bool
	// migrator is the role the migrations run as, when not the admin's.
	migrator string
}

// pgDirs are where distributions install PostgreSQL's server binaries
// off PATH.
var pgDirs = []string{
	"/usr/lib/postgresql/*/bin", // Debian, Ubuntu
	"/usr/pgsql-*/bin",          // RHEL, Fedora (PGDG)
	"/usr/local/pgsql/bin",      // source builds
	"/opt/homebrew/opt/postgresql*/bin",
	"/usr/local/opt/postgresql*/bin",
}

// PostgresInstallHint says what to install when no server is found.
const PostgresInstallHint = "no PostgreSQL server found (initdb and postgres, on PATH or in /usr/lib/postgresql/*/bin): " +
	"install it (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), or point --dsn at a server"

// StartPostgres starts a throwaway PostgreSQL server: a cluster in a
// temporary folder, listening only on a unix socket there, tuned for
// speed over durability. Close stops it and removes the folder.
//
// Unless opt.AllowUnsafe, the migrations run as MigratorName, a role with
// no attribute (not a superuser, no CREATEDB, CREATEROLE, REPLICATION or
// BYPASSRLS) and no membership, which owns the scratch databases: the
// server itself then refuses to read or write its machine's files, run
// programs, load libraries, change settings or touch other databases.
func StartPostgres(ctx context.Context, opt LocalOptions) (Server, error) {
	initdb, err := findBinary([]string{"initdb"}, pgDirs)
	if err != nil {
		return nil, &ErrNoServer{PostgresInstallHint}
	}
	bin := filepath.Dir(initdb)
	postgres := filepath.Join(bin, "postgres")
	acct, err := serviceAccount("postgres", "nobody")
	if err != nil {
		return nil, err
	}
	dir, err := scratchDir("idemlint-verify-pg-", acct)
	if err != nil {
		return nil, err
	}
	sc := &scratch{dir: dir, keep: opt.Keep, log: opt.Log}
	fail := func(err error) (Server, error) {
		_ = sc.cleanup(syscall.SIGINT) // the start-up error matters more
		return nil, err
	}
	data := filepath.Join(dir, "data")
	cmd := acct.command(initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
	if err := runSetup(ctx, cmd); err != nil {
		return fail(err)
	}
	cmd = acct.command(postgres, "-D", data, "-k", dir, "-c", "listen_addresses=",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=20", "-c", "log_min_messages=fatal")
	p, err := startProcess(cmd, filepath.Join(dir, "server.log"))
	if err != nil {
		return fail(err)
	}
	sc.proc = p
	cfg, err := pgconn.ParseConfig(fmt.Sprintf("host=%s port=5432 user=postgres dbname=postgres sslmode=disable", dir))
	if err != nil {
		return fail(err)
	}
	s := &pgServer{cfg: cfg, local: sc}
	err = waitReady(ctx, p, "postgres", func(ctx context.Context) error {
		c, err := pgconn.ConnectConfig(ctx, cfg)
		if err == nil {
			s.admin = c
		}
		return err
	})
	if err != nil {
		return fail(err)
	}
	s.version = s.admin.ParameterStatus("server_version")
	if !opt.AllowUnsafe {
		if err := pgExec(ctx, s.admin, "CREATE ROLE "+pgIdent(MigratorName)+
			" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"); err != nil {
			return fail(fmt.Errorf("create the migration role: %w", err))
		}
		s.migrator = MigratorName
	}
	return s, nil
}

// ConnectPostgres uses an existing server: dsn is a libpq connection
// string or URL; its database is where verify connects to create and
// drop its scratch databases.
func ConnectPostgres(ctx context.Context, dsn string) (Server, error) {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("--dsn: %w", err)
	}
	c, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", dsn, err)
	}
	return &pgServer{cfg: cfg, admin: c, version: c.ParameterStatus("server_version")}, nil
}

func (s *pgServer) Describe() string {
	v, _, _ := strings.Cut(s.version, " ")
	return "PostgreSQL " + v
}

func (s *pgServer) ExactFork() bool { return true }

func (s *pgServer) Throwaway() bool { return s.local != nil }

func (s *pgServer) Warning() string {
	if s.local == nil && s.admin.ParameterStatus("is_superuser") == "on" {
		return "the --dsn user " + safetext.Inline(s.cfg.User) + " is a superuser: SQL that a migration builds while it runs (EXECUTE of a computed string) cannot be checked beforehand, and would run with a superuser's powers; connect as a role with CREATEDB and nothing more"
	}
	return ""
}

// owner makes the migration role own a new database.
func (s *pgServer) owner() string {
	if s.migrator == "" {
		return ""
	}
	return " OWNER " + pgIdent(s.migrator)
}

func (s *pgServer) CreateDB(ctx context.Context, name string) error {
	return pgExec(ctx, s.admin, "CREATE DATABASE "+pgIdent(name)+s.owner())
}

// AfterSetup lets the migration role use and create in every schema the
// set-up made, as production's migration user can in production's.
func (s *pgServer) AfterSetup(ctx context.Context, db string) error {
	if s.migrator == "" {
		return nil
	}
	sess, err := s.Open(ctx, db, Admin, time.Minute)
	if err != nil {
		return err
	}
	defer sess.Close()
	return sess.Exec(ctx, `DO $$DECLARE n name; BEGIN
FOR n IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_%' LOOP
EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', n, `+pgLiteral(s.migrator)+`);
END LOOP; END$$`)
}

func (s *pgServer) DropDB(ctx context.Context, name string) error {
	err := pgExec(ctx, s.admin, "DROP DATABASE IF EXISTS "+pgIdent(name)+" WITH (FORCE)")
	var se *ServerError
	if errors.As(err, &se) && strings.Contains(se.Message, "42601") {
		// Before PostgreSQL 13 there is no FORCE.
		err = pgExec(ctx, s.admin, "DROP DATABASE IF EXISTS "+pgIdent(name))
	}
	return err
}

// Fork copies a database by using it as a template: a file copy, fast and
// exact.
func (s *pgServer) Fork(ctx context.Context, from, to string) error {
	q := "CREATE DATABASE " + pgIdent(to) + " TEMPLATE " + pgIdent(from) + s.owner()
	if !s.noFileCopy {
		// PostgreSQL 15 copies through the WAL by default, page by page;
		// copying the files is several times faster for small databases.
		err := pgExec(ctx, s.admin, q+" STRATEGY FILE_COPY")
		var se *ServerError
		if !errors.As(err, &se) || !strings.Contains(se.Message, "strategy") && !strings.Contains(se.Message, "42601") {
			return err
		}
		s.noFileCopy = true
	}
	return pgExec(ctx, s.admin, q)
}

func (s *pgServer) Open(ctx context.Context, db string, as Account, timeout time.Duration) (Session, error) {
	cfg := s.cfg.Copy()
	cfg.Database = db
	if as == Migrator && s.migrator != "" {
		cfg.User = s.migrator
	}
	// Notices (a re-run's "already exists, skipping") are not news.
	cfg.OnNotice = nil
	cfg.RuntimeParams = map[string]string{}
	for k, v := range s.cfg.RuntimeParams {
		cfg.RuntimeParams[k] = v
	}
	cfg.RuntimeParams["statement_timeout"] = fmt.Sprint(timeout.Milliseconds())
	cfg.RuntimeParams["lock_timeout"] = fmt.Sprint(timeout.Milliseconds())
	cfg.RuntimeParams["client_min_messages"] = "warning"
	c, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", db, err)
	}
	return &pgSession{conn: c}, nil
}

func (s *pgServer) Close() error {
	if s.admin != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		s.admin.Close(ctx)
		cancel()
	}
	if s.local != nil {
		// SIGINT is PostgreSQL's fast shutdown: roll back and stop.
		return s.local.cleanup(syscall.SIGINT)
	}
	return nil
}

type pgSession struct {
	conn *pgconn.PgConn
}

func (p *pgSession) Exec(ctx context.Context, text string) error {
	return pgExec(ctx, p.conn, text)
}

func (p *pgSession) CopyFrom(ctx context.Context, text string, data []byte) error {
	_, err := p.conn.CopyFrom(ctx, bytes.NewReader(data), text)
	return pgError(err)
}

func (p *pgSession) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return p.conn.Close(ctx)
}

// pgExec sends text with the simple query protocol, as psql and the
// migration tools do, and turns the server's rejection into a
// ServerError.
func pgExec(ctx context.Context, c *pgconn.PgConn, text string) error {
	_, err := c.Exec(ctx, text).ReadAll()
	return pgError(err)
}

func pgError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		msg := fmt.Sprintf("%s %s: %s", pe.Severity, pe.Code, pe.Message)
		if pe.Detail != "" {
			msg += " (" + pe.Detail + ")"
		}
		if pe.Where != "" {
			where, _, _ := strings.Cut(pe.Where, "\n")
			msg += " [" + where + "]"
		}
		// 57014 is also a cancel; only the time limits count as timeouts.
		timeout := pe.Code == "55P03" || pe.Code == "57014" && strings.Contains(pe.Message, "timeout")
		return &ServerError{Message: msg, Position: int(pe.Position), Timeout: timeout}
	}
	return err
}

// pgQuery runs a query and returns its rows as text.
func pgQuery(ctx context.Context, c *pgconn.PgConn, q string) ([][]string, error) {
	res, err := c.Exec(ctx, q).ReadAll()
	if err != nil {
		return nil, pgError(err)
	}
	var rows [][]string
	for _, r := range res {
		for _, row := range r.Rows {
			out := make([]string, len(row))
			for i, v := range row {
				out[i] = string(v)
			}
			rows = append(rows, out)
		}
	}
	return rows, nil
}

func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func pgLiteral(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
