package mysql

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// txControl reads transaction statements by their words: TiDB rejects
// some valid forms (BEGIN WORK).
func (c *conv) txControl(st *stmt) bool {
	n := st.to - st.from
	switch st.word(st.from) {
	case "BEGIN":
		if n == 1 || (n == 2 && st.word(st.from+1) == "WORK") {
			st.Kind, st.Tx = model.KindTx, model.TxBegin
			return true
		}
	case "START":
		if st.word(st.from+1) == "TRANSACTION" {
			st.Kind, st.Tx = model.KindTx, model.TxBegin
			return true
		}
	case "COMMIT":
		st.Kind, st.Tx = model.KindTx, model.TxCommit
		return true
	case "ROLLBACK":
		st.Kind, st.Tx = model.KindTx, model.TxRollback
		if st.find(st.from, st.to, "TO") >= 0 {
			st.Tx = model.TxSavepoint
		}
		return true
	case "SAVEPOINT":
		st.Kind, st.Tx = model.KindTx, model.TxSavepoint
		return true
	case "RELEASE":
		if st.word(st.from+1) == "SAVEPOINT" {
			st.Kind, st.Tx = model.KindTx, model.TxSavepoint
			return true
		}
	}
	return false
}

// blanked returns the statement's body text with tokens [i, j) replaced
// by spaces, so that offsets stay put.
func (st *stmt) blanked(i, j int) []byte {
	a, b := st.body()
	out := append([]byte(nil), st.x.src[a:b]...)
	if i >= j {
		return out
	}
	for k := st.x.sig[i].Start - a; k < st.x.sig[j-1].End-a; k++ {
		if out[k] != '\n' {
			out[k] = ' '
		}
	}
	return out
}

// fallback handles valid MySQL/MariaDB the TiDB grammar lacks. It
// reports whether it understood the statement.
func (c *conv) fallback(st *stmt) bool {
	if c.executeImmediate(st) {
		return true
	}
	if c.prefixed(st) {
		return true
	}
	if kind, ok := c.byWords(st); ok {
		// Valid, but beyond the grammar: kept with its kind, not a syntax
		// error, and said under --verbose.
		st.Kind = kind
		a, _ := st.body()
		c.s.Note(st.x.file(a), st.Tag+" read by its leading words only (valid MySQL/MariaDB the parser lacks): not linted")
		return true
	}
	switch st.word(st.from) {
	case "DROP":
		return c.dropRoutine(st)
	case "CREATE":
		if st.wordsAt(st.from+1, "OR", "REPLACE") {
			return c.orReplace(st)
		}
	}
	return false
}

// selectInto handles SELECT ... INTO @v / local variables, which TiDB
// does not parse: the INTO clause is cut out and remembered.
func (c *conv) selectInto(st *stmt) bool {
	depth := 0
	for i := st.from; i < st.to; i++ {
		switch st.x.sig[i].Kind {
		case lex.LParen:
			depth++
			continue
		case lex.RParen:
			depth--
			continue
		}
		if depth != 0 || st.word(i) != "INTO" {
			continue
		}
		if w := st.word(i + 1); w == "OUTFILE" || w == "DUMPFILE" {
			return false
		}
		var names []string
		j := i + 1
		for j < st.to {
			t := st.x.sig[j]
			switch t.Kind {
			case lex.Variable, lex.Word, lex.QuotedIdent:
				names = append(names, lowerName(lex.Ident(st.x.src, t, lex.MySQL)))
			default:
				j = st.to + 1
				continue
			}
			j++
			if j < st.to && st.x.sig[j].Kind == lex.Comma {
				j++
				continue
			}
			break
		}
		if len(names) == 0 || j > st.to {
			return false
		}
		node, err := c.parseOne(st, st.blanked(i, j))
		if err != nil {
			if node, err = c.workaround(st, err); err != nil {
				c.syntaxError(st, err, st.x.src)
				return true
			}
		}
		sel, ok := node.(*ast.SelectStmt)
		if !ok {
			return false
		}
		c.selectStmt(st, sel, names)
		return true
	}
	return false
}

