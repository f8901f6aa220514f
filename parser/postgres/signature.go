package postgres

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// PostgreSQL tells functions, procedures and aggregates apart by name and
// input argument types: DROP FUNCTION f(date, uuid) does not drop
// f(date, uuid, int). A signature is written "(t1,t2)" with the types
// normalised the way the server resolves them; "" means no argument list
// was written, which names the only routine of that name. A procedure
// whose OUT arguments make its full list differ from its input list
// carries both, "(in)|(all)": DROP PROCEDURE matches either (PostgreSQL 14
// and later; checked on PostgreSQL 15).

// createSignature is the signature of CREATE FUNCTION / PROCEDURE
// parameters. OUT and TABLE parameters are not part of a function's
// identity.
func createSignature(params []*pg.Node, procedure bool) string {
	in, all, ok := paramTypes(params)
	if !ok {
		return ""
	}
	return joinSignature(in, all, procedure)
}

// routineSignature is the signature of a routine a DROP or ALTER names,
// "" for other kinds of object.
func routineSignature(t pg.ObjectType, n *pg.Node) string {
	switch t {
	case pg.ObjectType_OBJECT_FUNCTION, pg.ObjectType_OBJECT_AGGREGATE, pg.ObjectType_OBJECT_ROUTINE:
		return dropSignature(n.GetObjectWithArgs(), false)
	case pg.ObjectType_OBJECT_PROCEDURE:
		return dropSignature(n.GetObjectWithArgs(), true)
	}
	return ""
}

// dropSignature is the signature a DROP (or ALTER) names.
func dropSignature(o *pg.ObjectWithArgs, procedure bool) string {
	if o == nil || o.ArgsUnspecified {
		return ""
	}
	if len(o.Objfuncargs) > 0 {
		in, all, ok := paramTypes(o.Objfuncargs)
		if !ok {
			return ""
		}
		return joinSignature(in, all, procedure)
	}
	// Aggregates with (*) and argument lists written without parameters.
	in := make([]string, 0, len(o.Objargs))
	for _, a := range o.Objargs {
		t, ok := typeKey(a.GetTypeName())
		if !ok {
			return ""
		}
		in = append(in, t)
	}
	return "(" + strings.Join(in, ",") + ")"
}

// aggregateSignature reads CREATE AGGREGATE's argument list: a list of
// FunctionParameter nodes (direct and ORDER BY arguments alike) followed
// by an integer. Old-style aggregates (BASETYPE = ...) have none: "".
func aggregateSignature(x *pg.DefineStmt) string {
	if x.Oldstyle || len(x.Args) == 0 {
		return ""
	}
	list := x.Args[0].GetList()
	if list == nil {
		return ""
	}
	in, _, ok := paramTypes(list.Items)
	if !ok {
		return ""
	}
	return "(" + strings.Join(in, ",") + ")"
}

func joinSignature(in, all []string, procedure bool) string {
	s := "(" + strings.Join(in, ",") + ")"
	if procedure && len(all) != len(in) {
		s += "|(" + strings.Join(all, ",") + ")"
	}
	return s
}

// paramTypes returns the input argument types and all argument types of
// a parameter list; ok is false when a type cannot be known statically
// (%TYPE).
func paramTypes(params []*pg.Node) (in, all []string, ok bool) {
	for _, n := range params {
		p := n.GetFunctionParameter()
		if p == nil {
			return nil, nil, false
		}
		t, ok := typeKey(p.ArgType)
		if !ok {
			return nil, nil, false
		}
		all = append(all, t)
		switch p.Mode {
		case pg.FunctionParameterMode_FUNC_PARAM_OUT, pg.FunctionParameterMode_FUNC_PARAM_TABLE:
		default:
			in = append(in, t)
		}
	}
	return in, all, true
}

// typeKey renders a type for comparison. The grammar already turns the
// keyword spellings (INT, INTEGER, BOOLEAN, VARCHAR, CHARACTER VARYING,
// DOUBLE PRECISION, DECIMAL, TIMESTAMP WITH TIME ZONE ...) into the
// pg_catalog names int4, bool, varchar, float8, numeric, timestamptz, so
// only the last name part is kept (a schema prefix is dropped: a migration
// rarely names one type two ways); array dimensions count once and type
// modifiers not at all, as in PostgreSQL's own signatures.
func typeKey(t *pg.TypeName) (string, bool) {
	if t == nil || t.PctType {
		return "", false
	}
	names := strs(t.Names)
	if len(names) == 0 {
		return "", false
	}
	name := names[len(names)-1]
	if len(t.ArrayBounds) > 0 {
		name += "[]"
	}
	return name, true
}
