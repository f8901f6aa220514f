package rewrite

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// pgIdent writes a name as PostgreSQL reads it back: bare when it is a
// lower-case identifier the grammar takes as a name, double-quoted
// otherwise (upper case, punctuation, reserved words). The parser has
// already folded unquoted names, so quoting keeps exactly that name.
func pgIdent(name string) string {
	if plainIdent(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func plainIdent(name string) bool {
	if name == "" || len(name) > 63 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		lower := c >= 'a' && c <= 'z' || c == '_'
		later := i > 0 && (c >= '0' && c <= '9' || c == '$')
		if !lower && !later {
			return false
		}
	}
	// Keywords other than unreserved ones cannot stand as every kind of
	// name (DROP TRIGGER user ON t is a syntax error).
	res, err := pg.Scan(name)
	if err != nil || len(res.Tokens) != 1 {
		return false
	}
	k := res.Tokens[0].KeywordKind
	return k == pg.KeywordKind_NO_KEYWORD || k == pg.KeywordKind_UNRESERVED_KEYWORD
}

// pgQualified writes schema.name, or name alone when no schema was given.
func pgQualified(schema, name string) string {
	if schema == "" {
		return pgIdent(name)
	}
	return pgIdent(schema) + "." + pgIdent(name)
}

// pgRegclass writes 'name'::regclass for the relation the statement
// names: the cast resolves an unqualified name through search_path, the
// same way the statement does, so the check looks at the very table the
// statement changes. Casting a missing name fails, as the statement
// itself would.
func (f *frame) pgReg(schema, name, typ string) string {
	return pgLit(pgQualified(schema, name)) + "::" + f.kw(typ)
}

// pgTokens are the significant tokens of the statement's body (comments
// dropped), with offsets into the file. Callers only read them.
func (f *frame) pgTokens() []lex.Token {
	if f.toks != nil {
		return f.toks
	}
	toks := lex.SignificantTokens([]byte(f.body), lex.Postgres)
	for i := range toks {
		toks[i].Start += f.st.Span.Start
		toks[i].End += f.st.Span.Start
	}
	f.toks = toks
	return toks
}

// word reports whether token t is the unquoted keyword w.
func (f *frame) word(t lex.Token, w string) bool { return lex.Is(f.s.Source, t, w) }

// words reports whether toks start with the keywords ws.
func (f *frame) words(toks []lex.Token, ws ...string) bool {
	if len(toks) < len(ws) {
		return false
	}
	for i, w := range ws {
		if !f.word(toks[i], w) {
			return false
		}
	}
	return true
}

// hasPsqlVariable reports whether the statement interpolates a psql
// variable (:name, :'name', :"name"): psql does not expand one inside a
// dollar-quoted DO body, so wrapping would change the statement.
func (f *frame) hasPsqlVariable() bool {
	toks := lex.Tokenize([]byte(f.body), lex.Postgres)
	for i := 0; i+1 < len(toks); i++ {
		t, n := toks[i], toks[i+1]
		if t.Kind == lex.Op && t.End-t.Start == 1 && f.body[t.Start] == ':' && n.Start == t.End &&
			(n.Kind == lex.Word || n.Kind == lex.String || n.Kind == lex.QuotedIdent || f.body[n.Start] == '{') {
			return true
		}
	}
	return false
}

// ifExistsAfterAlter reports whether the statement is ALTER <kind> IF
// EXISTS ...: a missing table is then skipped with a notice, where a
// regclass cast in a catalog check would fail.
func (f *frame) ifExistsAfterAlter() bool {
	toks := f.pgTokens()
	for i := 1; i+1 < len(toks) && i < 5; i++ {
		if f.word(toks[i], "IF") && f.word(toks[i+1], "EXISTS") {
			return true
		}
	}
	return false
}

// sectionReuses reports whether another statement of e's section makes
// a guard on e's object wrong for the second run: for a rename, one that
// makes the old name again (a rebuild, or a CREATE ... IF NOT EXISTS the
// second run repeats), so that a check that it exists does not skip the
// rename; for a create, one after it that renames the new object away, so
// that a check that it is missing does not skip the create. A check that casts
// the owning table's name to regclass also needs that table to keep its
// name: the cast fails once it is renamed or dropped.
func (f *frame) sectionReuses(e *model.Effect) bool {
	s, idx := f.s, f.r.nameIndex()
	// Only effects that name e's object, rename something to its name,
	// or name the table that owns it can make the guard wrong.
	cands := idx.named(e.Object.Name, s.Dialect, true)
	if e.Object.Table != "" {
		cands = append(cands[:len(cands):len(cands)], idx.named(e.Object.Table, s.Dialect, false)...)
	}
	at := idx.pos[e.Stmt]
	for _, c := range cands {
		st, x := c.st, c.x
		if st == e.Stmt || st.Section != e.Stmt.Section {
			continue
		}
		after := c.pos > at
		if x.Protection == model.ByBlock {
			// Its guard is false once the section has run: the second
			// run skips it.
			continue
		}
		if ownerGoes(e, x) {
			return true
		}
		switch {
		case e.Action == model.ActRename && (x.Action == model.ActCreate || x.Action == model.ActAdd):
			if x.Object.Same(e.Object, s.Dialect) {
				return true
			}
		case e.Action == model.ActRename && x.Action == model.ActRename:
			to := x.Object
			to.Name = x.NewName
			if to.Same(e.Object, s.Dialect) {
				return true
			}
		case e.Action != model.ActRename && x.Action == model.ActRename && after:
			if x.Object.Same(e.Object, s.Dialect) {
				return true
			}
		}
	}
	return false
}

// ownerGoes reports whether x renames or drops the table (or type) that
// owns e's object.
func ownerGoes(e, x *model.Effect) bool {
	o := e.Object
	if o.Table == "" || x.Action != model.ActRename && x.Action != model.ActDrop || x.Object.Table != "" && x.Object.Table != x.Object.Name {
		return false
	}
	switch x.Object.Kind {
	case model.KindTable, model.KindView, model.KindMatView, model.KindRelation, model.KindType, model.KindDomain:
	default:
		return false
	}
	return x.Object.Name == o.Table && (x.Object.Schema == "" || o.Schema == "" || x.Object.Schema == o.Schema)
}
