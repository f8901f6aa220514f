package verify

import (
	"fmt"
	"sort"
	"strings"

	tidb "github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Migrations may come from a pull request nobody has reviewed yet, and
// verify runs them. Before anything runs, Check reads every statement
// verify would send (and the SQL nested in routine bodies, DO blocks,
// EXECUTE and PREPARE strings and MySQL executable comments) for what
// reaches beyond the scratch database. SQL a migration builds at run time
// cannot be read beforehand: on verify's own server the account that runs
// the migrations lacks the privileges, so the server refuses it too.

// Reach says how far a refused statement reaches.
type Reach uint8

const (
	// ReachServer: changes what every database of the server shares
	// (roles, accounts, memberships, privileges on databases). On verify's
	// own throwaway server that harms nothing and the migration account
	// may not do it anyway; on a server given by --dsn it is refused.
	ReachServer Reach = iota + 1
	// ReachOutside: reaches the server's machine (files, programs, shared
	// libraries), the network, the server's settings or process, or a
	// database other than the scratch one. Refused on every server.
	ReachOutside
)

// Refusal is one statement verify will not run.
type Refusal struct {
	Path  string
	Line  int
	Reach Reach
	// What says what the statement does, e.g. "COPY ... PROGRAM runs a
	// shell command on the database server's machine".
	What string
}

func (r Refusal) String() string {
	return fmt.Sprintf("%s:%d: %s", safetext.Path(r.Path), r.Line, safetext.Inline(r.What))
}

// maxNesting bounds how deep Check follows SQL inside strings inside SQL;
// deeper nesting is refused rather than left unread.
const maxNesting = 16

// Check returns the statements of the scripts' up sections that verify
// refuses to run: those that reach outside the scratch database, and on a
// server that is not verify's own (throwaway false) those that change
// what the server's databases share.
func Check(scripts []*model.Script, throwaway bool) []Refusal {
	var out []Refusal
	for _, s := range scripts {
		for _, r := range checkScript(s) {
			if r.Reach == ReachOutside || !throwaway {
				out = append(out, r)
			}
		}
	}
	return out
}

func checkScript(s *model.Script) []Refusal {
	c := &checker{s: s, seen: map[string]bool{}}
	modes := []lex.Mode{lex.Postgres}
	if s.Dialect.MySQLFamily() {
		c.tidb = tidb.New()
		// Executable comments run up to the server's version, and MySQL
		// and MariaDB skip different ones: read the text as both servers
		// of the newest version would, so that whatever any server runs
		// is checked.
		modes = []lex.Mode{lex.Server(false, maxServerVersion), lex.Server(true, maxServerVersion)}
	}
	for _, u := range Plan(s) {
		for _, st := range u.Stmts {
			for _, c.mode = range modes {
				// The text sent starts where the statement does.
				c.code([]byte(st.Text), func(i int) int { return st.Span.Start + i }, 0)
			}
			if c.tidb != nil {
				c.databases(st)
			}
		}
	}
	// psql meta-commands are not SQL and verify does not run them, but
	// \connect would make psql run what follows in another database.
	for _, r := range s.Regions {
		if r.Kind == model.RegionPsqlMeta {
			if f := strings.Fields(s.Text(r.Span)); len(f) > 0 && (f[0] == `\c` || f[0] == `\connect`) {
				c.refuse(r.Span.Start, ReachOutside, `\connect switches to another database`)
			}
		}
	}
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Line < c.out[j].Line })
	return c.out
}

type checker struct {
	s    *model.Script
	mode lex.Mode
	tidb *tidb.Parser
	out  []Refusal
	seen map[string]bool
}

func (c *checker) refuse(off int, reach Reach, what string) {
	line := c.s.Lines.Position(off).Line
	key := fmt.Sprintf("%d\x00%s", line, what)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.out = append(c.out, Refusal{Path: c.s.Path, Line: line, Reach: reach, What: what})
}