// dropRoutine handles DROP FUNCTION / TRIGGER / EVENT / PROCEDURE
// [IF EXISTS] name.
func (c *conv) dropRoutine(st *stmt) bool {
	var kind model.ObjectKind
	kw := st.word(st.from + 1)
	switch kw {
	case "FUNCTION":
		kind = model.KindFunction
	case "TRIGGER":
		kind = model.KindTrigger
	case "EVENT":
		kind = model.KindEvent
	case "PROCEDURE":
		kind = model.KindProcedure
	default:
		return false
	}
	i := st.from + 2
	ifExists := st.wordsAt(i, "IF", "EXISTS")
	if ifExists {
		i += 2
	}
	end := nameEnd(st.x.sig[:st.to], i)
	if i >= st.to || end != st.to {
		return false
	}
	for k := i; k < end; k += 2 {
		if t := st.x.sig[k].Kind; t != lex.Word && t != lex.QuotedIdent {
			return false
		}
	}
	obj := model.Object{Kind: kind, Name: lex.Ident(st.x.src, st.x.sig[end-1], lex.MySQL)}
	if end-i == 3 {
		obj.Schema = lex.Ident(st.x.src, st.x.sig[i], lex.MySQL)
	}
	st.Kind = model.KindDDL
	st.drop([]model.Object{obj}, ifExists, false, true, kw)
	return true
}

// orReplace handles MariaDB's CREATE OR REPLACE TABLE / DATABASE / USER
// ...: parsed without the two words, then recorded as the guard.
func (c *conv) orReplace(st *stmt) bool {
	or := st.from + 1
	node, err := c.parseOne(st, st.blanked(or, or+2))
	if err != nil || node == nil {
		return false
	}
	c.convert(st, node)
	for _, e := range st.Effects {
		if e.Action == model.ActCreate {
			e.Guard = model.GuardOrReplace
			e.GuardSpan = st.tokSpan(or, or+2)
			e.Fixes = nil
		}
	}
	return true
}

// workaround retries a rejected statement with the valid MySQL the TiDB
// grammar lacks rewritten in place (same offsets): JSON_VALUE(... RETURNING
// type) loses its RETURNING clause, and a LIMIT given by a routine's
// variable gets a number. The error returned is the last one.
func (c *conv) workaround(st *stmt, err error) (ast.StmtNode, error) {
	scanned := false
	for tries := 0; tries < 16; tries++ {
		var pe *parseError
		if !errors.As(err, &pe) {
			return nil, err
		}
		body := st.renameCharset(pe.text, pe.err.Error())
		if body == nil {
			body = st.rewrite(pe.text, pe.pos())
		}
		if body == nil && !scanned {
			body, scanned = st.scanRewrite(pe.text), true
		}
		if body == nil {
			return nil, err
		}
		var node ast.StmtNode
		if node, err = c.parseOne(st, body); err == nil {
			return node, nil
		}
	}
	return nil, err
}

