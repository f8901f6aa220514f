package postgres

import (
	"errors"
	"testing"

	pgerr "github.com/pganalyze/pg_query_go/v5/parser"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// TestParserFailureKinds: an error of the grammar is a syntax error at its
// cursor; any other error from pg_query_go (its protobuf decoder refusing
// a tree too deep for it) is the parser's own failure, at the statement.
// The bound keeps real input from the second case, so it is built here.
func TestParserFailureKinds(t *testing.T) {
	text := []byte("-- c\nSELECT 1 +;")
	c := &conv{s: &model.Script{}, text: text, toks: lex.Significant(lex.Tokenize(text, lex.Postgres)), toFile: func(i int) int { return i }}
	piece := model.Span{Start: 0, End: len(text)}
	cases := []struct {
		err  error
		kind model.ErrKind
		pos  int
	}{
		{&pgerr.Error{Message: "syntax error at or near \";\"", Cursorpos: 16}, model.ErrSyntax, 15},
		{errors.New("proto: exceeded maximum recursion depth"), model.ErrInternal, 5},
	}
	for _, tc := range cases {
		st := c.syntaxError(piece, tc.err)
		if st.Err == nil || st.Err.Kind != tc.kind || st.Err.Pos != tc.pos {
			t.Errorf("%v: got %+v, want kind %d at %d", tc.err, st.Err, tc.kind, tc.pos)
		}
	}
}
