package mysql

import (
	"strconv"
	"strings"

	tidb "github.com/pingcap/tidb/pkg/parser"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// This file holds the rewrites of valid MySQL 8 and MariaDB 10.6-11.x
// syntax that the TiDB grammar lacks, beyond the first ones in
// fallback.go. A syntax-error finding claims that the server refuses the
// statement, so what either server accepts must be read, or at least not
// reported: each case below names the server that accepts the construct,
// and rewrites it in place (same offsets) into something TiDB reads with
// the same meaning for the linter. Constructs both servers refuse are left
// alone and stay syntax errors.

// editor rewrites a statement's body text in place.
type editor struct {
	st  *stmt
	out []byte
	a   int // file offset of out[0]
}

func (st *stmt) editor(body []byte) *editor {
	a, _ := st.body()
	return &editor{st: st, out: append([]byte(nil), body...), a: a}
}

// fill blanks tokens [i, j) and writes with (no longer than they are) at
// their start. It returns the text, or nil when it cannot.
func (ed *editor) fill(i, j int, with string) []byte {
	st, x := ed.st, ed.st.x
	if j > st.to || i >= j || i < st.from {
		return nil
	}
	if len(with) > x.sig[j-1].End-x.sig[i].Start {
		return nil
	}
	for p := x.sig[i].Start - ed.a; p < x.sig[j-1].End-ed.a; p++ {
		if ed.out[p] != '\n' {
			ed.out[p] = ' '
		}
	}
	copy(ed.out[x.sig[i].Start-ed.a:], with)
	return ed.out
}

// prev is the index of the last token before k that a rewrite has not
// blanked, or -1.
func (ed *editor) prev(k int) int {
	for p := k - 1; p >= ed.st.from; p-- {
		t := ed.st.x.sig[p]
		if strings.TrimSpace(string(ed.out[t.Start-ed.a:t.End-ed.a])) != "" {
			return p
		}
	}
	return -1
}

// fillRight blanks token i and writes with at its end: a function name
// must stay next to its parenthesis.
func (ed *editor) fillRight(i int, with string) []byte {
	t := ed.st.x.sig[i]
	if ed.fill(i, i+1, "") == nil || len(with) > t.End-t.Start {
		return nil
	}
	copy(ed.out[t.End-ed.a-len(with):], with)
	return ed.out
}

// windowFunc renames the function whose call ends at token r (a closing
// parenthesis) to MAX, a window function TiDB knows: MariaDB's MEDIAN and
// PERCENTILE_CONT/DISC are not in its grammar.
func (st *stmt) windowFunc(ed *editor, r int) []byte {
	if r <= st.from || st.x.sig[r].Kind != lex.RParen {
		return nil
	}
	p := st.enclosing(r)
	if p <= st.from || st.x.sig[p-1].Kind != lex.Word || st.word(p-1) == "MAX" {
		return nil
	}
	return ed.fillRight(p-1, "MAX")
}

// force replaces the ALTER TABLE clause holding token k with FORCE, a
// clause TiDB reads and that changes nothing the linter looks at.
func (ed *editor) force(k int) []byte {
	i, j := ed.st.alterClause(k)
	if i < 0 {
		return nil
	}
	return ed.fill(i, j, "FORCE")
}

// alterClause is the token range of the ALTER TABLE clause that holds k.
func (st *stmt) alterClause(k int) (int, int) {
	if st.word(st.from) != "ALTER" {
		return -1, -1
	}
	kw, name := st.nameAfter(5, "TABLE")
	if kw < 0 {
		return -1, -1
	}
	from := nameEnd(st.x.sig[:st.to], name)
	for _, seg := range lex.Segments(st.x.sig, from, st.to) {
		if seg[0] <= k && k < seg[1] {
			return seg[0], seg[1]
		}
	}
	return -1, -1
}

// enclosing is the index of the opening parenthesis around token k, or -1.
func (st *stmt) enclosing(k int) int {
	depth := 0
	for p := k - 1; p >= st.from; p-- {
		switch st.x.sig[p].Kind {
		case lex.RParen:
			depth++
		case lex.LParen:
			if depth == 0 {
				return p
			}
			depth--
		}
	}
	return -1
}

func (st *stmt) insideParens(k int) bool { return st.enclosing(k) >= 0 }

// findTop is the first index in [from, to) of word w outside
// parentheses, or -1.
func (st *stmt) findTop(from, to int, w string) int {
	depth := 0
	for i := max(from, st.from); i < to && i < st.to; i++ {
		switch st.x.sig[i].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
		case lex.Word:
			if depth == 0 && st.word(i) == w {
				return i
			}
		}
	}
	return -1
}