// code checks a piece of SQL. at maps an offset in src to one in the file.
func (c *checker) code(src []byte, at func(int) int, depth int) {
	if depth > maxNesting {
		c.refuse(at(0), ReachOutside, fmt.Sprintf("SQL nested in strings more than %d levels deep, too deep to check", maxNesting))
		return
	}
	t := &tokens{src: src, mode: c.mode, toks: c.significant(src)}
	for i := range t.toks {
		if c.mode.MySQLFamily() {
			c.mysqlRules(t, i, at)
		} else {
			c.pgRules(t, i, at)
		}
	}
	// SQL inside strings: routine and DO bodies, EXECUTE and PREPARE
	// strings.
	for i, tk := range t.toks {
		if !t.codeString(i) {
			continue
		}
		body, off, _, _, ok := lex.StringBody(src, tk, c.mode)
		if !ok {
			continue
		}
		if tk.Kind == lex.DollarString {
			c.code(body, func(j int) int { return at(off + j) }, depth+1)
			continue
		}
		// Escapes change the text: read the value, and point at the string.
		v, _ := lex.StringValue(src, tk, c.mode)
		start := at(tk.Start)
		c.code([]byte(v), func(int) int { return start }, depth+1)
	}
}

// maxServerVersion is above every MySQL and MariaDB version: executable
// comments of any version count as code.
const maxServerVersion = 999999

// significant tokenizes src without comments. The lexer reads the
// contents of MySQL executable comments (/*! ... */, /*!50700 ... */,
// MariaDB's /*M! ... */) that the mode's server runs as code, with quotes
// inside them respected, and only their markers as comments.
func (c *checker) significant(src []byte) []lex.Token {
	var out []lex.Token
	for _, tk := range lex.Tokenize(src, c.mode) {
		if tk.Kind != lex.Comment {
			out = append(out, tk)
		}
	}
	return out
}

// tokens is a piece of SQL with helpers for the rules.
type tokens struct {
	src  []byte
	mode lex.Mode
	toks []lex.Token
}

// word is the lower-case text of an unquoted word at i, or "".
func (t *tokens) word(i int) string {
	if i < 0 || i >= len(t.toks) || t.toks[i].Kind != lex.Word {
		return ""
	}
	return strings.ToLower(t.toks[i].Text(t.src))
}

// name is the name an identifier or string at i stands for, lower case.
func (t *tokens) name(i int) string {
	if i < 0 || i >= len(t.toks) {
		return ""
	}
	switch t.toks[i].Kind {
	case lex.Word, lex.QuotedIdent, lex.String:
		return strings.ToLower(lex.Ident(t.src, t.toks[i], t.mode))
	}
	return ""
}

func (t *tokens) kind(i int) lex.Kind {
	if i < 0 || i >= len(t.toks) {
		return lex.EOF
	}
	return t.toks[i].Kind
}

func (t *tokens) op(i int, s string) bool {
	return t.kind(i) == lex.Op && t.toks[i].Text(t.src) == s
}

// starts reports whether a statement starts at i: the first token, or one
// after a semicolon or a word that opens a block of statements.
func (t *tokens) starts(i int) bool {
	if i == 0 {
		return true
	}
	if t.kind(i-1) == lex.Semicolon {
		return true
	}
	switch t.word(i - 1) {
	case "begin", "then", "else", "loop", "repeat", "do", "atomic":
		return true
	}
	return false
}

// head is the first word of the statement i is in.
func (t *tokens) head(i int) string {
	for j := i; j >= 0; j-- {
		if t.starts(j) {
			return t.word(j)
		}
	}
	return ""
}

// end is the index of the semicolon that ends the statement at i, or the
// end of the tokens.
func (t *tokens) end(i int) int {
	for j := i; j < len(t.toks); j++ {
		if t.toks[j].Kind == lex.Semicolon {
			return j
		}
	}
	return len(t.toks)
}

