package rewrite

import (
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// mysql writes the guarded form of a MySQL or MariaDB statement: an
// insert that skips the row it already wrote (my_insert.go), a routine
// dropped with IF EXISTS before it is created (my_routine.go), MariaDB's
// IF [NOT] EXISTS words (my_keyword.go), and for the rest the
// information_schema + PREPARE idiom below.
func mysql(f *frame) (Fix, bool) {
	e := f.e
	switch {
	case e.Action == model.ActInsert:
		return f.myInsert()
	case e.Action == model.ActCreate && myRoutine(e.Object.Kind):
		return f.myDropFirst()
	}
	needs, ok := f.myNeeds()
	if !ok || len(needs) == 0 {
		return Fix{}, false
	}
	if f.s.Dialect == model.MariaDB {
		if fx, ok := f.myKeywords(needs); ok {
			return fx, true
		}
	}
	if !f.mySessionSafe() {
		return Fix{}, false
	}
	conds := make([]string, len(needs))
	for i, n := range needs {
		conds[i] = n.cond
	}
	var cuts []model.Span
	for _, n := range needs {
		if n.strip.End > n.strip.Start {
			cuts = append(cuts, n.strip)
		}
	}
	return f.prepared(conds, cuts)
}

// mySessionSafe reports whether statements added around this one reach the
// server on the same connection, one at a time, as the PREPARE idiom
// needs (it keeps the SQL in a user variable and the prepared statement
// in the session).
func (f *frame) mySessionSafe() bool {
	switch f.s.Framework {
	case model.Goose:
		// Outside goose's transaction each statement is sent on whichever
		// pooled connection is free, so EXECUTE may not find what PREPARE
		// made; a StatementBegin block is sent as one multi-statement query,
		// which go-sql-driver/mysql refuses unless the DSN sets
		// multiStatements=true, which goose does not require.
		return !f.gooseBlock && sectionInTx(f.st)
	case model.GolangMigrate:
		// golang-migrate sends the whole file as one query: several
		// statements need multiStatements=true on the DSN. A file that
		// already holds several has it; a file of one statement may not.
		return len(f.s.Statements) > 1
	}
	return true
}

func sectionInTx(st *model.Statement) bool { return st.Section != nil && st.Section.InTransaction }

// myNeed is one effect of the statement the guard must cover: the
// condition (a comparison of an information_schema count) under which it
// still has to run, and the MariaDB-only guard words to leave out of the
// statement on MySQL.
type myNeed struct {
	e     *model.Effect
	cond  string
	strip model.Span
}

// myNeeds lists the effects of the statement that are not safe to run
// twice, or that carry IF [NOT] EXISTS words the MySQL target rejects,
// each with its condition; false when one of them has no condition the
// linter can write, or when they depend on each other (a rename to a name
// another clause uses), so that one condition per effect, all checked
// before the statement runs, would not say what the statement needs.
func (f *frame) myNeeds() ([]myNeed, bool) {
	var out []myNeed
	d := f.s.Dialect
	effects := f.st.Effects
	for i, e := range effects {
		for _, o := range effects[i+1:] {
			if myRelated(e, o, d) {
				return nil, false
			}
		}
		unsupported := d == model.MySQL && mysqlRejects(e)
		if e.Safe() && !unsupported {
			continue
		}
		if e.Object.Unknown || e.Unnamed || e.Object.Name == "" || e.Temporary {
			return nil, false
		}
		cond, ok := f.myCond(e)
		if !ok {
			return nil, false
		}
		n := myNeed{e: e, cond: cond}
		if unsupported {
			n.strip = e.GuardSpan
			if n.strip.End <= n.strip.Start || !f.st.Span.Contains(n.strip) {
				return nil, false
			}
		}
		out = append(out, n)
	}
	return out, true
}

// myRelated reports whether two effects of one statement touch the same
// name: the same object, or one renamed to the other's name.
func myRelated(a, b *model.Effect, d model.Dialect) bool {
	if a.Object.Same(b.Object, d) {
		return true
	}
	for _, p := range [][2]*model.Effect{{a, b}, {b, a}} {
		if p[0].Action == model.ActRename && p[0].NewName != "" {
			to := p[0].Object
			to.Name = p[0].NewName
			if to.Same(p[1].Object, d) {
				return true
			}
			if p[0].Object.Kind == model.KindTable && strings.EqualFold(p[1].Object.Table, p[0].NewName) {
				return true
			}
		}
	}
	return false
}

// mysqlRejects reports whether an effect's guard words are MariaDB's
// alone: MySQL has no IF [NOT] EXISTS on columns, indexes and constraints,
// nor ALTER TABLE IF EXISTS or RENAME TABLE IF EXISTS (MySQL 8.4 manual,
// ALTER TABLE and RENAME TABLE statements).
func mysqlRejects(e *model.Effect) bool {
	if e.Guard != model.GuardIfNotExists && e.Guard != model.GuardIfExists {
		return false
	}
	switch e.Object.Kind {
	case model.KindColumn, model.KindIndex, model.KindConstraint:
		return true
	case model.KindTable:
		return e.Action == model.ActRename
	}
	return false
}

// myCond is the information_schema test under which e still has to run:
// the object is missing before an ADD or CREATE, present before a DROP or
// a rename. It names the object by table and name in the schema the
// statement writes, or DATABASE(), which an unqualified name is in.
func (f *frame) myCond(e *model.Effect) (string, bool) {
	o := e.Object
	var cmp string
	switch e.Action {
	case model.ActAdd, model.ActCreate:
		cmp = " = 0"
	case model.ActDrop, model.ActRename:
		cmp = " > 0"
	default:
		return "", false
	}
	schema := f.kw("DATABASE()")
	if o.Schema != "" {
		l, ok := myLit(o.Schema)
		if !ok {
			return "", false
		}
		schema = l
	}
	name, ok := myLit(o.Name)
	if !ok {
		return "", false
	}
	table, ok := myLit(o.Table)
	if !ok {
		return "", false
	}
	var rel, nameCol, extra string
	switch o.Kind {
	case model.KindColumn:
		rel, nameCol = "columns", "column_name"
	case model.KindIndex:
		rel, nameCol = "statistics", "index_name"
	case model.KindConstraint:
		rel, nameCol = "table_constraints", "constraint_name"
		if e.Action == model.ActDrop {
			// DROP FOREIGN KEY and DROP CHECK name one type of constraint;
			// an index of the same name (MySQL gives a foreign key's index
			// its name) stays when the key is dropped.
			switch f.myClauseWords(e.Span, 2) {
			case "DROP FOREIGN":
				extra = " " + f.kw("AND") + " constraint_type = 'FOREIGN KEY'"
			case "DROP CHECK":
				if f.s.Dialect == model.MariaDB {
					return "", false // MySQL's syntax: MariaDB drops a CHECK with DROP CONSTRAINT
				}
				extra = " " + f.kw("AND") + " constraint_type = 'CHECK'"
			}
		}
	case model.KindTable:
		if e.Action != model.ActRename {
			return "", false
		}
		count := func(name, cmp string) string {
			return "(" + f.kw("SELECT COUNT(*) FROM") + " information_schema.tables" + f.eol + f.indent + "    " +
				f.kw("WHERE") + " table_schema = " + schema + " " + f.kw("AND") + " table_name = " + name + ")" + cmp
		}
		c := count(name, cmp)
		if f.madeAgain(e) {
			to, ok := myLit(e.NewName)
			if !ok || e.NewName == "" {
				return "", false
			}
			c += f.eol + f.indent + "  " + f.kw("AND") + " " + count(to, " = 0")
		}
		return c, true
	default:
		return "", false
	}
	if o.Table == "" {
		return "", false
	}
	count := func(name, cmp string) string {
		return "(" + f.kw("SELECT COUNT(*) FROM") + " information_schema." + rel + f.eol + f.indent + "    " +
			f.kw("WHERE") + " table_schema = " + schema + " " + f.kw("AND") + " table_name = " + table +
			" " + f.kw("AND") + " " + nameCol + " = " + name + extra + ")" + cmp
	}
	c := count(name, cmp)
	if e.Action == model.ActRename && f.madeAgain(e) {
		// The section makes the old name again, so it exists on a second
		// run too: the new name, taken by then, tells.
		to, ok := myLit(e.NewName)
		if !ok || e.NewName == "" {
			return "", false
		}
		c += f.eol + f.indent + "  " + f.kw("AND") + " " + count(to, " = 0")
	}
	return c, true
}

// madeAgain reports whether another statement of the section creates
// the object a rename takes away, or renames something to its name: a
// second run runs it again, before or after the rename.
func (f *frame) madeAgain(e *model.Effect) bool {
	d := f.s.Dialect
	for _, c := range f.r.nameIndex().named(e.Object.Name, d, true) {
		st, x := c.st, c.x
		if st == f.st || st.Parent != nil || st.Section != f.st.Section {
			continue
		}
		switch x.Action {
		case model.ActCreate, model.ActAdd:
			if x.Object.Same(e.Object, d) {
				return true
			}
		case model.ActRename:
			to := x.Object
			to.Name = x.NewName
			if to.Same(e.Object, d) {
				return true
			}
		}
	}
	return false
}

// myClauseWords is the first n words of the text at sp, upper case,
// separated by one space.
func (f *frame) myClauseWords(sp model.Span, n int) string {
	src := f.s.Source[sp.Start:sp.End]
	var myWords []string
	for _, t := range lex.SignificantTokens(src, lex.MySQL) {
		if len(myWords) == n {
			break
		}
		if t.Kind != lex.Word {
			break
		}
		myWords = append(myWords, strings.ToUpper(t.Text(src)))
	}
	return strings.Join(myWords, " ")
}

// myLitText writes the statement's text, without the spans in cuts (and
// the blanks after each), as a MySQL string literal.
func (f *frame) myLitText(cuts []model.Span) (string, bool) {
	start := f.st.Span.Start
	body := []byte(f.body)
	var b strings.Builder
	at := 0
	cuts = mySortSpans(cuts)
	for i, c := range cuts {
		if i > 0 && c == cuts[i-1] {
			continue // one IF NOT EXISTS before a list of columns
		}
		from, to := c.Start-start, c.End-start
		if from < at || to > len(body) {
			return "", false
		}
		b.Write(body[at:from])
		for to < len(body) && (body[to] == ' ' || body[to] == '\t') {
			to++
		}
		at = to
	}
	b.Write(body[at:])
	return myLit(b.String())
}

func mySortSpans(s []model.Span) []model.Span {
	out := append([]model.Span(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// prepared writes
//
//	SET @idemlint_sql = IF(
//	  (SELECT COUNT(*) FROM information_schema.columns
//	        WHERE ...) = 0
//	  AND ...,
//	  'statement',
//	  'DO 0');
//	PREPARE idemlint_stmt FROM @idemlint_sql;
//	EXECUTE idemlint_stmt;
//	DEALLOCATE PREPARE idemlint_stmt;
//
// in place of the statement, each line ended by the delimiter in force.
// The branch that does nothing is DO 0: DO is on the list of statements
// MySQL (5.7 to 8.4) and MariaDB can prepare, and unlike SELECT 1 it
// sends no result set back to a client that does not expect one.
func (f *frame) prepared(conds []string, cuts []model.Span) (Fix, bool) {
	stmt, ok := f.myLitText(cuts)
	if !ok {
		return Fix{}, false
	}
	d := f.delim
	lines := []string{f.kw("SET") + " @idemlint_sql = " + f.kw("IF") + "("}
	for i, c := range conds {
		if i > 0 {
			c = f.kw("AND") + " " + c
		}
		lines = append(lines, "  "+c)
	}
	lines[len(lines)-1] += ","
	lines = append(lines,
		"  "+stmt+",",
		"  "+f.kw("'DO 0'")+")"+d,
		f.kw("PREPARE")+" idemlint_stmt "+f.kw("FROM")+" @idemlint_sql"+d,
		f.kw("EXECUTE")+" idemlint_stmt"+d,
		f.kw("DEALLOCATE PREPARE")+" idemlint_stmt"+d,
	)
	return Fix{Message: "run it through PREPARE only when information_schema says it is needed", Edits: f.replace(f.lines(lines...))}, true
}
