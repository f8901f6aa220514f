package mysql

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/parser/model"
)

// tableDepends lists the tables a CREATE TABLE's foreign keys reference,
// which a DROP TABLE of them then waits on (MySQL 3730, MariaDB 1451):
// its FOREIGN KEY clauses, and on MariaDB, which keeps them since 10.5,
// the REFERENCES of a column (MySQL 8 reads and ignores those). A table
// whose engine keeps no foreign keys (anything but InnoDB) depends on
// nothing.
func (c *conv) tableDepends(x *ast.CreateTableStmt) []model.Object {
	for _, o := range x.Options {
		if o.Tp == ast.TableOptionEngine && o.StrValue != "" && !strings.EqualFold(o.StrValue, "InnoDB") {
			return nil
		}
	}
	var out []model.Object
	for _, con := range x.Constraints {
		out = append(out, foreignKeyDepends(con)...)
	}
	if c.mariadb {
		for _, col := range x.Cols {
			for _, o := range col.Options {
				if o.Tp == ast.ColumnOptionReference && o.Refer != nil && o.Refer.Table != nil {
					out = append(out, tableObject(o.Refer.Table, model.KindTable))
				}
			}
		}
	}
	return out
}

// foreignKeyDepends is the table a FOREIGN KEY constraint references.
func foreignKeyDepends(con *ast.Constraint) []model.Object {
	if con == nil || con.Tp != ast.ConstraintForeignKey || con.Refer == nil || con.Refer.Table == nil {
		return nil
	}
	return []model.Object{tableObject(con.Refer.Table, model.KindTable)}
}
