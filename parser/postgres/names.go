package postgres

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// rangeVarObject names a relation.
func rangeVarObject(rv *pg.RangeVar, kind model.ObjectKind) model.Object {
	if rv == nil {
		return model.Object{Kind: kind}
	}
	return model.Object{Kind: kind, Schema: rv.Schemaname, Name: rv.Relname}
}

// strs returns the string values of a list of String nodes.
func strs(nodes []*pg.Node) []string {
	out := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if s := n.GetString_(); s != nil {
			out = append(out, s.Sval)
		}
	}
	return out
}

// qualified splits a dotted name list into schema and name; with three
// parts (schema, table, name) the middle one is the table.
func qualified(parts []string) (schema, table, name string) {
	switch len(parts) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", parts[0]
	case 2:
		return parts[0], "", parts[1]
	default:
		return parts[len(parts)-3], parts[len(parts)-2], parts[len(parts)-1]
	}
}

// nodeName extracts the dotted name of a DROP/RENAME object node.
func nodeName(n *pg.Node) []string {
	switch {
	case n == nil:
		return nil
	case n.GetList() != nil:
		return strs(n.GetList().Items)
	case n.GetString_() != nil:
		return []string{n.GetString_().Sval}
	case n.GetTypeName() != nil:
		return strs(n.GetTypeName().Names)
	case n.GetObjectWithArgs() != nil:
		return strs(n.GetObjectWithArgs().Objname)
	case n.GetRangeVar() != nil:
		rv := n.GetRangeVar()
		if rv.Schemaname != "" {
			return []string{rv.Schemaname, rv.Relname}
		}
		return []string{rv.Relname}
	case n.GetRoleSpec() != nil:
		return []string{n.GetRoleSpec().Rolename}
	}
	return nil
}

// objectKinds maps libpg_query object types to model kinds, with the
// number of keywords the type takes after DROP (for placing IF EXISTS).
var objectKinds = map[pg.ObjectType]struct {
	kind  model.ObjectKind
	words int
	// owned kinds live on a table: DROP TRIGGER t ON tbl.
	owned bool
}{
	pg.ObjectType_OBJECT_TABLE:           {model.KindTable, 1, false},
	pg.ObjectType_OBJECT_FOREIGN_TABLE:   {model.KindTable, 2, false},
	pg.ObjectType_OBJECT_VIEW:            {model.KindView, 1, false},
	pg.ObjectType_OBJECT_MATVIEW:         {model.KindMatView, 2, false},
	pg.ObjectType_OBJECT_INDEX:           {model.KindIndex, 1, false},
	pg.ObjectType_OBJECT_SEQUENCE:        {model.KindSequence, 1, false},
	pg.ObjectType_OBJECT_SCHEMA:          {model.KindSchema, 1, false},
	pg.ObjectType_OBJECT_EXTENSION:       {model.KindExtension, 1, false},
	pg.ObjectType_OBJECT_TYPE:            {model.KindType, 1, false},
	pg.ObjectType_OBJECT_DOMAIN:          {model.KindDomain, 1, false},
	pg.ObjectType_OBJECT_FUNCTION:        {model.KindFunction, 1, false},
	pg.ObjectType_OBJECT_PROCEDURE:       {model.KindProcedure, 1, false},
	pg.ObjectType_OBJECT_ROUTINE:         {model.KindFunction, 1, false},
	pg.ObjectType_OBJECT_AGGREGATE:       {model.KindFunction, 1, false},
	pg.ObjectType_OBJECT_TRIGGER:         {model.KindTrigger, 1, true},
	pg.ObjectType_OBJECT_POLICY:          {model.KindPolicy, 1, true},
	pg.ObjectType_OBJECT_RULE:            {model.KindRule, 1, true},
	pg.ObjectType_OBJECT_PUBLICATION:     {model.KindPublication, 1, false},
	pg.ObjectType_OBJECT_STATISTIC_EXT:   {model.KindStatistics, 1, false},
	pg.ObjectType_OBJECT_COLLATION:       {model.KindCollation, 1, false},
	pg.ObjectType_OBJECT_FOREIGN_SERVER:  {model.KindServer, 1, false},
	pg.ObjectType_OBJECT_EVENT_TRIGGER:   {model.KindEventTrigger, 2, false},
	pg.ObjectType_OBJECT_CONVERSION:      {model.KindObject, 1, false},
	pg.ObjectType_OBJECT_OPERATOR:        {model.KindObject, 1, false},
	pg.ObjectType_OBJECT_OPCLASS:         {model.KindObject, 2, false},
	pg.ObjectType_OBJECT_OPFAMILY:        {model.KindObject, 2, false},
	pg.ObjectType_OBJECT_LANGUAGE:        {model.KindObject, 1, false},
	pg.ObjectType_OBJECT_FDW:             {model.KindObject, 3, false},
	pg.ObjectType_OBJECT_ACCESS_METHOD:   {model.KindObject, 2, false},
	pg.ObjectType_OBJECT_TSCONFIGURATION: {model.KindObject, 3, false},
	pg.ObjectType_OBJECT_TSDICTIONARY:    {model.KindObject, 3, false},
	pg.ObjectType_OBJECT_TSPARSER:        {model.KindObject, 3, false},
	pg.ObjectType_OBJECT_TSTEMPLATE:      {model.KindObject, 3, false},
	pg.ObjectType_OBJECT_CAST:            {model.KindObject, 1, false},
	pg.ObjectType_OBJECT_TRANSFORM:       {model.KindObject, 1, false},
	pg.ObjectType_OBJECT_COLUMN:          {model.KindColumn, 0, true},
	pg.ObjectType_OBJECT_TABCONSTRAINT:   {model.KindConstraint, 0, true},
	pg.ObjectType_OBJECT_DOMCONSTRAINT:   {model.KindConstraint, 0, true},
	pg.ObjectType_OBJECT_ATTRIBUTE:       {model.KindColumn, 0, true},
	pg.ObjectType_OBJECT_DATABASE:        {model.KindDatabase, 1, false},
	pg.ObjectType_OBJECT_ROLE:            {model.KindRole, 1, false},
	pg.ObjectType_OBJECT_TABLESPACE:      {model.KindTablespace, 1, false},
	pg.ObjectType_OBJECT_SUBSCRIPTION:    {model.KindSubscription, 1, false},
}

