package rewrite

import (
	"github.com/idemlint/idemlint/parser/model"
)

// mysql runs the statement through PREPARE only when information_schema
// says the work is not done yet, for what the target server has no IF
// [NOT] EXISTS.
func mysql(f *frame) (Fix, bool) {
	e := f.e
	if f.s.Framework == model.Goose && (f.gooseBlock || !sectionInTx(f.st)) {
		// Outside goose's transaction the statements may reach different
		// connections, and a block sends them as one multi-statement
		// query that needs multiStatements on the DSN.
		return Fix{}, false
	}
	var count string
	switch {
	case e.Action == model.ActAdd && e.Object.Kind == model.KindColumn:
		count = f.kw("SELECT COUNT(*) FROM") + " information_schema.columns " + f.kw("WHERE") + " table_schema = " + myTableSchema(e.Object.Schema) +
			" " + f.kw("AND") + " table_name = " + mustLit(e.Object.Table) + " " + f.kw("AND") + " column_name = " + mustLit(e.Object.Name)
	default:
		return Fix{}, false
	}
	return f.prepared(count, true)
}

func sectionInTx(st *model.Statement) bool { return st.Section != nil && st.Section.InTransaction }

// myTableSchema is the schema a name is looked up in.
func myTableSchema(schema string) string {
	if schema == "" {
		return "DATABASE()"
	}
	return mustLit(schema)
}

// mustLit quotes a name for a comparison in information_schema; names
// never hold a backslash the lexer did not already read.
func mustLit(s string) string {
	l, ok := myLit(s)
	if !ok {
		return "'" + s + "'"
	}
	return l
}

// prepared writes
//
//	SET @idemlint_sql = (SELECT IF((count) = 0, 'statement', 'DO 0'));
//	PREPARE idemlint_stmt FROM @idemlint_sql;
//	EXECUTE idemlint_stmt;
//	DEALLOCATE PREPARE idemlint_stmt;
//
// runWhenZero says whether the statement runs when count is 0 (ADD,
// CREATE) or when it is not (DROP, RENAME).
func (f *frame) prepared(count string, runWhenZero bool) (Fix, bool) {
	stmt, ok := myLit(f.body)
	if !ok {
		return Fix{}, false
	}
	op := " = 0"
	if !runWhenZero {
		op = " > 0"
	}
	d := f.delim
	text := f.lines(
		f.kw("SET")+" @idemlint_sql = ("+f.kw("SELECT IF")+"(("+count+")"+op+", "+stmt+", 'DO 0'))"+d,
		f.kw("PREPARE")+" idemlint_stmt "+f.kw("FROM")+" @idemlint_sql"+d,
		f.kw("EXECUTE")+" idemlint_stmt"+d,
		f.kw("DEALLOCATE PREPARE")+" idemlint_stmt"+d,
	)
	return Fix{Message: "run it through PREPARE only when information_schema says it is needed", Edits: f.replace(text)}, true
}