// codeString reports whether the string at i is SQL the server runs: a
// dollar-quoted body, the body after DO or AS in a routine definition, an
// EXECUTE string (PL/pgSQL, with its format() and concatenations), or a
// MySQL PREPARE ... FROM string.
func (t *tokens) codeString(i int) bool {
	k := t.kind(i)
	if k == lex.DollarString {
		return true
	}
	if k != lex.String {
		return false
	}
	switch t.word(i - 1) {
	case "do":
		return true
	case "as":
		switch t.head(i) {
		case "create", "do":
			return true
		}
	case "from":
		return t.head(i) == "prepare"
	}
	if t.word(i-1) != "" && t.word(i-2) == "language" && t.word(i-3) == "do" {
		return true // DO LANGUAGE x '...'
	}
	// Inside the expression an EXECUTE runs.
	for j := i - 1; j >= 0 && t.kind(j) != lex.Semicolon; j-- {
		switch t.word(j) {
		case "execute", "immediate":
			return true
		case "using", "into", "then", "else", "begin", "loop":
			return false
		}
	}
	return false
}

// call reports whether i names a function being called (not defined), and
// returns its unqualified name.
func (t *tokens) call(i int) (string, bool) {
	k := t.kind(i)
	if (k != lex.Word && k != lex.QuotedIdent) || t.kind(i+1) != lex.LParen {
		return "", false
	}
	first := i
	for first >= 2 && t.kind(first-1) == lex.Dot {
		first -= 2
	}
	if w := t.word(first - 1); w == "function" || w == "procedure" {
		if d := t.word(first - 2); d == "create" || d == "replace" {
			return "", false
		}
	}
	return t.name(i), true
}

