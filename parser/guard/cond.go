// Package guard turns the conditions migrations wrap around their changes
// into predicates about database objects.
//
// Each dialect adapter translates its own AST of a condition into the
// small expression form below (Cond); evaluation, catalog knowledge and
// the bookkeeping of variables live here once for both dialects.
package guard

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// Op is the shape of a condition node.
type Op uint8

const (
	OpUnknown Op = iota
	OpAnd
	OpOr
	OpNot
	OpExists  // EXISTS (Query)
	OpCount   // (SELECT COUNT(*) ... ) compared: Cmp N
	OpIsNull  // Arg IS NULL (Arg a variable or a scalar subquery)
	OpVar     // a variable used as a boolean or compared (Cmp N)
	OpFound   // PL/pgSQL FOUND
	OpBool    // a constant
	OpRegNull // to_regclass('x') IS NULL (Reg; Negated for IS NOT NULL)
)

// Cmp is a comparison against a number.
type Cmp uint8

const (
	CmpNone Cmp = iota
	CmpEq
	CmpNe
	CmpLt
	CmpLe
	CmpGt
	CmpGe
)

// Cond is a condition in dialect-neutral form.
type Cond struct {
	Op    Op
	Args  []*Cond // And, Or, Not, IsNull operand
	Query *Query  // Exists, Count, and a scalar subquery under IsNull
	Var   string  // Var, IsNull of a variable (lower case, without @)
	Cmp   Cmp     // Count, Var
	N     int64   // the number compared against
	Bool  bool
	Reg   model.Object // RegNull: the object to_regclass & co. look up
	Span  model.Span
}

// Query is a catalog lookup: the relations it reads and the equality
// tests of its WHERE and ON clauses.
type Query struct {
	// Relations are the FROM items, lower case, as "schema.name" or "name".
	Relations []string
	// Eq maps a lower-case column name (without table alias) to the
	// literal it is compared with; Unknown holds columns compared with
	// something that is not a literal (a %I placeholder, a variable).
	Eq      map[string]string
	Unknown map[string]bool
	// Regclass holds the relations named through 'x'::regclass casts,
	// keyed by the column compared ("attrelid", "conrelid", ...).
	Regclass map[string]string
	// CurrentSchema is set when the schema is compared with DATABASE(),
	// current_schema() or similar: the same schema an unqualified
	// statement uses.
	CurrentSchema bool
}

// NewQuery returns an empty query.
func NewQuery() *Query {
	return &Query{Eq: map[string]string{}, Unknown: map[string]bool{}, Regclass: map[string]string{}}
}

// AddEq records column = value.
func (q *Query) AddEq(col, val string) {
	col = strings.ToLower(col)
	if _, dup := q.Eq[col]; !dup {
		q.Eq[col] = val
	}
}

// AddUnknown records a column compared with something not literal.
func (q *Query) AddUnknown(col string) { q.Unknown[strings.ToLower(col)] = true }

// Unknown returns a condition that proves nothing.
func Unknown() *Cond { return &Cond{Op: OpUnknown} }

// Not negates c.
func Not(c *Cond) *Cond { return &Cond{Op: OpNot, Args: []*Cond{c}} }
