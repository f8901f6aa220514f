// Package pgparse parses PostgreSQL with libpg_query into the same Go
// tree pg_query_go's Parse returns, but through libpg_query's JSON output
// and a decoder generated for the tree's types.
//
// pg_query_go's Parse has libpg_query pack the tree with protobuf-c and Go
// unpack it by reflection. On real migrations that packing alone costs
// three times the JSON output, as protobuf-c recomputes the size of every
// node once per enclosing node; the JSON is written in one pass and the
// generated decoder reads it without reflection. The result is the same
// tree: where the JSON form loses something (see Parse), Parse takes
// pg_query_go's path instead.
package pgparse

//go:generate go run ./internal/gen -o nodes_gen.go

import (
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"

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

// decode reads libpg_query's JSON form of the parse result of sql. It
// fails where the JSON may not say what the protobuf form says.
func decode(js, sql string) (*pg.ParseResult, bool) {
	d := &decoder{s: js, sql: sql}
	tree := d.mParseResult()
	d.ws()
	switch {
	case d.err || d.i != len(d.s) || d.ambiguous:
		return nil, false
	case d.zeroInts > 0 && mayNegate(sql):
		return nil, false
	case d.zeroBound && zeroSubscript(sql):
		return nil, false
	}
	return tree, true
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