// stopAt is the index of the first token from i, outside parentheses, that
// is a comma, a closing parenthesis of an enclosing group, or one of the
// words stops; st.to when none.
func (st *stmt) stopAt(i int, stops map[string]bool) int {
	depth := 0
	for ; i < st.to; i++ {
		switch st.x.sig[i].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			if depth == 0 {
				return i
			}
			depth--
		case lex.Comma:
			if depth == 0 {
				return i
			}
		case lex.Word:
			if depth == 0 && stops[st.word(i)] {
				return i
			}
		}
	}
	return st.to
}

func words(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// castAt is the index of the parenthesis of CAST( when token k is the type
// after its AS, or -1.
func (st *stmt) castAt(k int) int {
	if st.word(k-1) != "AS" {
		return -1
	}
	if p := st.enclosing(k); p > st.from && st.word(p-1) == "CAST" {
		return p
	}
	return -1
}

// ifExistsAllowed reports whether MariaDB (or MySQL) reads IF [NOT] EXISTS
// at token k, which TiDB rejected: after the keyword that names what is
// created or dropped. Elsewhere (ADD CONSTRAINT IF NOT EXISTS fk FOREIGN
// KEY, DROP PRIMARY KEY IF EXISTS) MariaDB 10.11 refuses it too.
func (st *stmt) ifExistsAllowed(k int, notExists bool) bool {
	prev := st.word(k - 1)
	switch prev {
	case "COLUMN", "INDEX", "PARTITION", "PERIOD", "TABLE", "SEQUENCE", "VIEW", "TRIGGER", "EVENT",
		"PROCEDURE", "FUNCTION", "USER", "ROLE", "DATABASE", "SCHEMA", "SERVER":
		return true
	case "KEY":
		// ADD PRIMARY KEY IF NOT EXISTS, but not DROP PRIMARY KEY IF EXISTS.
		return notExists || st.word(k-2) != "PRIMARY"
	}
	if notExists {
		switch prev {
		case "ADD", "UNIQUE", "FULLTEXT", "SPATIAL":
			return true
		case "CONSTRAINT":
			// Only a CHECK constraint: ADD CONSTRAINT IF NOT EXISTS [c] CHECK.
			return st.word(k+3) == "CHECK" || st.word(k+4) == "CHECK"
		}
		return false
	}
	switch prev {
	case "DROP", "CONSTRAINT", "CHANGE", "MODIFY", "REVOKE":
		return true
	}
	return false
}

var (
	// castTypes are CAST target types TiDB lacks: MariaDB's INTEGER, INT,
	// VARCHAR(n), INTERVAL, INET4, INET6 and UUID, and MySQL 8.0.24's
	// spatial types.
	castTypes = words("INTEGER", "INT", "VARCHAR", "INTERVAL", "INET4", "INET6", "UUID", "POINT", "LINESTRING",
		"POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION")
	// ddlWords start the statements where MariaDB reads WAIT n / NOWAIT
	// after a table name.
	ddlWords = words("ALTER", "DROP", "TRUNCATE", "RENAME", "CREATE", "LOCK", "OPTIMIZE", "ANALYZE", "REPAIR",
		"CHECK", "BACKUP")
	// accountStops end an authentication clause of CREATE/ALTER USER or
	// GRANT.
	accountStops = words("REQUIRE", "WITH", "ACCOUNT", "DEFAULT", "COMMENT", "ATTRIBUTE", "FAILED_LOGIN_ATTEMPTS",
		"PASSWORD_LOCK_TIME", "TO", "ON", "IDENTIFIED")
	resourceOptions = words("MAX_QUERIES_PER_HOUR", "MAX_UPDATES_PER_HOUR", "MAX_CONNECTIONS_PER_HOUR",
		"MAX_USER_CONNECTIONS", "MAX_STATEMENT_TIME")
	// tableRefStops end a clause within a table reference.
	tableRefStops = words("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "STRAIGHT_JOIN", "ON",
		"USING", "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK",
		"INTO", "AS", "SET", "RETURNING")
)

// rewriteMore continues rewrite for the error at token k.
//
// MySQL 8: DEFAULT (expression) with operators or nested parentheses,
// CAST(... AS POINT), CAST(... AT TIME ZONE), ALTER COLUMN ... SET
// [IN]VISIBLE, ALTER DATABASE ... READ ONLY, derived-table column lists,
// CREATE/ALTER USER ... DEFAULT ROLE / IDENTIFIED BY RANDOM PASSWORD /
// PASSWORD HISTORY|REUSE|REQUIRE, GRANT of dynamic privileges, GRANT ...
// WITH ADMIN OPTION, REVOKE ... IGNORE UNKNOWN USER, EXPLAIN ANALYZE.
//
// MariaDB: SOUNDS LIKE, CAST(... AS INTEGER|INT|VARCHAR(n)|INET6 ...),
// [CREATE|ALTER] DATABASE ... COMMENT, IGNORED indexes, ALGORITHM=NOCOPY,
// WAIT n / NOWAIT, ALTER ONLINE TABLE, ... PARTITION ALL, CONVERT
// PARTITION/TABLE, MEDIAN and PERCENTILE_* ... WITHIN GROUP, OFFSET ...
// ROWS / FETCH FIRST ... / ROWS EXAMINED, INSERT/REPLACE/single-table
// DELETE ... RETURNING, PREVIOUS VALUE FOR, CREATE SEQUENCE ... AS type
// (11.5), system-versioned and application-time period tables (ROW
// START/END columns, PERIOD FOR, WITHOUT OVERLAPS, FOR SYSTEM_TIME, FOR
// PORTION OF), ASCII/UNICODE/BYTE column attributes, VALUES (...) as a
// query, IDENTIFIED VIA, WITH MAX_STATEMENT_TIME, EXPLAIN EXTENDED.
func (st *stmt) rewriteMore(ed *editor, k int) []byte {
	x := st.x
	w := st.word(k)
	first := st.word(st.from)
	kind := x.sig[k].Kind
	switch {
	case st.defaultParen(k) >= 0:
		return st.defaultExpr(ed, st.defaultParen(k))
	case w == "SOUNDS" && st.word(k+1) == "LIKE":
		return ed.fill(k, k+1, "")
	case castTypes[w] && st.castAt(k) >= 0:
		p := st.castAt(k)
		end := skipParens(x.sig[:st.to], p) - 1
		if end <= k || ed.fill(p-1, p, "") == nil {
			return nil
		}
		return ed.fill(k-1, end, "")
	case w == "AT" && st.wordsAt(k+1, "TIME", "ZONE") && st.enclosing(k) > st.from && st.word(st.enclosing(k)-1) == "CAST":
		j := k + 3
		if st.word(j) == "INTERVAL" {
			j++
		}
		if j < st.to && x.sig[j].Kind == lex.String {
			return ed.fill(k, j+1, "")
		}
	case (first == "CREATE" || first == "ALTER") && (st.word(st.from+1) == "DATABASE" || st.word(st.from+1) == "SCHEMA") &&
		(w == "COMMENT" || (w == "READ" && st.word(k+1) == "ONLY")):
		j := k + 1
		if w == "READ" {
			j++
		}
		if j < st.to && isOp(x.src, x.sig[j], "=") {
			j++
		}
		if j < st.to && (x.sig[j].Kind == lex.String || x.sig[j].Kind == lex.Number || x.sig[j].Kind == lex.Word) {
			return st.databaseOption(ed, k, j+1)
		}
	case w == "IGNORED" || (w == "NOT" && st.word(k+1) == "IGNORED"):
		n := 1
		if w == "NOT" {
			n = 2
		}
		if st.word(k-2) == "INDEX" && st.word(k-3) == "ALTER" {
			return ed.force(k)
		}
		return ed.fill(k, k+n, "")
	case (w == "VISIBLE" || w == "INVISIBLE") && st.word(k-1) == "SET":
		return ed.force(k)
	case w == "NOCOPY" && (st.word(k-1) == "ALGORITHM" || (isOp(x.src, x.sig[k-1], "=") && st.word(k-2) == "ALGORITHM")):
		return ed.fill(k, k+1, "COPY")
	case ddlWords[first] && w == "NOWAIT":
		st.void = append(st.void, k)
		return ed.fill(k, k+1, "")
	case ddlWords[first] && w == "WAIT" && k+1 < st.to && x.sig[k+1].Kind == lex.Number:
		st.void = append(st.void, k, k+1)
		return ed.fill(k, k+2, "")
	case w == "ONLINE" && k == st.from+1 && first == "ALTER":
		return ed.fill(k, k+1, "")
	case w == "ALL" && st.word(k-1) == "PARTITION":
		return ed.fill(k, k+1, "p")
	case st.word(k-1) == "CONVERT" && (w == "PARTITION" || w == "TABLE"):
		return ed.force(k)
	case kind == lex.LParen && st.word(k-1) == "GROUP" && st.word(k-2) == "WITHIN":
		if st.windowFunc(ed, k-3) == nil {
			return nil
		}
		return ed.fill(k-2, skipParens(x.sig[:st.to], k), "")
	case w == "WITHIN" && st.word(k+1) == "GROUP" && k+2 < st.to && x.sig[k+2].Kind == lex.LParen:
		if st.windowFunc(ed, k-1) == nil {
			return nil
		}
		return ed.fill(k, skipParens(x.sig[:st.to], k+2), "")
	case w == "OVER" && x.sig[k-1].Kind == lex.RParen:
		return st.windowFunc(ed, k-1)
	case w == "ROWS" && st.word(k+1) == "EXAMINED":
		return ed.fill(k, min(k+3, st.to), "")
	case w == "OFFSET" && k+2 < st.to && (st.word(k+2) == "ROW" || st.word(k+2) == "ROWS"):
		return ed.fill(k, k+3, "")
	case st.word(k-1) == "OFFSET" && (st.word(k+1) == "ROW" || st.word(k+1) == "ROWS"):
		return ed.fill(k-1, k+2, "")
	case w == "FETCH" && (st.word(k+1) == "FIRST" || st.word(k+1) == "NEXT"):
		return st.fetchFirst(ed, k)
	case (w == "FIRST" || w == "NEXT") && st.word(k-1) == "FETCH":
		return st.fetchFirst(ed, k-1)
	case w == "WITH" && st.word(k+1) == "TIES":
		return ed.fill(k, k+2, "ONLY")
	case st.returning(k) >= 0:
		return ed.fill(st.returning(k), st.to, "")
	case w == "PREVIOUS" && st.wordsAt(k+1, "VALUE", "FOR"):
		return ed.fill(k, k+1, "NEXT")
	case st.word(k-1) == "FOR" && st.wordsAt(k-3, "PREVIOUS", "VALUE"):
		return ed.fill(k-3, k-2, "NEXT")
	case w == "AS" && st.Tag == "CREATE SEQUENCE":
		j := k + 2
		if s := st.word(j); s == "SIGNED" || s == "UNSIGNED" {
			j++
		}
		return ed.fill(k, min(j, st.to), "")
	case w == "ROW" && st.word(k-1) == "AS" && (st.word(k+1) == "START" || st.word(k+1) == "END"):
		// MariaDB system-versioned tables: [GENERATED ALWAYS] AS ROW START.
		i := k - 1
		if st.wordsAt(k-3, "GENERATED", "ALWAYS") {
			i = k - 3
		}
		return ed.fill(i, k+2, "")
	case (w == "WITH" || w == "WITHOUT") && st.wordsAt(k+1, "SYSTEM", "VERSIONING"):
		return ed.fill(k, k+3, "")
	case w == "WITHOUT" && st.word(k+1) == "OVERLAPS":
		return ed.fill(k, k+2, "")
	case w == "FOR" && st.word(k-1) == "PERIOD":
		return st.period(ed, k-1)
	case w == "FOR" && first == "ALTER" && (st.wordsAt(k-4, "PERIOD", "IF", "NOT", "EXISTS") || st.wordsAt(k-3, "PERIOD", "IF", "EXISTS")):
		return ed.force(k)
	case w == "SYSTEM_TIME" && st.word(k-1) == "FOR":
		return ed.fill(k-1, st.systemTimeEnd(k+1), "")
	case w == "FOR" && st.wordsAt(k+1, "PORTION", "OF"):
		return ed.fill(k, st.stopAt(k+4, words("SET", "WHERE", "ORDER", "LIMIT", "RETURNING")), "")
	case w == "PORTION" && st.word(k-1) == "FOR" && st.word(k+1) == "OF":
		return ed.fill(k-1, st.stopAt(k+3, words("SET", "WHERE", "ORDER", "LIMIT", "RETURNING")), "")
	case (w == "ASCII" || w == "UNICODE" || w == "BYTE") && k > st.from && (first == "CREATE" || first == "ALTER"):
		return ed.fill(k, k+1, "")
	case kind == lex.LParen && k-2 > st.from && (x.sig[k-1].Kind == lex.Word || x.sig[k-1].Kind == lex.QuotedIdent) &&
		(x.sig[k-2].Kind == lex.RParen || (st.word(k-2) == "AS" && x.sig[k-3].Kind == lex.RParen)):
		// A derived table's column list: (subquery) AS dt (a, b).
		return ed.fill(k, skipParens(x.sig[:st.to], k), "")
	case kind == lex.LParen && st.word(k-1) == "VALUES" && (k-1 == st.from || x.sig[k-2].Kind == lex.LParen ||
		words("UNION", "ALL", "DISTINCT", "EXCEPT", "INTERSECT")[st.word(k-2)]):
		// MariaDB's table value constructor, VALUES (1, 2), (3, 4), as a
		// query: the same rows as a select list, for the parser.
		return ed.fill(k-1, k, "SELECT")
	case w == "VIA" && st.word(k-1) == "IDENTIFIED":
		return ed.fill(k-1, st.stopAt(k+1, accountStops), "")
	case w == "RANDOM" && st.word(k+1) == "PASSWORD" && st.wordsAt(k-2, "IDENTIFIED", "BY"):
		return ed.fill(k-2, k+2, "")
	case w == "DEFAULT" && st.word(k+1) == "ROLE" && st.word(st.from+1) == "USER":
		j := k + 2
		for j < st.to && !accountStops[st.word(j)] && st.word(j) != "PASSWORD" {
			j++
		}
		return ed.fill(k, j, "")
	case w == "WITH" && st.word(k+1) == "ADMIN":
		return ed.fill(k, st.to, "")
	case w == "MAX_STATEMENT_TIME":
		i, j := k, min(k+2, st.to)
		if st.word(k-1) == "WITH" && !resourceOptions[st.word(j)] {
			i = k - 1
		}
		return ed.fill(i, j, "")
	case w == "IGNORE" && st.wordsAt(k+1, "UNKNOWN", "USER"):
		return ed.fill(k, k+3, "")
	case w == "PASSWORD" && (st.word(k+1) == "HISTORY" || st.word(k+1) == "REUSE" || st.word(k+1) == "REQUIRE"):
		return st.passwordOption(ed, k)
	case (first == "GRANT" || first == "REVOKE") && st.findTop(st.from+1, st.to, "ON") > k:
		// A privilege TiDB does not know (MySQL's dynamic privileges,
		// MariaDB's BINLOG MONITOR, DELETE HISTORY ...): the list becomes
		// ALL, which changes nothing the linter looks at.
		i := st.from + 1
		if st.wordsAt(i, "IF", "EXISTS") {
			i += 2
		}
		return ed.fill(i, st.findTop(st.from+1, st.to, "ON"), "ALL")
	case k == st.from+2 && (first == "EXPLAIN" || first == "DESCRIBE" || first == "DESC") &&
		(st.word(k-1) == "EXTENDED" || st.word(k-1) == "PARTITIONS"):
		return ed.fill(k-1, k, "")
	case st.identWord(k):
		return st.standIn(ed, k)
	case ed.prev(k) >= 0 && st.identWord(ed.prev(k)):
		// TiDB reads RANK, LAG ... as a function and stops after them.
		return st.standIn(ed, ed.prev(k))
	}
	return nil
}

// withoutVoid is the statement as the readers of a parsed statement see
// it: without the tokens a rewrite blanked because they mean nothing to
// the linter (MariaDB's WAIT n and NOWAIT), which would otherwise stand
// where the ALTER TABLE reader expects a clause.
func (st *stmt) withoutVoid() *stmt {
	if len(st.void) == 0 {
		return st
	}
	drop := map[int]bool{}
	for _, i := range st.void {
		drop[i] = true
	}
	sig := make([]lex.Token, 0, st.to-st.from+1)
	for i := st.from; i < st.to; i++ {
		if !drop[i] {
			sig = append(sig, st.x.sig[i])
		}
	}
	n := len(sig)
	if st.to < len(st.x.sig) {
		sig = append(sig, st.x.sig[st.to]) // the terminator
	}
	x := *st.x
	x.sig = sig
	out := *st
	out.x, out.from, out.to, out.void = &x, 0, n, nil
	return &out
}

// scanRewrite rewrites, wherever they are, the constructs for which TiDB
// reports its error elsewhere (often at the end of the statement): MariaDB
// PARTITION BY SYSTEM_TIME and RETURNING, MySQL ALTER COLUMN ... SET
// INVISIBLE and the PASSWORD options of CREATE/ALTER USER. It is tried
// once, when rewrite finds nothing at the error.
func (st *stmt) scanRewrite(body []byte) []byte {
	ed := st.editor(body)
	changed := false
	for i := st.from; i < st.to; i++ {
		w := st.word(i)
		var out []byte
		switch {
		case w == "PARTITION" && st.wordsAt(i+1, "BY", "SYSTEM_TIME") && !st.insideParens(i):
			out = ed.fill(i, st.to, "")
		case (w == "VISIBLE" || w == "INVISIBLE") && st.word(i-1) == "SET" &&
			(st.word(i-3) == "ALTER" || st.wordsAt(i-4, "ALTER", "COLUMN")):
			out = ed.force(i)
		case w == "PASSWORD" && (st.word(i+1) == "HISTORY" || st.word(i+1) == "REUSE" || st.word(i+1) == "REQUIRE") &&
			st.word(st.from+1) == "USER":
			out = st.passwordOption(ed, i)
		case w == "RETURNING" && st.returning(i) == i:
			out = ed.fill(i, st.to, "")
		case w == "NOCOPY" && (st.word(i-1) == "ALGORITHM" || st.word(i-2) == "ALGORITHM"):
			// MariaDB's ALGORITHM=NOCOPY; TiDB names the error, not the place.
			out = ed.fill(i, i+1, "COPY")
		case (st.word(st.from+1) == "DATABASE" || st.word(st.from+1) == "SCHEMA") &&
			(w == "COMMENT" || (w == "READ" && st.word(i+1) == "ONLY")):
			out = st.rewriteMore(ed, i)
		}
		if out != nil {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return ed.out
}

// databaseOption blanks tokens [i, j), an option of CREATE/ALTER DATABASE
// TiDB lacks (MariaDB's COMMENT, MySQL's READ ONLY). ALTER DATABASE needs
// an option left: when it was the only one, a character set takes its
// place if it fits.
func (st *stmt) databaseOption(ed *editor, i, j int) []byte {
	with := ""
	if st.word(st.from) == "ALTER" {
		rest := false
		for _, seg := range [][2]int{{st.from + 3, i}, {j, st.to}} {
			for k := seg[0]; k < seg[1]; k++ {
				if st.x.sig[k].Kind != lex.Comma && !isOp(st.x.src, st.x.sig[k], "=") {
					rest = true
				}
			}
		}
		if !rest {
			with = "CHARSET gbk"
		}
	}
	return ed.fill(i, j, with)
}

// defaultParen is the index of the parenthesis after a DEFAULT around
// token k, or -1.
func (st *stmt) defaultParen(k int) int {
	for p := st.enclosing(k); p > st.from; p = st.enclosing(p) {
		if st.word(p-1) == "DEFAULT" {
			return p
		}
	}
	return -1
}

// defaultExpr makes DEFAULT (expression) readable: MySQL 8.0.13 and
// MariaDB 10.2 take any expression in parentheses, TiDB only a function
// call, a literal or a column. The expression becomes 1: the linter needs
// the column, not its default.
func (st *stmt) defaultExpr(ed *editor, p int) []byte {
	x := st.x
	end := skipParens(x.sig[:st.to], p)
	if end-1 <= p+1 || (end-1 == p+2 && string(ed.out[x.sig[p+1].Start-ed.a:x.sig[p+1].End-ed.a]) == "1") {
		return nil
	}
	return ed.fill(p+1, end-1, "1")
}

// fetchFirst blanks FETCH {FIRST|NEXT} [n] {ROW|ROWS} {ONLY|WITH TIES}.
func (st *stmt) fetchFirst(ed *editor, k int) []byte {
	j := k + 2
	if j < st.to && (st.x.sig[j].Kind == lex.Number || st.x.sig[j].Kind == lex.Variable) {
		j++
	}
	if w := st.word(j); w == "ROW" || w == "ROWS" {
		j++
	}
	switch {
	case st.word(j) == "ONLY":
		j++
	case st.wordsAt(j, "WITH", "TIES"):
		j += 2
	default:
		return nil
	}
	return ed.fill(k, j, "")
}

// returning finds the RETURNING clause (MariaDB) of an INSERT, REPLACE or
// single-table DELETE at or right before token k (TiDB reads RETURNING as
// an alias and stops after it); -1 when there is none, or when the server
// refuses it (a multiple-table DELETE).
func (st *stmt) returning(k int) int {
	r := -1
	for p := k; p >= k-1 && p > st.from; p-- {
		if st.word(p) == "RETURNING" && !st.insideParens(p) {
			r = p
			break
		}
	}
	if r < 0 {
		return -1
	}
	switch st.word(st.from) {
	case "INSERT", "REPLACE":
		return r
	case "DELETE":
		i := st.after(st.from+1, "LOW_PRIORITY", "QUICK", "IGNORE")
		if st.word(i) != "FROM" || st.findTop(i, r, "USING") >= 0 || st.findTop(i, r, "JOIN") >= 0 {
			return -1
		}
		if end := nameEnd(st.x.sig[:r], i+1); end < r && st.x.sig[end].Kind == lex.Comma {
			return -1
		}
		return r
	}
	return -1
}

// period handles MariaDB's PERIOD FOR name (start, end) and DROP PERIOD
// FOR name: the ALTER TABLE clause becomes FORCE; in a CREATE TABLE the
// element goes, with a comma next to it.
func (st *stmt) period(ed *editor, i int) []byte {
	x := st.x
	if st.word(st.from) == "ALTER" {
		return ed.force(i)
	}
	j := i + 3
	if j >= st.to || x.sig[j].Kind != lex.LParen {
		return nil
	}
	j = skipParens(x.sig[:st.to], j)
	switch {
	case x.sig[i-1].Kind == lex.Comma:
		i--
	case j < st.to && x.sig[j].Kind == lex.Comma:
		j++
	}
	return ed.fill(i, j, "")
}

// systemTimeEnd is the end of a FOR SYSTEM_TIME clause whose kind starts
// at i: ALL, AS OF [TIMESTAMP|TRANSACTION] e, BETWEEN e AND e, FROM e TO e.
func (st *stmt) systemTimeEnd(i int) int {
	switch st.word(i) {
	case "ALL":
		return i + 1
	case "AS":
		i += 2
	case "BETWEEN", "FROM":
		i++
		i = st.stopAt(i, words("AND", "TO"))
		if w := st.word(i); w != "AND" && w != "TO" {
			return i
		}
		i++
	default:
		return i
	}
	return st.stopAt(i, tableRefStops)
}

// passwordOption blanks MySQL's PASSWORD HISTORY {n|DEFAULT}, PASSWORD
// REUSE INTERVAL {n DAY|DEFAULT}, PASSWORD REQUIRE CURRENT
// [DEFAULT|OPTIONAL].
func (st *stmt) passwordOption(ed *editor, k int) []byte {
	j := k + 2
	switch st.word(k + 1) {
	case "HISTORY":
		j = k + 3
	case "REUSE":
		if st.word(k+2) != "INTERVAL" {
			return nil
		}
		j = k + 4
		if st.word(k+3) != "DEFAULT" {
			j = k + 5
		}
	case "REQUIRE":
		if st.word(k+2) != "CURRENT" {
			return nil
		}
		j = k + 3
		if w := st.word(j); w == "DEFAULT" || w == "OPTIONAL" {
			j++
		}
	}
	return ed.fill(k, min(j, st.to), "")
}

// tidbReserved are the words the TiDB grammar reserves.
var tidbReserved = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range tidb.Keywords {
		if k.Reserved {
			m[k.Word] = true
		}
	}
	return m
}()

var (
	// identWords are reserved in TiDB and not in MySQL 8.0 (ARRAY is not
	// reserved since 8.0.19) nor MariaDB: plain identifiers for both.
	identWords = words("ARRAY", "ILIKE", "TABLESAMPLE", "TIDB_CURRENT_TSO")
	// mariadbIdentWords are reserved in TiDB (and MySQL 8.0) but plain
	// identifiers to MariaDB: each was used as a column name on MariaDB
	// 10.11 (CREATE TABLE, SELECT).
	mariadbIdentWords = words("CUME_DIST", "DATABASE", "DENSE_RANK", "FIRST_VALUE", "GENERATED", "GROUPS", "LAG",
		"LAST_VALUE", "LATERAL", "LEAD", "NTH_VALUE", "NTILE", "OF", "OPTION", "PERCENT_RANK", "RANK", "ROW", "STORED",
		"UNTIL", "VIRTUAL", "WINDOW")
)

// identWord reports whether token k is a word TiDB reserves that the
// server reads as an identifier.
func (st *stmt) identWord(k int) bool {
	w := st.word(k)
	return st.x.sig[k].Kind == lex.Word && tidbReserved[w] && (identWords[w] || (st.c.mariadb && mariadbIdentWords[w]))
}

// standIn replaces an identifier TiDB reserves (and the server does not)
// by a stand-in of the same length, remembered so that the names in the
// effects can be put back (restoreNames).
func (st *stmt) standIn(ed *editor, k int) []byte {
	t := st.x.sig[k]
	n := t.End - t.Start
	if string(ed.out[t.Start-ed.a:t.End-ed.a]) != string(st.x.src[t.Start:t.End]) {
		return nil // already replaced
	}
	name := "Z" + strconv.Itoa(len(st.names))
	if len(name) > n {
		return nil
	}
	name += strings.Repeat("_", n-len(name))
	if st.names == nil {
		st.names = map[string]string{}
	}
	st.names[strings.ToLower(name)] = lex.Ident(st.x.src, t, lex.MySQL)
	return ed.fill(k, k+1, name)
}

// restoreNames puts the names that stand-ins replaced back into the
// statement's effects.
func (st *stmt) restoreNames() {
	if len(st.names) == 0 {
		return
	}
	fix := func(s *string) {
		if orig, ok := st.names[strings.ToLower(*s)]; ok {
			*s = orig
		}
	}
	obj := func(o *model.Object) {
		fix(&o.Schema)
		fix(&o.Table)
		fix(&o.Name)
	}
	for _, e := range st.Effects {
		obj(&e.Object)
		fix(&e.NewName)
		for i := range e.DependsOn {
			obj(&e.DependsOn[i])
		}
		for i, kv := range e.Keys {
			col, val, ok := strings.Cut(kv, "=")
			if ok {
				fix(&col)
				e.Keys[i] = col + "=" + val
			}
		}
		if e.Row != nil {
			for i := range e.Row.Columns {
				fix(&e.Row.Columns[i])
			}
		}
		if e.Def != nil {
			for i := range e.Def.Columns {
				fix(&e.Def.Columns[i].Name)
			}
			for i := range e.Def.Keys {
				fix(&e.Def.Keys[i].Name)
				for j := range e.Def.Keys[i].Columns {
					fix(&e.Def.Keys[i].Columns[j])
				}
			}
		}
	}
}
