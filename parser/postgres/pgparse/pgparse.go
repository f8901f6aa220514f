// Package pgparse parses PostgreSQL with libpg_query into the same Go
// tree pg_query_go's Parse returns, but through libpg_query's JSON output
// and a decoder generated for the tree's types.
//
// pg_query_go's Parse has libpg_query pack the tree with protobuf-c and Go
// unpack it by reflection. On real migrations that packing alone costs
// three times the JSON output, as protobuf-c recomputes the size of every
// node once per enclosing node; the JSON is written in one pass and the
// generated decoder reads it without reflection. The result is the same
// tree: a statement whose JSON form loses something (see decode) is
// parsed again alone through pg_query_go.
//
// The package also walks the tree without reflection (Walk) and reads
// libpg_query's JSON form of a PL/pgSQL function (DecodePlPgSQL).
package pgparse

//go:generate go run ./internal/gen -o nodes_gen.go

import (
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/idemlint/idemlint/parser/lex"
)

// Parse returns the parse tree of sql, or libpg_query's error, exactly as
// pg_query_go's Parse does.
func Parse(sql string) (*pg.ParseResult, error) {
	if !utf8.ValidString(sql) {
		// protobuf refuses a tree whose strings are not UTF-8: keep that.
		return pg.Parse(sql)
	}
	js, err := parser.ParseToJSON(sql)
	if err != nil {
		return nil, err
	}
	if tree, ok := decode(js, sql); ok {
		return tree, nil
	}
	return pg.Parse(sql)
}

// Walk visits n and every Node under it, depth first in the order the
// tree's fields are declared, until fn returns false. Nodes are reached
// through every message (a RangeVar's alias, a SELECT's INTO clause), and
// without reflection.
func Walk(n *pg.Node, fn func(*pg.Node) bool) { walkNode(n, fn) }

// decode reads libpg_query's JSON form of the parse result of sql. The
// statements whose JSON may not say what the protobuf form says are
// parsed again alone through pg_query_go, their locations moved to where
// they are in sql. It fails where that does not give one statement.
func decode(js, sql string) (*pg.ParseResult, bool) {
	d := &decoder{s: js, sql: sql}
	tree := d.mParseResult()
	d.ws()
	if d.err || d.i != len(d.s) {
		return nil, false
	}
	for _, raw := range d.redo {
		alone, err := pg.Parse(stmtText(sql, raw))
		if err != nil || len(alone.Stmts) != 1 {
			return nil, false
		}
		raw.Stmt = alone.Stmts[0].Stmt
		shift(raw.Stmt.ProtoReflect(), max(0, raw.StmtLocation))
	}
	return tree, true
}

// shift adds off to every known location (not -1) in m. It reads every
// location field, set or not: a statement's first node is at 0, which
// protobuf leaves unset.
func shift(m protoreflect.Message, off int32) {
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		switch {
		case fd.Kind() == protoreflect.MessageKind && fd.IsList():
			l := m.Get(fd).List()
			for j := 0; j < l.Len(); j++ {
				shift(l.Get(j).Message(), off)
			}
		case fd.Kind() == protoreflect.MessageKind:
			if m.Has(fd) {
				shift(m.Get(fd).Message(), off)
			}
		case fd.Name() == "location" && fd.Kind() == protoreflect.Int32Kind && fd.ContainingOneof() == nil:
			if loc := m.Get(fd).Int(); loc >= 0 {
				m.Set(fd, protoreflect.ValueOfInt32(int32(loc)+off))
			}
		}
	}
}

// mayNegate reports whether sql has a minus sign the grammar could fold
// into a negative integer constant (-1, - 1, -(1), INCREMENT BY -1): a
// '-' outside strings and comments that is not the start of -> or ->>.
func mayNegate(sql string) bool {
	src := []byte(sql)
	lx := lex.New(src, lex.Postgres)
	for t := lx.Next(); t.Kind != lex.EOF; t = lx.Next() {
		if t.Kind == lex.Op && src[t.Start] == '-' && (t.End >= len(src) || src[t.End] != '>') {
			return true
		}
	}
	return false
}

// zeroSubscript reports whether sql has a [0], which the JSON writes as it
// writes [].
func zeroSubscript(sql string) bool {
	src := []byte(sql)
	lx := lex.New(src, lex.Postgres)
	open := false
	for t := lx.Next(); t.Kind != lex.EOF; t = lx.Next() {
		switch {
		case t.Kind == lex.Comment:
			continue
		case open && t.Kind == lex.Number && strings.Trim(sql[t.Start:t.End], "0") == "":
			return true
		}
		open = t.Kind == lex.Op && src[t.Start] == '['
	}
	return false
}
