package verify

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser/model"
)

// myServer is a MySQL or MariaDB server: one verify started, or one given
// by --dsn.
type myServer struct {
	db      *sql.DB
	version string
	mariadb bool
	local   *scratch
	// migrator is the pool of the account the migrations run as, when not
	// the admin's.
	migrator *sql.DB
	warning  string
}

// mysqlDirs are where distributions put the server binaries off PATH.
var mysqlDirs = []string{
	"/usr/sbin", "/usr/libexec", "/usr/local/mysql/bin", "/usr/local/mariadb/bin",
	"/opt/homebrew/opt/mariadb*/bin", "/opt/homebrew/opt/mysql*/bin", "/usr/local/opt/mariadb*/bin", "/usr/local/opt/mysql*/bin",
}

// MySQLInstallHint says what to install when no server is found.
const MySQLInstallHint = "no MySQL or MariaDB server found (mariadbd or mysqld, on PATH or in /usr/sbin): " +
	"install one (Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb), or point --dsn at a server"

// StartMySQL starts a throwaway MariaDB or MySQL server: a data folder in
// a temporary folder, no TCP listener, a unix socket there. For the
// mysql dialect a MySQL server is preferred and MariaDB used when it is
// the only one installed; Describe says which ran.
//
// The server reads and writes files only in a folder of its own
// (secure_file_priv), refuses LOAD DATA LOCAL, and unless opt.AllowUnsafe
// the migrations run as MigratorName@localhost, an account with every
// privilege on the scratch databases (idemlint_verify_*) and none beyond:
// no FILE, SUPER, PROCESS, SHUTDOWN, RELOAD, CREATE USER or GRANT OPTION.
func StartMySQL(ctx context.Context, d model.Dialect, opt LocalOptions) (Server, error) {
	bin, isMaria, err := pickMySQLServer(ctx, d, filepath.SplitList(os.Getenv("PATH")), mysqlDirs)
	if err != nil {
		return nil, &ErrNoServer{MySQLInstallHint}
	}
	var install string
	if isMaria {
		install, err = findBinary([]string{"mariadb-install-db", "mysql_install_db"}, append([]string{"/usr/bin", "/usr/local/bin"}, mysqlDirs...))
		if err != nil {
			return nil, &ErrNoServer{"found " + bin + " but not mariadb-install-db to create its data folder: install mariadb-server"}
		}
	}
	acct, err := serviceAccount("mysql", "nobody")
	if err != nil {
		return nil, err
	}
	dir, err := scratchDir("idemlint-verify-my-", acct)
	if err != nil {
		return nil, err
	}
	sc := &scratch{dir: dir, keep: opt.Keep, log: opt.Log}
	fail := func(err error) (Server, error) {
		_ = sc.cleanup(syscall.SIGTERM) // the start-up error matters more
		return nil, err
	}
	data := filepath.Join(dir, "data")
	sock := filepath.Join(dir, "mysqld.sock")
	// --no-defaults first: the machine's my.cnf must not move the data,
	// the socket or the port.
	var cmd *exec.Cmd
	if isMaria {
		cmd = acct.command(install, "--no-defaults", "--datadir="+data, "--auth-root-authentication-method=normal",
			"--skip-test-db", "--skip-name-resolve")
	} else {
		cmd = acct.command(bin, "--no-defaults", "--initialize-insecure", "--datadir="+data)
	}
	if err := runSetup(ctx, cmd); err != nil {
		return fail(err)
	}
	// The server's temporary tables go in its own folder, not the shared
	// /tmp: other servers (another run, another test package) and what
	// cleans /tmp must not see them, and one was seen to vanish there
	// under a running statement ("Error on delete of '/tmp/#sql-...'").
	files, tmp := filepath.Join(dir, "files"), filepath.Join(dir, "tmp")
	for _, d := range []string{files, tmp} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return fail(err)
		}
		if acct.cred != nil {
			if err := os.Chown(d, acct.uid, acct.gid); err != nil {
				return fail(err)
			}
		}
	}
	args := []string{"--no-defaults", "--datadir=" + data, "--socket=" + sock, "--skip-networking",
		"--secure-file-priv=" + files, "--tmpdir=" + tmp, "--local-infile=0",
		"--pid-file=" + filepath.Join(dir, "mysqld.pid"), "--skip-log-bin", "--event-scheduler=OFF",
		"--character-set-server=utf8mb4", "--innodb-flush-log-at-trx-commit=0", "--innodb-use-native-aio=0",
		"--innodb-buffer-pool-size=128M", "--skip-name-resolve", "--max-connections=50"}
	if isMaria {
		// Debian's MariaDB reads its utf8mb4 defaults from my.cnf, which
		// --no-defaults skips.
		args = append(args, "--collation-server=utf8mb4_general_ci", "--innodb-doublewrite=0")
	} else {
		args = append(args, "--mysqlx=OFF")
	}
	p, err := startProcess(acct.command(bin, args...), filepath.Join(dir, "server.log"))
	if err != nil {
		return fail(err)
	}
	sc.proc = p
	cfg := mysql.NewConfig()
	cfg.User, cfg.Net, cfg.Addr = "root", "unix", sock
	s := &myServer{local: sc, mariadb: isMaria}
	err = waitReady(ctx, p, filepath.Base(bin), func(ctx context.Context) error {
		return s.connect(ctx, cfg)
	})
	if err != nil {
		return fail(err)
	}
	if !opt.AllowUnsafe {
		user := myLiteral(MigratorName) + "@'localhost'"
		for _, q := range []string{"CREATE USER " + user,
			// The backslashes keep "_" from matching any character.
			"GRANT ALL PRIVILEGES ON `idemlint\\_verify\\_%`.* TO " + user} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				return fail(fmt.Errorf("create the migration account: %w", myError(err)))
			}
		}
		mcfg := cfg.Clone()
		mcfg.User = MigratorName
		if s.migrator, _, err = openPool(ctx, mcfg); err != nil {
			return fail(fmt.Errorf("connect as the migration account: %w", err))
		}
	}
	return s, nil
}

