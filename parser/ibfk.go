package parser

import (
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// MySQL and MariaDB name a foreign key added without a name
// <table>_ibfk_<n>, n one more than the highest such number the table
// already has (MySQL 8.0 manual, "FOREIGN KEY Constraints"; checked on
// MariaDB 10.11, which keeps the table name's case). So a drop of
// t_ibfk_<n> before an unnamed ALTER TABLE t ADD FOREIGN KEY is a drop and
// re-create: the second run drops the key the first run added and adds it
// again under the same name, as long as no other foreign key of t carries
// a higher number (the usual case: one foreign key per drop).

// ibfkPairs pairs each unnamed foreign key a MySQL or MariaDB section adds
// with the earliest unpaired drop of a constraint named <table>_ibfk_<n>
// of the same table before it, both ways: the add is protected by the
// drop, the drop by the add that re-creates its key.
func ibfkPairs(s *model.Script, all []*model.Effect) map[*model.Effect]*model.Effect {
	if !s.Dialect.MySQLFamily() {
		return nil
	}
	var pairs map[*model.Effect]*model.Effect
	pending := map[string][]*model.Effect{} // by lower-cased table: drops not yet paired
	for _, e := range all {
		o := e.Object
		if o.Kind != model.KindConstraint || o.Table == "" || o.Unknown {
			continue
		}
		t := strings.ToLower(o.Table)
		switch {
		case e.Action == model.ActDrop && isIbfkName(o.Name, o.Table):
			pending[t] = append(pending[t], e)
		case e.Action == model.ActAdd && e.Unnamed && constraintType(s, e) == model.ConstraintForeign:
			for i, x := range pending[t] {
				if x.Object.Schema != "" && o.Schema != "" && !strings.EqualFold(x.Object.Schema, o.Schema) {
					continue
				}
				if pairs == nil {
					pairs = map[*model.Effect]*model.Effect{}
				}
				pairs[e], pairs[x] = x, e
				pending[t] = append(pending[t][:i:i], pending[t][i+1:]...)
				break
			}
		}
	}
	return pairs
}

// isIbfkName reports whether name is one the server generates for a
// foreign key of table: <table>_ibfk_<n>, compared without case as MySQL
// compares constraint names.
func isIbfkName(name, table string) bool {
	prefix := table + "_ibfk_"
	if len(name) <= len(prefix) || !strings.EqualFold(name[:len(prefix)], prefix) {
		return false
	}
	for _, c := range name[len(prefix):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