func kindOf(t pg.ObjectType) model.ObjectKind {
	if k, ok := objectKinds[t]; ok && k.kind != model.KindNone {
		return k.kind
	}
	return model.KindObject
}

// nameEnd returns the index after a possibly qualified name that starts
// at token i: ident (. ident)*.
func (c *conv) nameEnd(i int) int {
	if i >= len(c.toks) {
		return i
	}
	i++
	for i+1 < len(c.toks) && c.toks[i].Kind == lex.Dot {
		i += 2
	}
	return i
}

// wordsAt reports whether the tokens from i spell the given keywords.
func (c *conv) wordsAt(i int, words ...string) bool {
	for k, w := range words {
		if i+k >= len(c.toks) || !lex.Is(c.text, c.toks[i+k], w) {
			return false
		}
	}
	return true
}

// findWords returns the index of the first token in [from, to) where the
// keywords start, or -1.
func (c *conv) findWords(from, to int, words ...string) int {
	for i := from; i < to && i < len(c.toks); i++ {
		if c.wordsAt(i, words...) {
			return i
		}
	}
	return -1
}

// guardSpan finds the IF [NOT] EXISTS / OR REPLACE words in a statement.
func (c *conv) guardSpan(sp model.Span, words ...string) model.Span {
	from, to := c.tokAt(sp.Start), c.tokAt(sp.End)
	if i := c.findWords(from, to, words...); i >= 0 {
		return c.span(c.toks[i].Start, c.toks[i+len(words)-1].End)
	}
	return model.Span{}
}

// body returns the span of a statement without its terminator.
func (c *conv) body(sp model.Span) model.Span {
	i := c.tokAt(sp.End) - 1
	if i >= 0 && i < len(c.toks) && c.toks[i].Kind == lex.Semicolon && c.toks[i].End == sp.End {
		return model.Span{Start: sp.Start, End: c.toks[i].Start}
	}
	return sp
}

// tokSpan is the text span of tokens [i, j).
func (c *conv) tokSpan(i, j int) model.Span {
	if i >= len(c.toks) {
		return model.Span{}
	}
	if j <= i {
		j = i + 1
	}
	if j > len(c.toks) {
		j = len(c.toks)
	}
	return model.Span{Start: c.toks[i].Start, End: c.toks[j-1].End}
}

// lowerWord is the upper-cased text of token i, or "".
func (c *conv) upperWord(i int) string {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != lex.Word {
		return ""
	}
	return strings.ToUpper(c.toks[i].Text(c.text))
}