// serverBinary is a server program found on this machine.
type serverBinary struct {
	path    string
	mariadb bool
}

// pickMySQLServer finds the server binary for the dialect among every
// mysqld and mariadbd on PATH and in dirs: a MySQL server for mysql, a
// MariaDB one for mariadb, the other when it is the only kind installed
// (DialectMismatch then says what goes unchecked). Debian installs
// MariaDB's server under the name mysqld too, so the name proves nothing:
// what "mysqld --version" prints tells MySQL from MariaDB.
func pickMySQLServer(ctx context.Context, d model.Dialect, path, dirs []string) (string, bool, error) {
	var cands []string
	seen := map[string]bool{}
	add := func(p string) {
		fi, err := os.Stat(p)
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return
		}
		key := p
		if r, err := filepath.EvalSymlinks(p); err == nil {
			key = r
		}
		if !seen[key] {
			seen[key] = true
			cands = append(cands, p)
		}
	}
	names := []string{"mariadbd", "mysqld"}
	if d == model.MySQL {
		names = []string{"mysqld", "mariadbd"}
	}
	for _, dir := range path {
		if dir == "" {
			dir = "."
		}
		for _, n := range names {
			add(filepath.Join(dir, n))
		}
	}
	var globbed []string
	for _, g := range dirs {
		m, _ := filepath.Glob(g)
		sort.Slice(m, func(i, j int) bool { return naturalCompare(m[i], m[j]) > 0 })
		globbed = append(globbed, m...)
	}
	for _, dir := range globbed {
		for _, n := range names {
			add(filepath.Join(dir, n))
		}
	}
	var found []serverBinary
	for _, p := range cands {
		vctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		out, err := exec.CommandContext(vctx, p, "--no-defaults", "--version").CombinedOutput()
		cancel()
		if err != nil && len(out) == 0 {
			continue // not a server we can run
		}
		found = append(found, serverBinary{path: p, mariadb: strings.Contains(strings.ToLower(string(out)), "mariadb")})
	}
	if len(found) == 0 {
		return "", false, os.ErrNotExist
	}
	wantMaria := d != model.MySQL
	for _, b := range found {
		if b.mariadb == wantMaria {
			return b.path, b.mariadb, nil
		}
	}
	return found[0].path, found[0].mariadb, nil
}