// rewrite returns body (the statement's text) with the construct at
// text offset at replaced by something TiDB reads with the same meaning
// for the linter, or nil. Each case is valid MySQL or MariaDB:
//   - JSON_VALUE(doc, path RETURNING type): the RETURNING clause goes;
//   - LIMIT v in a routine: a number;
//   - MariaDB IF [NOT] EXISTS where TiDB lacks it (DROP CONSTRAINT IF
//     EXISTS, ALTER TABLE IF EXISTS, ADD CONSTRAINT IF NOT EXISTS ...): the
//     words go, the guard is read from the tokens;
//   - PERSISTENT generated columns (MariaDB): STORED;
//   - SRID n (MySQL 8): goes;
//   - ADD SPATIAL INDEX: SPATIAL goes;
//   - INSERT ... VALUES (...) AS new[(cols)] ON DUPLICATE KEY: the alias goes;
//   - SET PERSIST[_ONLY]: GLOBAL;
//   - JSON_TABLE(...): a table name;
//   - spatial types and MariaDB INET4/INET6/UUID: BLOB; MariaDB INVISIBLE
//     and COMPRESSED columns, SYSTEM VERSIONING, unknown table options: go;
//   - and the cases of rewriteMore.
func (st *stmt) rewrite(body []byte, at int) []byte {
	x := st.x
	k := x.tokAt(at)
	if k >= st.to || k < st.from || x.sig[k].Start != at {
		return nil
	}
	ed := st.editor(body)
	fill := ed.fill
	w := st.word(k)
	switch {
	case w == "RETURNING" && st.insideParens(k):
		depth := 0
		for p := k - 1; p >= st.from; p-- {
			switch x.sig[p].Kind {
			case lex.RParen:
				depth++
			case lex.LParen:
				if depth > 0 {
					depth--
					continue
				}
				if st.word(p-1) != "JSON_VALUE" {
					return nil
				}
				end := skipParens(x.sig[:st.to], p) - 1
				if end <= k {
					return nil
				}
				return fill(k, end, "")
			}
		}
	case k > st.from && x.sig[k].Kind == lex.Word && (st.word(k-1) == "LIMIT" || st.word(k-1) == "OFFSET" ||
		(x.sig[k-1].Kind == lex.Comma && st.word(k-3) == "LIMIT")):
		return fill(k, k+1, "1")
	case w == "IF" && st.wordsAt(k+1, "NOT", "EXISTS") && st.ifExistsAllowed(k, true):
		return fill(k, k+3, "")
	case w == "IF" && st.wordsAt(k+1, "EXISTS") && st.ifExistsAllowed(k, false):
		return fill(k, k+2, "")
	case w == "PERSISTENT" && x.sig[k-1].Kind == lex.RParen:
		return fill(k, k+1, "STORED")
	case w == "SRID" && k+1 < st.to && x.sig[k+1].Kind == lex.Number:
		return fill(k, k+2, "")
	case w == "SPATIAL":
		return fill(k, k+1, "")
	case w == "AS" && st.word(st.from) == "INSERT" && st.find(k, st.to, "ON", "DUPLICATE") > k:
		j := k + 2
		if j < st.to && x.sig[j].Kind == lex.LParen {
			j = skipParens(x.sig[:st.to], j)
		}
		return fill(k, j, "")
	case (st.word(k-1) == "PERSIST" || st.word(k-1) == "PERSIST_ONLY") && st.word(k-2) == "SET":
		return fill(k-1, k, "GLOBAL")
	case spatialTypes[w] && k > st.from && st.castAt(k) < 0:
		return fill(k, k+1, "BLOB")
	case (w == "INVISIBLE" || w == "COMPRESSED") && k > st.from:
		// MariaDB column attributes.
		return fill(k, k+1, "")
	case w == "VERSIONING" && st.word(k-1) == "SYSTEM":
		// MariaDB system-versioned tables: [WITH|WITHOUT] SYSTEM
		// VERSIONING on tables and columns, ADD|DROP SYSTEM VERSIONING.
		switch st.word(k - 2) {
		case "WITH", "WITHOUT":
			return fill(k-2, k+1, "")
		case "ADD", "DROP":
			return fill(k-2, k+1, "FORCE")
		}
	case k > st.from && k+2 < st.to && x.sig[k].Kind == lex.Word && isOp(x.src, x.sig[k+1], "=") &&
		st.word(st.from+1) == "TABLE" && (st.word(st.from) == "CREATE" || st.word(st.from) == "ALTER"):
		// A table option TiDB does not know (MariaDB ENCRYPTED=YES ...).
		return fill(k, k+3, "")
	case w == "JSON_TABLE" || st.word(k-1) == "JSON_TABLE":
		if w != "JSON_TABLE" {
			k--
		}
		if k+1 < st.to && x.sig[k+1].Kind == lex.LParen {
			return fill(k, skipParens(x.sig[:st.to], k+1), "t")
		}
	}
	return st.rewriteMore(ed, k)
}

