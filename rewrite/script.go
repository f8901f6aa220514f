package rewrite

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/schema"
)

// Rewriter writes the rewrites of one script's statements. What a rewrite
// needs to know about the rest of the file (the schema history at the
// statement, the other statements that name its object, the goose block
// or mysql delimiter it is in, where its line starts) is worked out once
// for the file and looked up per statement: a file of many fixable
// statements costs one pass over it, not one per statement.
type Rewriter struct {
	s      *model.Script
	walker *schema.Walker
	names  *nameIndex
	lines  []int // offsets where lines start
	goose  []gooseMark
	delims []delimLine
	built  bool
}

// New returns the rewriter of s.
func New(s *model.Script) *Rewriter { return &Rewriter{s: s} }

// For returns the rewrite that makes e's statement safe to run twice on
// the script's target, or false when there is none the linter can write
// correctly (a nested statement, a framework that would split the new
// form, a kind of object without a catalog check). Every unguarded effect
// of the statement gets the same rewrite, so one fix covers them all.
func (r *Rewriter) For(e *model.Effect) (Fix, bool) {
	f, ok := r.frame(e)
	if !ok {
		return Fix{}, false
	}
	switch {
	case r.s.Dialect == model.Postgres:
		return postgres(f)
	case r.s.Dialect.MySQLFamily():
		return mysql(f)
	}
	return Fix{}, false
}

// build works out the per-line facts of the file.
func (r *Rewriter) build() {
	if r.built {
		return
	}
	r.built = true
	src := r.s.Source
	r.lines = append(r.lines, 0)
	for i, c := range src {
		if c == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	if r.s.Dialect.MySQLFamily() {
		for i, start := range r.lines {
			end := len(src)
			if i+1 < len(r.lines) {
				end = r.lines[i+1] - 1
			}
			if arg, ok := delimiterCommand(src[start:end]); ok {
				r.delims = append(r.delims, delimLine{end: end, arg: arg})
			}
		}
	}
	if r.s.Framework == model.Goose {
		in := false
		for _, c := range r.s.Comments {
			t := strings.TrimSpace(strings.TrimPrefix(string(src[c.Start:c.End]), "--"))
			switch {
			case strings.HasPrefix(t, "+goose StatementBegin"):
				in = true
			case strings.HasPrefix(t, "+goose StatementEnd"), strings.HasPrefix(t, "+goose Up"), strings.HasPrefix(t, "+goose Down"):
				in = false
			}
			r.goose = append(r.goose, gooseMark{at: c.Start, in: in})
		}
	}
}

// lineStart is the offset where the line holding pos starts.
func (r *Rewriter) lineStart(pos int) int {
	r.build()
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > pos })
	return r.lines[i-1]
}

// delimLine is a mysql DELIMITER command line: where it ends, and the
// delimiter it sets.
type delimLine struct {
	end int
	arg string
}

// delimiterCommand reads a DELIMITER command line.
func delimiterCommand(line []byte) (string, bool) {
	t := bytes.TrimSpace(line)
	if len(t) > 10 && strings.EqualFold(string(t[:10]), "DELIMITER ") {
		if arg := strings.TrimSpace(string(t[10:])); arg != "" && !strings.ContainsAny(arg, " \t") {
			return arg, true
		}
	}
	return "", false
}

// delimiterAt is the mysql client's statement delimiter in force at pos:
// the argument of the last DELIMITER command line before it, the line
// that pos is on read up to pos.
func (r *Rewriter) delimiterAt(pos int) string {
	start := r.lineStart(pos)
	if arg, ok := delimiterCommand(r.s.Source[start:pos]); ok {
		return arg
	}
	// Whole lines end before start.
	i := sort.Search(len(r.delims), func(i int) bool { return r.delims[i].end >= start })
	if i == 0 {
		return ";"
	}
	return r.delims[i-1].arg
}

// gooseMark is a goose annotation comment: where it starts, and whether
// a StatementBegin block is open after it.
type gooseMark struct {
	at int
	in bool
}

// inGooseBlock reports whether pos lies between a goose StatementBegin
// marker and its StatementEnd.
func (r *Rewriter) inGooseBlock(pos int) bool {
	r.build()
	i := sort.Search(len(r.goose), func(i int) bool { return r.goose[i].at >= pos })
	return i > 0 && r.goose[i-1].in
}

// history returns the schema history as this file has built it when st
// runs (the file alone: no folder history); nil when st is not the
// file's. Asked about statements in file order, as rules report them, it
// walks the file once.
func (r *Rewriter) history(st *model.Statement) *schema.History {
	if r.walker == nil {
		r.walker = schema.NewWalker(nil, r.s)
	}
	return r.walker.Before(st)
}

// nameIndex finds the effects of a script by the name of their object,
// and by the new name of a rename, in walk order.
type nameIndex struct {
	byName, byNewName map[string][]namedEffect
	pos               map[*model.Statement]int
}

type namedEffect struct {
	st  *model.Statement
	x   *model.Effect
	pos int // the statement's place in walk order
}

func (r *Rewriter) nameIndex() *nameIndex {
	if r.names != nil {
		return r.names
	}
	n := &nameIndex{byName: map[string][]namedEffect{}, byNewName: map[string][]namedEffect{}, pos: map[*model.Statement]int{}}
	d := r.s.Dialect
	r.s.Walk(func(st *model.Statement) {
		p := len(n.pos)
		n.pos[st] = p
		for _, x := range st.Effects {
			k := nameKey(x.Object.Name, d)
			n.byName[k] = append(n.byName[k], namedEffect{st, x, p})
			if x.NewName != "" {
				k := nameKey(x.NewName, d)
				n.byNewName[k] = append(n.byNewName[k], namedEffect{st, x, p})
			}
		}
	})
	r.names = n
	return n
}

// named are the effects whose object is named name, and those that rename
// something to name when renamed is set; a name may come twice. They are
// all the effects whose object the dialect takes for one named name.
func (n *nameIndex) named(name string, d model.Dialect, renamed bool) []namedEffect {
	k := nameKey(name, d)
	if !renamed {
		return n.byName[k]
	}
	return append(n.byName[k][:len(n.byName[k]):len(n.byName[k])], n.byNewName[k]...)
}

// nameKey is equal for two names exactly when the dialect takes them for
// the same name: PostgreSQL compares names as written (the parser has
// folded unquoted ones), MySQL compares them as strings.EqualFold does.
func nameKey(name string, d model.Dialect) string {
	if !d.MySQLFamily() {
		return name
	}
	ascii := true
	for i := 0; i < len(name) && ascii; i++ {
		ascii = name[i] < utf8.RuneSelf
	}
	if ascii {
		return strings.ToLower(name)
	}
	var b strings.Builder
	for _, c := range name {
		// The smallest rune of c's case-folding orbit stands for all.
		m := c
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}