// DialectMismatch says, plainly, what a run on srv cannot check for
// dialect d when the server is the other one of MySQL and MariaDB
// (verify found only that one installed, or --dsn points at it); "" when
// they agree.
func DialectMismatch(d model.Dialect, srv Server) string {
	s, ok := srv.(*myServer)
	if !ok || !d.MySQLFamily() {
		return ""
	}
	switch {
	case d == model.MySQL && s.mariadb:
		return "--dialect mysql, but the server is " + s.Describe() + " (no MySQL server found: install one, a mysqld whose --version says MySQL, or point --dsn at one): " +
			"what MySQL 8 refuses and MariaDB accepts goes unchecked (ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS, DROP INDEX IF EXISTS, CREATE OR REPLACE TABLE, sequences), " +
			"and what only MySQL has (utf8mb4_0900_* collations, ->>, CAST(... AS JSON)) fails as first-run-error"
	case d == model.MariaDB && !s.mariadb:
		return "--dialect mariadb, but the server is " + s.Describe() + " (no MariaDB server found: install one, or point --dsn at one): " +
			"what MariaDB accepts and MySQL 8 refuses (ADD COLUMN IF NOT EXISTS, CREATE OR REPLACE TABLE, sequences) fails as first-run-error, " +
			"and verdicts may differ from MariaDB's"
	}
	return ""
}

// ConnectMySQL uses an existing server. dsn is the Go driver's form
// (user:pass@tcp(host:3306)/) or a URL (mysql://user:pass@host:3306/).
func ConnectMySQL(ctx context.Context, dsn string) (Server, error) {
	cfg, err := parseMySQLDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("--dsn: %w", err)
	}
	s := &myServer{}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := s.connect(cctx, cfg); err != nil {
		return nil, fmt.Errorf("connect to %s:%s: %w", cfg.Net, cfg.Addr, err)
	}
	// Global privileges reach beyond the databases verify makes.
	var n int
	q := "SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE IN ('SUPER', 'FILE', 'SHUTDOWN', 'PROCESS', 'RELOAD', 'CREATE USER')"
	if err := s.db.QueryRowContext(cctx, q).Scan(&n); err == nil && n > 0 {
		s.warning = "the --dsn account " + safetext.Inline(cfg.User) + " has server-wide privileges (SUPER, FILE, ...): SQL that a migration builds while it runs (PREPARE of a computed string) cannot be checked beforehand, and would run with them; connect as an account with privileges on the idemlint_verify_* databases only"
	}
	return s, nil
}

func parseMySQLDSN(dsn string) (*mysql.Config, error) {
	if strings.HasPrefix(dsn, "mysql://") || strings.HasPrefix(dsn, "mariadb://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return nil, err
		}
		cfg := mysql.NewConfig()
		cfg.Net, cfg.Addr = "tcp", u.Host
		if u.User != nil {
			cfg.User = u.User.Username()
			cfg.Passwd, _ = u.User.Password()
		}
		if sock := u.Query().Get("socket"); sock != "" {
			cfg.Net, cfg.Addr = "unix", sock
		}
		return cfg, nil
	}
	return mysql.ParseDSN(dsn)
}

func (s *myServer) connect(ctx context.Context, cfg *mysql.Config) error {
	db, version, err := openPool(ctx, cfg)
	if err != nil {
		return err
	}
	s.db, s.version = db, version
	s.mariadb = strings.Contains(strings.ToLower(version), "mariadb")
	return nil
}

// openPool opens a pool of connections for an account and returns the
// server's version.
func openPool(ctx context.Context, cfg *mysql.Config) (*sql.DB, string, error) {
	cfg = cfg.Clone()
	cfg.DBName = ""
	cfg.ParseTime = false
	cfg.MultiStatements = false
	cfg.InterpolateParams = false
	// LOAD DATA LOCAL would let the server read files of the machine
	// verify runs on.
	cfg.AllowAllFiles = false
	if err := cfg.Apply(mysql.Charset("utf8mb4", "")); err != nil {
		return nil, "", err
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, "", err
	}
	db := sql.OpenDB(conn)
	// A session's variables must not leak into the next one: a released
	// connection is closed, never reused.
	db.SetMaxIdleConns(0)
	var version string
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
		db.Close()
		return nil, "", err
	}
	return db, version, nil
}

