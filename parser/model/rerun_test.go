package model

import "testing"

// TestRerunConditionsNamed: every PostgreSQL condition RerunError can
// return is known by its name and its class name, so that a handler that
// names it is read as catching it, and only those of its class.
func TestRerunConditionsNamed(t *testing.T) {
	classes := map[string]string{"42": "syntax_error_or_access_rule_violation", "23": "integrity_constraint_violation",
		"22": "data_exception", "3F": "invalid_schema_name", "3D": "invalid_catalog_name"}
	for a := ActCreate; a <= ActRetype; a++ {
		for k := KindTable; k <= KindObject; k++ {
			for ct := ConstraintOther; ct <= ConstraintForeign; ct++ {
				c, r := RerunError(Postgres, a, k, ct, false)
				if r != RaisesError {
					continue
				}
				if !PGCatch(c.Name).Catches(Postgres, c) {
					t.Errorf("%s %s: handler WHEN %s does not catch %s", a, k, c.Name, c)
				}
				if !PGCatch(c.SQLState).Catches(Postgres, c) {
					t.Errorf("%s %s: handler WHEN SQLSTATE '%s' does not catch %s", a, k, c.SQLState, c)
				}
				class, ok := classes[c.SQLState[:2]]
				if !ok {
					t.Errorf("%s %s: %s belongs to a class the table does not name", a, k, c)
				} else if !PGCatch(class).Catches(Postgres, c) {
					t.Errorf("%s %s: class %s does not catch %s", a, k, class, c)
				}
				if PGCatch("feature_not_supported").Catches(Postgres, c) {
					t.Errorf("feature_not_supported catches %s", c)
				}
			}
		}
	}
}

func TestCatches(t *testing.T) {
	dupCol := Condition{SQLState: "42701", Name: "duplicate_column"}
	myDup := Condition{Number: 1060, SQLState: "42S21", Name: "ER_DUP_FIELDNAME"}
	cases := []struct {
		h    Catch
		d    Dialect
		c    Condition
		want bool
	}{
		{PGCatch("duplicate_column"), Postgres, dupCol, true},
		{PGCatch("DUPLICATE_COLUMN"), Postgres, dupCol, true},
		{PGCatch("duplicate_object"), Postgres, dupCol, false},
		{PGCatch("42701"), Postgres, dupCol, true},
		{PGCatch("42000"), Postgres, dupCol, true}, // SQLSTATE '42000' is the class
		{PGCatch("42P01"), Postgres, dupCol, false},
		{PGCatch("others"), Postgres, dupCol, true},
		{PGCatch("no_such_condition"), Postgres, dupCol, false},
		{MySQLCatchNumber(1060), MySQL, myDup, true},
		{MySQLCatchNumber(1061), MySQL, myDup, false},
		{MySQLCatchState("42S21"), MySQL, myDup, true},
		{MySQLCatchState("42000"), MySQL, myDup, false}, // MySQL has no class match
		{MySQLCatchState("42S00"), MariaDB, myDup, false},
		{Catch{Any: true}, MariaDB, myDup, true},
	}
	for _, c := range cases {
		if got := c.h.Catches(c.d, c.c); got != c.want {
			t.Errorf("%+v catches %s on %s = %v, want %v", c.h, c.c, c.d, got, c.want)
		}
	}
}
