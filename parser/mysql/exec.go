package mysql

import (
	"sort"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// LexMode returns the lexer mode for a MySQL-family target: the server's
// rules for executable comments, with its version. The version decides
// which executable comments run: /*!80016 ...*/ runs on MySQL 8.0,
// /*!80100 ...*/ only from 8.1; /*M!100500 ...*/ runs on MariaDB 10.6 and
// is a plain comment to MySQL. A target without a patch level is the
// series' latest release (patch 99 stands for it).
func LexMode(t model.Target) lex.Mode {
	if t.IsZero() {
		t = model.DefaultTarget(model.MySQL)
	}
	patch := 99
	if _, exact := t.PatchLevel(); exact {
		patch = min(t.Patch, 99)
	}
	return lex.Server(t.Dialect == model.MariaDB, t.Major*10000+t.Minor*100+patch)
}

// execComment is an executable comment that runs: the spans of its
// opening marker (/*!50100) and of its closing */. close.Start is -1
// when the input ends inside it.
type execComment struct {
	open, close model.Span
}

// unwrap turns what the server runs into plain SQL for the rest of the
// package (and for TiDB, which would run every /*! comment whatever its
// version): the markers of running executable comments become spaces, so
// their contents read as the SQL they are, and executable comments that
// do not run become spaces entirely. Offsets do not move. An opening
// marker the input ends inside stays, and reads as an unterminated
// comment, as the server rejects it. toks must come from LexMode's
// lexer; it returns the text and its tokens (toks itself when nothing
// changed) and the running comments in order.
func unwrap(src []byte, toks []lex.Token) ([]byte, []lex.Token, []execComment) {
	var out []byte
	var execs []execComment
	blank := func(t lex.Token) {
		if out == nil {
			out = append([]byte(nil), src...)
		}
		for i := t.Start; i < t.End; i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	for _, t := range toks {
		switch {
		case t.Kind != lex.Comment:
		case t.Exec && isCloser(src, t):
			if n := len(execs); n > 0 && execs[n-1].close.Start < 0 {
				execs[n-1].close = model.Span{Start: t.Start, End: t.End}
			}
			blank(t)
		case t.Exec:
			// A second opening inside a running comment opens nothing new:
			// the server's first */ ends both.
			if n := len(execs); n == 0 || execs[n-1].close.Start >= 0 {
				execs = append(execs, execComment{open: model.Span{Start: t.Start, End: t.End}, close: model.Span{Start: -1, End: -1}})
			}
			blank(t)
		case isExecComment(src, t) && !t.Unterminated:
			blank(t)
		}
	}
	if n := len(execs); n > 0 && execs[n-1].close.Start < 0 {
		// Put the unclosed opening back: it swallows the rest of the text.
		copy(out[execs[n-1].open.Start:], src[execs[n-1].open.Start:execs[n-1].open.End])
	}
	if out == nil {
		return src, toks, execs
	}
	return out, lex.Tokenize(out, lex.MySQL), execs
}

func isCloser(src []byte, t lex.Token) bool {
	return t.End-t.Start == 2 && src[t.Start] == '*'
}

// isExecComment reports whether a comment is written as an executable one
// (/*! or /*M!), whether or not it runs.
func isExecComment(src []byte, t lex.Token) bool {
	s := src[t.Start:t.End]
	return len(s) >= 3 && s[0] == '/' && s[1] == '*' && (s[2] == '!' || (len(s) >= 4 && s[2] == 'M' && s[3] == '!'))
}

// execSpans gives each top-level statement of a text the executable
// comment markers around its words: a statement that starts inside
// /*!40101 SET NAMES utf8mb4 */; starts at the /*!40101, so that its text,
// sent alone (as verify does), is what the server ran. A statement whose
// terminator falls inside a running comment is a syntax error: the server
// reads the rest of the comment as a statement of its own and rejects
// the stray */. Spans are file offsets; x maps the text's.
func (c *conv) execSpans(x *text, stmts []*model.Statement, pieces []piece) {
	if len(x.execs) == 0 {
		return
	}
	prevEnd := 0
	for i, st := range stmts {
		pc := pieces[i]
		// The comments that overlap the statement's words.
		a, b := x.sig[pc.from].Start, x.sig[pc.to-1].End
		k := sort.Search(len(x.execs), func(k int) bool {
			e := x.execs[k]
			return e.close.Start < 0 || e.close.End > a
		})
		for ; k < len(x.execs) && x.execs[k].open.Start < b; k++ {
			e := x.execs[k]
			// Never across a framework region, which the statement's
			// words did not cross either.
			if e.open.Start < a && e.open.Start >= prevEnd && x.sameRegion(e.open.Start, a) {
				st.Span.Start = min(st.Span.Start, x.file(e.open.Start))
			}
			if e.close.Start < 0 {
				continue
			}
			if pc.term >= 0 && e.open.Start < x.sig[pc.term].Start && x.sig[pc.term].Start < e.close.Start && st.Err == nil {
				st.Kind, st.Effects, st.Children = model.KindOther, nil, nil
				st.Err = &model.SyntaxError{Message: "the statement ends inside an executable comment (/*! ... */), which the server rejects", Pos: x.file(x.sig[pc.term].Start)}
			}
			// A statement cut short by the end of the text (or of a
			// framework region) takes in the */ that follows its words,
			// unless the next statement starts before it.
			if pc.term < 0 && e.close.Start >= b && (i+1 == len(pieces) || e.close.End <= x.sig[pieces[i+1].from].Start) && x.sameRegion(e.close.Start, b-1) {
				st.Span.End = max(st.Span.End, x.file(e.close.End))
			}
		}
		prevEnd = x.sig[pc.to-1].End
		if pc.term >= 0 {
			prevEnd = x.sig[pc.term].End
		}
	}
}