func (c *checker) pgRules(t *tokens, i int, at func(int) int) {
	w := t.word(i)
	pos := at(t.toks[i].Start)
	next := t.word(i + 1)
	if name, ok := t.call(i); ok {
		if why := pgFunction(name); why != "" {
			c.refuse(pos, ReachOutside, name+"() "+why)
			return
		}
	}
	switch {
	case w == "alter" && next == "system":
		c.refuse(pos, ReachOutside, "ALTER SYSTEM changes the server's configuration")
	case (w == "create" || w == "alter" || w == "drop") && next == "database":
		c.refuse(pos, ReachOutside, strings.ToUpper(w)+" DATABASE acts on a database of the server, not inside the scratch database")
	case (w == "create" || w == "alter" || w == "drop") && next == "tablespace":
		c.refuse(pos, ReachOutside, strings.ToUpper(w)+" TABLESPACE manages a folder on the server's machine")
	case w == "copy" && t.starts(i):
		c.pgCopy(t, i, at)
	case w == "load" && t.starts(i) && t.kind(i+1) == lex.String:
		c.refuse(pos, ReachOutside, "LOAD loads a shared library into the server")
	case w == "checkpoint" && t.starts(i):
		c.refuse(pos, ReachOutside, "CHECKPOINT makes the whole server write out its buffers")
	case (w == "create" || w == "alter") && next == "user" && t.word(i+2) == "mapping":
		c.refuse(pos, ReachOutside, strings.ToUpper(w)+" USER MAPPING stores credentials for connections to another server")
	case (w == "create" || w == "alter") && (next == "role" || next == "user" || next == "group"):
		c.pgRole(t, i, at)
	case w == "drop" && (next == "role" || next == "user" || next == "group") && t.word(i+2) != "mapping":
		c.refuse(pos, ReachServer, "DROP "+strings.ToUpper(next)+" drops a role, which every database of the server shares")
	case (w == "grant" || w == "revoke") && t.starts(i):
		c.pgGrant(t, i, at)
	case (w == "reassign" || w == "drop") && next == "owned":
		c.refuse(pos, ReachServer, strings.ToUpper(w)+" OWNED also acts on the databases and tablespaces a role owns or may use")
	case (w == "comment" || w == "label") && next == "on" && pgShared(t.word(i+2)):
		c.refuse(pos, ReachServer, "a comment or security label on a "+t.word(i+2)+" is stored for the whole server")
	case (w == "create" || w == "alter") && (next == "server" || next == "subscription"):
		c.refuse(pos, ReachOutside, strings.ToUpper(w+" "+next)+" sets up connections to another server")
	case w == "drop" && next == "subscription":
		c.refuse(pos, ReachOutside, "DROP SUBSCRIPTION connects to another server to drop its replication slot")
	case (w == "create" || w == "alter") && next == "foreign" && t.word(i+2) == "data":
		c.refuse(pos, ReachOutside, "a foreign-data wrapper runs a handler library that connects outside the database")
	case w == "import" && next == "foreign":
		c.refuse(pos, ReachOutside, "IMPORT FOREIGN SCHEMA connects to another server")
	case w == "language":
		if lang := t.name(i + 1); untrustedLanguage(lang) {
			c.refuse(pos, ReachOutside, "LANGUAGE "+lang+" runs code with the operating-system account of the server, outside SQL's privileges")
		}
	case w == "create" && next == "extension":
		j := i + 2
		if t.word(j) == "if" {
			j += 3
		}
		if ext := t.name(j); outsideExtension(ext) {
			c.refuse(pos, ReachOutside, "CREATE EXTENSION "+ext+" reaches files, programs or other servers")
		}
	case t.op(i, `\`) && (next == "c" || next == "connect") && t.starts(i):
		c.refuse(pos, ReachOutside, `\connect switches to another database`)
	}
}

// pgCopy: COPY ... FROM/TO STDIN/STDOUT moves data through the connection;
// a file name or PROGRAM works on the server's machine.
func (c *checker) pgCopy(t *tokens, i int, at func(int) int) {
	depth := 0
	for j := i + 1; j < t.end(i); j++ {
		switch t.kind(j) {
		case lex.LParen:
			depth++
			continue
		case lex.RParen:
			depth--
			continue
		}
		dir := t.word(j)
		if depth != 0 || (dir != "from" && dir != "to") {
			continue
		}
		switch {
		case t.word(j+1) == "program":
			c.refuse(at(t.toks[i].Start), ReachOutside, "COPY ... "+strings.ToUpper(dir)+" PROGRAM runs a shell command on the server's machine")
		case t.word(j+1) == "stdin" || t.word(j+1) == "stdout":
		default:
			c.refuse(at(t.toks[i].Start), ReachOutside, "COPY ... "+strings.ToUpper(dir)+" a file reads or writes a file on the server's machine")
		}
		return
	}
}

// pgRole: CREATE/ALTER ROLE is server-wide; attributes that give power
// over the server, or membership in a predefined role, reach outside.
func (c *checker) pgRole(t *tokens, i int, at func(int) int) {
	verb := strings.ToUpper(t.word(i) + " " + t.word(i+1))
	for j := i + 2; j < t.end(i); j++ {
		switch w := t.word(j); w {
		case "superuser", "createrole", "createdb", "replication", "bypassrls":
			c.refuse(at(t.toks[i].Start), ReachOutside, verb+" ... "+strings.ToUpper(w)+" gives a role power over the whole server")
			return
		}
		if n := t.name(j); strings.HasPrefix(n, "pg_") {
			c.refuse(at(t.toks[i].Start), ReachOutside, verb+" ... "+n+" makes a role a member of a predefined role with powers over the server")
			return
		}
	}
	c.refuse(at(t.toks[i].Start), ReachServer, verb+" changes a role, which every database of the server shares")
}

// pgGrant: privileges on objects of the database are its own; role
// membership, database, tablespace and parameter privileges are not.
func (c *checker) pgGrant(t *tokens, i int, at func(int) int) {
	verb := strings.ToUpper(t.word(i))
	pos := at(t.toks[i].Start)
	end := t.end(i)
	for j := i + 1; j < end; j++ {
		switch t.word(j) {
		case "on":
			switch obj := t.word(j + 1); obj {
			case "parameter":
				c.refuse(pos, ReachOutside, verb+" ON PARAMETER changes who may change the server's settings")
			case "database", "tablespace":
				c.refuse(pos, ReachServer, verb+" ON "+strings.ToUpper(obj)+" changes privileges on a whole "+obj+" of the server")
			case "function", "procedure", "routine":
				for k := j + 2; k < end; k++ {
					if name, ok := t.call(k); ok && pgFunction(name) != "" {
						c.refuse(pos, ReachOutside, verb+" on "+name+"() changes who may use a function that "+pgFunction(name))
						return
					}
				}
			}
			return
		case "to", "from":
			// No ON: membership in roles.
			for k := i + 1; k < j; k++ {
				if n := t.name(k); strings.HasPrefix(n, "pg_") {
					c.refuse(pos, ReachOutside, verb+" "+n+" changes membership in a predefined role with powers over the server")
					return
				}
			}
			c.refuse(pos, ReachServer, verb+" of a role changes role membership, which every database of the server shares")
			return
		}
	}
}

func pgShared(obj string) bool {
	return obj == "database" || obj == "role" || obj == "tablespace"
}

// pgFunction says what a server function that reaches outside does, or "".
func pgFunction(name string) string {
	switch {
	case name == "pg_read_file" || name == "pg_read_binary_file" || name == "pg_stat_file" || name == "lo_import":
		return "reads a file on the server's machine"
	case name == "lo_export" || strings.HasPrefix(name, "pg_file_") || name == "pg_logdir_ls":
		return "writes files on the server's machine"
	case strings.HasPrefix(name, "pg_ls_"):
		return "lists a folder on the server's machine"
	case strings.HasPrefix(name, "dblink"):
		return "connects to another database or server"
	case name == "pg_terminate_backend" || name == "pg_cancel_backend":
		return "stops other sessions of the server"
	case name == "pg_reload_conf" || name == "pg_rotate_logfile" || name == "pg_promote" || name == "pg_switch_wal" ||
		name == "pg_create_restore_point" || strings.HasPrefix(name, "pg_backup_") || name == "pg_start_backup" || name == "pg_stop_backup" ||
		strings.HasPrefix(name, "pg_wal_replay_") || name == "pg_log_backend_memory_contexts":
		return "acts on the whole server"
	case strings.HasSuffix(name, "_replication_slot") || strings.HasPrefix(name, "pg_replication_origin_"):
		return "changes the server's replication state"
	}
	return ""
}

// untrustedLanguage: code in these languages runs outside SQL's privilege
// checks (c and internal are native code).
func untrustedLanguage(lang string) bool {
	switch lang {
	case "c", "internal", "plsh", "plr":
		return true
	}
	return strings.HasPrefix(lang, "pl") && strings.HasSuffix(lang, "u") && lang != "plpgsql"
}

// outsideExtension: extensions whose purpose is to reach files, programs
// or other servers. Other untrusted extensions need a superuser, which
// the migrations do not run as on verify's own server.
func outsideExtension(ext string) bool {
	switch ext {
	case "adminpack", "dblink", "file_fdw", "postgres_fdw", "mysql_fdw", "oracle_fdw", "tds_fdw", "odbc_fdw",
		"jdbc_fdw", "mongo_fdw", "redis_fdw", "sqlite_fdw", "multicorn", "pg_cron", "pg_net", "http", "plsh":
		return true
	}
	return untrustedLanguage(ext)
}

func (c *checker) mysqlRules(t *tokens, i int, at func(int) int) {
	w := t.word(i)
	pos := at(t.toks[i].Start)
	next := t.word(i + 1)
	if name, ok := t.call(i); ok && name == "load_file" {
		c.refuse(pos, ReachOutside, "LOAD_FILE() reads a file on the server's machine")
		return
	}
	if t.kind(i) == lex.Variable && t.head(i) == "set" && (t.op(i+1, "=") || t.op(i+1, ":")) {
		v := strings.ToLower(t.toks[i].Text(t.src))
		if strings.HasPrefix(v, "@@global.") || strings.HasPrefix(v, "@@persist") {
			c.refuse(pos, ReachOutside, "SET "+v+" changes a setting of the whole server")
		}
		return
	}
	switch {
	case w == "load" && (next == "data" || next == "xml"):
		c.refuse(pos, ReachOutside, "LOAD "+strings.ToUpper(next)+" INFILE reads a file (on the server's machine, or with LOCAL on the machine verify runs on)")
	case w == "into" && (next == "outfile" || next == "dumpfile"):
		c.refuse(pos, ReachOutside, "INTO "+strings.ToUpper(next)+" writes a file on the server's machine")
	case (w == "install" || w == "uninstall") && (next == "plugin" || next == "soname"):
		c.refuse(pos, ReachOutside, strings.ToUpper(w+" "+next)+" changes the shared libraries loaded into the server")
	case w == "soname":
		c.refuse(pos, ReachOutside, "a function from a SONAME library runs native code in the server")
	case (w == "global" || w == "persist" || w == "persist_only") && (t.word(i-1) == "set" || t.kind(i-1) == lex.Comma) && t.head(i) == "set":
		c.refuse(pos, ReachOutside, "SET "+strings.ToUpper(w)+" changes a setting of the whole server")
	case t.starts(i) && (w == "shutdown" || w == "restart"):
		c.refuse(pos, ReachOutside, strings.ToUpper(w)+" stops the server")
	case t.starts(i) && w == "kill":
		c.refuse(pos, ReachOutside, "KILL ends another connection or query of the server")
	case t.starts(i) && (w == "flush" || w == "purge" || w == "binlog"):
		c.refuse(pos, ReachOutside, strings.ToUpper(w)+" acts on the whole server (its logs, caches, privileges or locks)")
	case t.starts(i) && ((w == "reset" && (next == "master" || next == "slave" || next == "replica" || next == "binary")) ||
		(w == "change" && (next == "master" || next == "replication")) ||
		((w == "start" || w == "stop") && (next == "slave" || next == "replica" || next == "all"))):
		c.refuse(pos, ReachOutside, strings.ToUpper(w+" "+next)+" changes the server's replication")
	case (w == "create" || w == "alter" || w == "drop") && (next == "database" || next == "schema"):
		c.refuse(pos, ReachOutside, strings.ToUpper(w+" "+next)+" acts on a database of the server, not inside the scratch database")
	case t.starts(i) && w == "use":
		c.refuse(pos, ReachOutside, "USE switches to another database, which verify neither isolates nor compares")
	case (w == "create" || w == "alter" || w == "drop") && (next == "server" || next == "tablespace"):
		c.refuse(pos, ReachOutside, strings.ToUpper(w+" "+next)+" reaches outside the database (another server, or files on the server's machine)")
	case w == "engine" && outsideEngine(t.name(i+1), t.name(i+2), t.op(i+1, "=")):
		c.refuse(pos, ReachOutside, "this storage engine connects to another server or reads files on the server's machine")
	case (w == "data" || w == "index") && next == "directory":
		c.refuse(pos, ReachOutside, strings.ToUpper(w)+" DIRECTORY puts table files in a folder of the server's machine")
	case (w == "create" || w == "alter" || w == "drop" || w == "rename") && next == "user",
		(w == "create" || w == "drop") && next == "role",
		w == "set" && (next == "password" || (next == "default" && t.word(i+2) == "role")):
		c.refuse(pos, ReachServer, strings.ToUpper(w+" "+next)+" changes the server's accounts, which every database shares")
	case (w == "grant" || w == "revoke") && t.starts(i):
		for j := i + 1; j+2 < t.end(i); j++ {
			if t.op(j, "*") && t.kind(j+1) == lex.Dot && t.op(j+2, "*") {
				c.refuse(pos, ReachOutside, strings.ToUpper(w)+" ON *.* changes privileges on every database of the server")
				return
			}
		}
		c.refuse(pos, ReachServer, strings.ToUpper(w)+" changes the server's accounts and privileges, which every database shares")
	}
}

func outsideEngine(a, b string, eq bool) bool {
	e := a
	if eq {
		e = b
	}
	switch e {
	case "federated", "federatedx", "connect", "spider":
		return true
	}
	return false
}

// Databases every MySQL server has that a migration may read: they
// describe, and never hold, the scratch database's data.
func allowedDatabase(db string) bool {
	db = strings.ToLower(db)
	return db == "information_schema" || db == "performance_schema"
}

// databases refuses MySQL statements that name another database: verify
// compares only its scratch database, so a change elsewhere would go
// unseen (and on --dsn it is a real database of the server). The TiDB
// parser finds every qualified name in what it parses; the statements
// inside routine bodies, which it cannot parse whole, are parsed one by
// one; and the names after INTO, UPDATE, TABLE, JOIN, CALL, TRUNCATE,
// REFERENCES and LIKE are read from the tokens whatever the parser says.
func (c *checker) databases(st Stmt) {
	walk := func(text string, at int) {
		for _, db := range c.qualifiers(text) {
			c.refuse(at, ReachOutside, "names the database "+safetext.Inline(db)+", outside the scratch database verify compares")
		}
	}
	walk(st.Text, st.Span.Start)
	if st.St == nil {
		return
	}
	var kids func(list []*model.Statement)
	kids = func(list []*model.Statement) {
		for _, k := range list {
			if k.Err == nil && k.Span.End > k.Span.Start {
				walk(c.s.Text(k.Span), k.Span.Start)
			}
			for _, e := range k.Effects {
				if e.Object.Schema != "" && !allowedDatabase(e.Object.Schema) {
					c.refuse(k.Span.Start, ReachOutside, "names the database "+safetext.Inline(e.Object.Schema)+", outside the scratch database verify compares")
				}
			}
			kids(k.Children)
		}
	}
	kids([]*model.Statement{st.St})
}

// qualifiers returns the database names a statement qualifies names with.
func (c *checker) qualifiers(text string) []string {
	var out []string
	add := func(db string) {
		if db != "" && !allowedDatabase(db) {
			out = append(out, db)
		}
	}
	if nodes, err := c.parseMySQL(text); err == nil {
		v := &qualifierVisitor{add: add}
		for _, n := range nodes {
			n.Accept(v)
		}
	}
	t := &tokens{src: []byte(text), mode: lex.MySQL, toks: c.significant([]byte(text))}
	for i := range t.toks {
		switch t.word(i) {
		case "into", "update", "table", "join", "call", "truncate", "references", "like":
			k := t.kind(i + 1)
			if (k == lex.Word || k == lex.QuotedIdent) && t.kind(i+2) == lex.Dot {
				add(lex.Ident(t.src, t.toks[i+1], lex.MySQL))
			}
		}
	}
	return out
}

// parseMySQL runs the TiDB parser, whose panics become errors.
func (c *checker) parseMySQL(text string) (nodes []ast.StmtNode, err error) {
	defer func() {
		if r := recover(); r != nil {
			nodes, err = nil, fmt.Errorf("the TiDB parser failed: %v", r)
		}
	}()
	nodes, _, err = c.tidb.ParseSQL(text)
	return nodes, err
}

type qualifierVisitor struct{ add func(string) }

func (v *qualifierVisitor) Enter(n ast.Node) (ast.Node, bool) {
	switch x := n.(type) {
	case *ast.TableName:
		v.add(x.Schema.O)
	case *ast.ColumnName:
		v.add(x.Schema.O)
	case *ast.FuncCallExpr:
		v.add(x.Schema.O)
	}
	return n, false
}

func (v *qualifierVisitor) Leave(n ast.Node) (ast.Node, bool) { return n, true }
