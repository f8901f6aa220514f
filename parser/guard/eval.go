package guard

import "github.com/idemlint/idemlint/parser/model"

// BindKind says what a variable holds after SELECT ... INTO / SET.
type BindKind uint8

const (
	BindCount BindKind = iota + 1 // COUNT(*) of the query
	BindRow                       // a value from the query's row: NULL when no row
	BindCond                      // a boolean condition (count(*) > 0, EXISTS (...))
)

// Binding is what a variable was assigned.
type Binding struct {
	Kind  BindKind
	Query *Query
	Cond  *Cond
}

// Env tracks variables through a block, in statement order.
type Env struct {
	Dialect model.Dialect
	vars    map[string]Binding
	// found is the query whose row existence PL/pgSQL's FOUND reflects.
	found *Query
}

// NewEnv returns an empty environment.
func NewEnv(d model.Dialect) *Env { return &Env{Dialect: d, vars: map[string]Binding{}} }

// Bind records an assignment; a nil query or cond forgets the variable.
func (e *Env) Bind(name string, b Binding) {
	if b.Query == nil && b.Cond == nil {
		delete(e.vars, name)
		return
	}
	e.vars[name] = b
}

// Forget drops what is known of a variable (it was assigned something
// the linter cannot read).
func (e *Env) Forget(name string) { delete(e.vars, name) }

// SetFound records the query PL/pgSQL's FOUND now reports on; nil when
// FOUND says nothing about an object (after a count(*) it is always true).
func (e *Env) SetFound(q *Query) { e.found = q }

// Fact is one thing a condition proves.
type Fact struct {
	Object model.Object
	Exists bool
}

// Eval returns what c proves when it is true; ok is false when c proves
// nothing the linter can name.
func (e *Env) Eval(c *Cond) (facts []Fact, ok bool) { return e.eval(c, false, 0) }

// EvalFalse returns what c proves when it is false (an ELSE branch).
func (e *Env) EvalFalse(c *Cond) (facts []Fact, ok bool) { return e.eval(c, true, 0) }

func (e *Env) eval(c *Cond, neg bool, depth int) ([]Fact, bool) {
	if c == nil || depth > 32 {
		return nil, false
	}
	switch c.Op {
	case OpNot:
		if len(c.Args) != 1 {
			return nil, false
		}
		return e.eval(c.Args[0], !neg, depth+1)
	case OpAnd, OpOr:
		// A conjunction proves each of its parts; so does the negation of
		// a disjunction. Anything else proves only what all parts share,
		// which the linter does not try to compute.
		if (c.Op == OpAnd) == neg && len(c.Args) > 1 {
			return nil, false
		}
		var all []Fact
		for _, a := range c.Args {
			f, ok := e.eval(a, neg, depth+1)
			if ok {
				all = append(all, f...)
			}
		}
		return all, len(all) > 0
	case OpExists:
		return e.fact(c.Query, !neg)
	case OpCount:
		exists, ok := countMeans(c.Cmp, c.N)
		if !ok {
			return nil, false
		}
		return e.fact(c.Query, exists != neg)
	case OpIsNull:
		if c.Query != nil {
			return e.fact(c.Query, neg)
		}
		b, ok := e.vars[c.Var]
		if !ok || b.Kind != BindRow {
			return nil, false
		}
		return e.fact(b.Query, neg)
	case OpVar:
		b, ok := e.vars[c.Var]
		if !ok {
			return nil, false
		}
		switch b.Kind {
		case BindCount:
			exists, ok := countMeans(c.Cmp, c.N)
			if !ok {
				return nil, false
			}
			return e.fact(b.Query, exists != neg)
		case BindCond:
			switch {
			case c.Cmp == CmpNone:
				return e.eval(b.Cond, neg, depth+1)
			case (c.Cmp == CmpEq && c.N == 0) || (c.Cmp == CmpNe && c.N == 1):
				return e.eval(b.Cond, !neg, depth+1)
			case (c.Cmp == CmpEq && c.N == 1) || (c.Cmp == CmpNe && c.N == 0):
				return e.eval(b.Cond, neg, depth+1)
			}
		case BindRow:
			// IF v THEN on a fetched value: non-null and true; too loose.
		}
		return nil, false
	case OpFound:
		if e.found == nil {
			return nil, false
		}
		return e.fact(e.found, !neg)
	case OpRegNull:
		if c.Reg.Name == "" {
			return nil, false
		}
		return []Fact{{Object: c.Reg, Exists: neg}}, true
	}
	return nil, false
}

// countMeans says whether "count <cmp> n" holds exactly when rows exist
// (true) or exactly when none do (false).
func countMeans(cmp Cmp, n int64) (exists, ok bool) {
	switch {
	case cmp == CmpEq && n == 0, cmp == CmpLe && n == 0, cmp == CmpLt && n == 1:
		return false, true
	case cmp == CmpGt && n == 0, cmp == CmpGe && n == 1, cmp == CmpNe && n == 0, cmp == CmpEq && n == 1:
		return true, true
	}
	return false, false
}

func (e *Env) fact(q *Query, exists bool) ([]Fact, bool) {
	obj, filtered, ok := Catalog(q, e.Dialect)
	// A lookup that also tests the object's properties proves existence
	// when it finds a row, but an empty result does not prove absence.
	if !ok || (filtered && !exists) {
		return nil, false
	}
	return []Fact{{Object: obj, Exists: exists}}, true
}

// Predicates turns facts into model predicates for a guarded block.
func Predicates(facts []Fact, src model.PredSource, span model.Span, text string) []*model.Predicate {
	out := make([]*model.Predicate, 0, len(facts))
	for _, f := range facts {
		out = append(out, &model.Predicate{Source: src, Span: span, Known: true, Object: f.Object, Exists: f.Exists, Text: text})
	}
	return out
}