func (s *myServer) Describe() string {
	v := s.version
	if i := strings.IndexAny(v, "-+"); i > 0 {
		v = v[:i]
	}
	if s.mariadb {
		return "MariaDB " + v
	}
	return "MySQL " + v
}

// ExactFork is false: a fork is rebuilt from definitions and rows, so
// verify compares the fork with itself.
func (s *myServer) ExactFork() bool { return false }

func (s *myServer) Throwaway() bool { return s.local != nil }

func (s *myServer) Warning() string { return s.warning }

// AfterSetup has nothing to do: the migration account has every
// privilege on the scratch databases.
func (s *myServer) AfterSetup(context.Context, string) error { return nil }

func (s *myServer) CreateDB(ctx context.Context, name string) error {
	_, err := s.db.ExecContext(ctx, "CREATE DATABASE "+myIdent(name))
	return myError(err)
}

func (s *myServer) DropDB(ctx context.Context, name string) error {
	_, err := s.db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+myIdent(name))
	return myError(err)
}

func (s *myServer) Open(ctx context.Context, db string, as Account, timeout time.Duration) (Session, error) {
	pool := s.db
	if as == Migrator && s.migrator != nil {
		pool = s.migrator
	}
	c, err := pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	sess := &mySession{conn: c, db: db}
	if _, err := c.ExecContext(ctx, "USE "+myIdent(db)); err != nil {
		c.Close()
		return nil, myError(err)
	}
	// The server enforces the per-statement limit: MariaDB on every
	// statement, MySQL 8 on SELECT only.
	if s.mariadb {
		_, err = c.ExecContext(ctx, fmt.Sprintf("SET SESSION max_statement_time = %g", timeout.Seconds()))
	} else {
		_, err = c.ExecContext(ctx, fmt.Sprintf("SET SESSION max_execution_time = %d", timeout.Milliseconds()))
	}
	if err != nil {
		c.Close()
		return nil, myError(err)
	}
	_, _ = c.ExecContext(ctx, fmt.Sprintf("SET SESSION lock_wait_timeout = %d", max(1, int(timeout.Seconds()))))
	return sess, nil
}

func (s *myServer) Close() error {
	if s.migrator != nil {
		s.migrator.Close()
	}
	if s.db != nil {
		s.db.Close()
	}
	if s.local != nil {
		return s.local.cleanup(syscall.SIGTERM)
	}
	return nil
}

type mySession struct {
	conn *sql.Conn
	db   string
}

func (m *mySession) Exec(ctx context.Context, text string) error {
	_, err := m.conn.ExecContext(ctx, text)
	return myError(err)
}

func (m *mySession) CopyFrom(context.Context, string, []byte) error {
	return &ServerError{Message: "COPY ... FROM stdin is PostgreSQL's; MySQL and MariaDB have no such statement"}
}

func (m *mySession) Close() error {
	// Discard the connection rather than pool it.
	_ = m.conn.Raw(func(any) error { return driver.ErrBadConn })
	return m.conn.Close()
}

// myError turns the server's rejection into a ServerError printed the way
// the mysql client prints it.
func myError(err error) error {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		state := string(me.SQLState[:])
		if me.SQLState == [5]byte{} {
			state = "HY000"
		}
		// 1969: MariaDB's max_statement_time; 3024: MySQL's
		// max_execution_time; 1205: lock_wait_timeout.
		timeout := me.Number == 1969 || me.Number == 3024 || me.Number == 1205
		return &ServerError{Message: fmt.Sprintf("ERROR %d (%s): %s", me.Number, state, me.Message), Timeout: timeout}
	}
	return err
}

func myIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func myLiteral(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// myQuery runs a query on a connection and returns its rows as text; NULL
// reads as "\N", which no definition contains.
func myQuery(ctx context.Context, c *sql.Conn, q string) ([][]string, error) {
	rows, err := c.QueryContext(ctx, q)
	if err != nil {
		return nil, myError(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		raw := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range raw {
			if v == nil {
				row[i] = `\N`
			} else {
				row[i] = string(v)
			}
		}
		out = append(out, row)
	}
	return out, myError(rows.Err())
}