// spatialTypes are column types TiDB lacks (spatial types, and MariaDB's
// INET4, INET6 and UUID): read as BLOB.
var spatialTypes = map[string]bool{"GEOMETRY": true, "POINT": true, "LINESTRING": true, "POLYGON": true,
	"MULTIPOINT": true, "MULTILINESTRING": true, "MULTIPOLYGON": true, "GEOMETRYCOLLECTION": true, "GEOMCOLLECTION": true,
	"INET4": true, "INET6": true, "UUID": true}

// byWords recognises valid statements the TiDB grammar lacks and that
// change nothing a rule looks at, by their leading words: they are kept
// with their kind, unchecked.
func (c *conv) byWords(st *stmt) (model.StmtKind, bool) {
	w0, w1 := st.word(st.from), st.word(st.from+1)
	if w0 == "CREATE" && st.wordsAt(st.from+1, "OR", "REPLACE") {
		w1 = st.word(st.from + 3) // MariaDB CREATE OR REPLACE SERVER
	}
	switch w0 {
	case "CREATE", "ALTER", "DROP":
		switch w1 {
		case "TABLESPACE", "SERVER", "LOGFILE", "SPATIAL", "UNDO":
			if w1 != "SPATIAL" || st.word(st.from+2) == "REFERENCE" {
				return model.KindDDL, true
			}
		case "RESOURCE":
			// MySQL resource groups.
			return model.KindOther, st.word(st.from+2) == "GROUP"
		case "INSTANCE":
			return model.KindOther, w0 == "ALTER"
		case "EVENT", "PROCEDURE", "FUNCTION":
			// ALTER of a routine's characteristics or an event's schedule.
			return model.KindDDL, w0 == "ALTER"
		}
		if w0 == "ALTER" && st.Tag == "ALTER VIEW" {
			// ALTER [ALGORITHM=...] [DEFINER=...] [SQL SECURITY ...] VIEW v AS
			// ...: TiDB reads CREATE VIEW only.
			return model.KindDDL, c.alterView(st)
		}
	case "HANDLER", "XA", "INSTALL", "UNINSTALL", "CACHE", "PURGE", "RESET", "CHECKSUM", "CLONE", "HELP",
		"SIGNAL", "RESIGNAL":
		return model.KindOther, true
	case "SHUTDOWN", "RESTART":
		return model.KindOther, st.to == st.from+1
	case "LOAD":
		return model.KindOther, w1 == "INDEX"
	case "CHECK", "REPAIR", "ANALYZE":
		// Table maintenance in the forms TiDB lacks (CHECK TABLE t FOR
		// UPGRADE, MariaDB's ANALYZE TABLE t PERSISTENT FOR ALL ...).
		switch w1 {
		case "TABLE", "TABLES", "VIEW", "NO_WRITE_TO_BINLOG", "LOCAL":
			return model.KindOther, w0 != "ANALYZE" || w1 != "VIEW"
		}
	case "LOCK":
		// MariaDB LOCK TABLES ... WRITE CONCURRENT, MySQL LOCK INSTANCE FOR
		// BACKUP.
		return model.KindOther, w1 == "TABLE" || w1 == "TABLES" || (w1 == "INSTANCE" && st.wordsAt(st.from+2, "FOR", "BACKUP"))
	case "UNLOCK":
		return model.KindOther, w1 == "INSTANCE" && st.to == st.from+2
	case "BACKUP":
		// MariaDB BACKUP STAGE / BACKUP LOCK t / BACKUP UNLOCK.
		return model.KindOther, w1 == "STAGE" || w1 == "LOCK" || w1 == "UNLOCK"
	case "GET":
		return model.KindOther, w1 == "DIAGNOSTICS" || ((w1 == "CURRENT" || w1 == "STACKED") && st.word(st.from+2) == "DIAGNOSTICS")
	case "CHANGE":
		return model.KindOther, w1 == "MASTER" || w1 == "REPLICATION"
	case "START", "STOP":
		switch w1 {
		case "SLAVE", "REPLICA", "ALL", "GROUP_REPLICATION":
			return model.KindOther, true
		}
	case "IMPORT":
		return model.KindDDL, w1 == "TABLE"
	case "SET":
		// SET ROLE, SET DEFAULT ROLE ... [FOR|TO] ..., SET PASSWORD, SET
		// RESOURCE GROUP in the forms TiDB lacks: account settings.
		return model.KindOther, w1 == "ROLE" || (w1 == "DEFAULT" && st.word(st.from+2) == "ROLE") || w1 == "PASSWORD" ||
			(w1 == "RESOURCE" && st.word(st.from+2) == "GROUP")
	case "DELETE":
		// MariaDB DELETE HISTORY FROM t [BEFORE SYSTEM_TIME ...] removes
		// past row versions of a system-versioned table, no current rows.
		return model.KindDML, w1 == "HISTORY" && st.word(st.from+2) == "FROM"
	}
	return model.KindOther, false
}

