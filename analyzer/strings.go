package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// sqlText is a constant string together with where each of its bytes was
// written in the Go source.
type sqlText struct {
	text string
	segs []seg
}

// seg maps text[off:off+n] back to the source. An exact segment is a run
// of bytes written as themselves (byte i is at pos+i); any other segment
// (an escape sequence, a constant declared in another package) maps every
// byte to the whole source range [pos, end).
type seg struct {
	off, n   int
	pos, end token.Pos
	exact    bool
	raw      bool // an exact run of a raw string literal
}

func (t *sqlText) add(s seg) {
	if s.n == 0 {
		return
	}
	s.off = len(t.text)
	t.segs = append(t.segs, s)
}

func (t *sqlText) append(o *sqlText) {
	base := len(t.text)
	for _, s := range o.segs {
		s.off += base
		t.segs = append(t.segs, s)
	}
	t.text += o.text
}

// find returns the segment holding byte off.
func (t *sqlText) find(off int) *seg {
	i := sort.Search(len(t.segs), func(i int) bool { return t.segs[i].off+t.segs[i].n > off })
	if i == len(t.segs) {
		return nil
	}
	return &t.segs[i]
}

// pos is where the byte at off was written.
func (t *sqlText) pos(off int) token.Pos {
	if len(t.segs) == 0 {
		return token.NoPos
	}
	s := t.find(off)
	if s == nil {
		last := t.segs[len(t.segs)-1]
		return last.end
	}
	if s.exact {
		return s.pos + token.Pos(off-s.off)
	}
	return s.pos
}

// end is where a span of text ending (exclusively) at off ends in the
// source.
func (t *sqlText) end(off int) token.Pos {
	if off <= 0 || len(t.segs) == 0 {
		return t.pos(0)
	}
	s := t.find(off - 1)
	if s == nil {
		return t.segs[len(t.segs)-1].end
	}
	if s.exact {
		return s.pos + token.Pos(off-s.off)
	}
	return s.end
}

// span maps text[start:end] to the source. When the text comes from
// pieces written apart (a concatenation of constants declared elsewhere),
// the range stops where the first piece's run of source ends.
func (t *sqlText) span(start, end int) (token.Pos, token.Pos) {
	pos := t.pos(start)
	if end <= start || len(t.segs) == 0 {
		return pos, token.NoPos
	}
	i := sort.Search(len(t.segs), func(i int) bool { return t.segs[i].off+t.segs[i].n > start })
	for ; i+1 < len(t.segs) && t.segs[i+1].off < end; i++ {
		if t.segs[i+1].pos != t.segs[i].end {
			return pos, t.segs[i].end
		}
	}
	return pos, t.end(end)
}

// editSeg finds the exact segment that holds text[start:end], so that an
// edit there is an edit of the Go source.
func (t *sqlText) editSeg(start, end int) (seg, bool) {
	for _, s := range t.segs {
		if s.exact && s.off <= start && end <= s.off+s.n {
			return s, true
		}
	}
	return seg{}, false
}

// opaque is a constant whose bytes all map to the expression that names it.
func opaque(text string, e ast.Expr) *sqlText {
	t := &sqlText{}
	t.add(seg{n: len(text), pos: e.Pos(), end: e.End()})
	t.text = text
	return t
}

// literal maps a string literal byte by byte: raw strings exactly (less
// the carriage returns Go drops), interpreted strings exactly between
// escapes, each escape to its own source range.
func literal(lit *ast.BasicLit) *sqlText {
	v := lit.Value
	if len(v) < 2 {
		return nil
	}
	body := v[1 : len(v)-1]
	base := lit.Pos() + 1
	t := &sqlText{}
	var b strings.Builder
	if v[0] == '`' {
		start := 0
		flush := func(i int) {
			t.add(seg{n: i - start, pos: base + token.Pos(start), end: base + token.Pos(i), exact: true, raw: true})
			t.text += body[start:i]
		}
		for i := 0; i < len(body); i++ {
			if body[i] == '\r' {
				flush(i)
				start = i + 1
			}
		}
		flush(len(body))
		return t
	}
	if v[0] != '"' {
		return nil
	}
	for i := 0; i < len(body); {
		if body[i] != '\\' {
			j := strings.IndexByte(body[i:], '\\')
			if j < 0 {
				j = len(body) - i
			}
			t.add(seg{n: j, pos: base + token.Pos(i), end: base + token.Pos(i+j), exact: true})
			t.text += body[i : i+j]
			i += j
			continue
		}
		r, multibyte, tail, err := strconv.UnquoteChar(body[i:], '"')
		if err != nil {
			return nil
		}
		b.Reset()
		if multibyte {
			b.WriteRune(r)
		} else {
			b.WriteByte(byte(r))
		}
		used := len(body) - i - len(tail)
		t.add(seg{n: b.Len(), pos: base + token.Pos(i), end: base + token.Pos(i+used)})
		t.text += b.String()
		i += used
	}
	return t
}

// constants maps the package's constants to the expressions that declare
// their values, so that SQL kept in a named constant is reported where it
// is written.
func constDecls(files []*ast.File, info *types.Info) map[*types.Const]ast.Expr {
	out := map[*types.Const]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue // implicit repetition or iota lists: not SQL
				}
				for i, n := range vs.Names {
					if c, ok := info.Defs[n].(*types.Const); ok {
						out[c] = vs.Values[i]
					}
				}
			}
		}
		// Constants declared inside functions.
		ast.Inspect(f, func(n ast.Node) bool {
			ds, ok := n.(*ast.DeclStmt)
			if !ok {
				return true
			}
			if gd, ok := ds.Decl.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, sp := range gd.Specs {
					vs := sp.(*ast.ValueSpec)
					if len(vs.Values) != len(vs.Names) {
						continue
					}
					for i, n := range vs.Names {
						if c, ok := info.Defs[n].(*types.Const); ok {
							out[c] = vs.Values[i]
						}
					}
				}
			}
			return false
		})
	}
	return out
}

// constSQL returns the constant string value of e with its source map, or
// nil when e is not a string constant.
func (a *pkgState) constSQL(e ast.Expr) *sqlText {
	tv, ok := a.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	want := constant.StringVal(tv.Value)
	t := a.mapConst(e, 0)
	if t == nil || t.text != want {
		// Anything the walk below does not follow still has a value:
		// report it at the expression.
		return opaque(want, e)
	}
	return t
}

// mapConst follows literals, parentheses, concatenations, conversions and
// constants declared in this package down to the literals.
func (a *pkgState) mapConst(e ast.Expr, depth int) *sqlText {
	if depth > 32 {
		return nil
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			return literal(e)
		}
	case *ast.ParenExpr:
		return a.mapConst(e.X, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			break
		}
		x, y := a.mapConst(e.X, depth+1), a.mapConst(e.Y, depth+1)
		if x == nil || y == nil {
			break
		}
		t := &sqlText{}
		t.append(x)
		t.append(y)
		return t
	case *ast.CallExpr:
		// A conversion to a string type: string("..."), SQL("...").
		if tv, ok := a.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return a.mapConst(e.Args[0], depth+1)
		}
	case *ast.Ident, *ast.SelectorExpr:
		id, _ := e.(*ast.Ident)
		if sel, ok := e.(*ast.SelectorExpr); ok {
			id = sel.Sel
		}
		if c, ok := a.info.Uses[id].(*types.Const); ok {
			if decl, ok := a.consts[c]; ok {
				if t := a.mapConst(decl, depth+1); t != nil {
					return t
				}
			}
		}
	}
	tv, ok := a.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	return opaque(constant.StringVal(tv.Value), e)
}