// prefixed reads the statement a MariaDB prefix runs: SET STATEMENT var =
// value [, ...] FOR stmt (stmt runs with the variables set), and ANALYZE
// [FORMAT=JSON] stmt (which runs stmt and reports on it). The statement
// keeps its span; its effects are those of stmt.
func (c *conv) prefixed(st *stmt) bool {
	var i int
	switch {
	case st.wordsAt(st.from, "SET", "STATEMENT"):
		i = st.findTop(st.from+2, st.to, "FOR")
		if i < 0 {
			return false
		}
		i++
	case st.word(st.from) == "ANALYZE":
		i = st.from + 1
		if st.word(i) == "FORMAT" && i+2 < st.to && isOp(st.x.src, st.x.sig[i+1], "=") {
			i += 3
		}
		switch st.word(i) {
		case "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH":
		default:
			return false
		}
	default:
		return false
	}
	if i >= st.to {
		return false
	}
	inner := *st
	inner.from = i
	st.Tag = tag(st.x.src, st.x.sig[i:st.to])
	c.read(&inner)
	return true
}

// alterView checks ALTER VIEW by parsing it as CREATE VIEW.
func (c *conv) alterView(st *stmt) bool {
	_, b := st.body()
	_, err := parseSQL(c.p, "CREATE"+string(st.x.src[st.x.sig[st.from].End:b]))
	return err == nil
}

// charsetError matches TiDB's rejections of character sets and collations
// MySQL has and TiDB does not (utf16, cp1251, utf8mb4_uca1400_ai_ci ...).
var charsetError = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(Unknown character set|Unknown collation|Unsupported character introducer): '([^']+)'`)
})

// renameCharset replaces, in body, the first mention of a character set or
// collation TiDB does not know with one it does, no longer than the name
// (padded with spaces): the linter needs the statement's shape, not its
// encoding.
func (st *stmt) renameCharset(body []byte, msg string) []byte {
	m := charsetError().FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	name := m[2]
	var with string
	switch m[1] {
	case "Unknown collation":
		cs, _, _ := strings.Cut(strings.ToLower(name), "_")
		switch cs {
		case "utf8mb4":
			with = "utf8mb4_bin"
		case "utf8", "utf8mb3":
			with = "utf8_bin"
		case "latin1":
			with = "latin1_bin"
		default:
			with = "binary"
		}
	case "Unsupported character introducer":
		name, with = "_"+name, "_utf8"
	default:
		for _, w := range []string{"binary", "utf8", "gbk"} {
			if with = w; len(w) <= len(name) {
				break
			}
		}
	}
	if len(with) > len(name) {
		return nil
	}
	a, _ := st.body()
	for i := st.from; i < st.to; i++ {
		t := st.x.sig[i]
		// Match the text as rewritten so far: earlier mentions are gone.
		if (t.Kind == lex.Word || t.Kind == lex.String || t.Kind == lex.QuotedIdent) &&
			strings.EqualFold(strings.Trim(string(body[t.Start-a:t.End-a]), "'\"`"), name) {
			out := append([]byte(nil), body...)
			for p := t.Start - a; p < t.End-a; p++ {
				out[p] = ' '
			}
			copy(out[t.Start-a:], with)
			return out
		}
	}
	return nil
}
