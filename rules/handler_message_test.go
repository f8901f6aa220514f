package rules_test

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestHandlerMismatchMessage: a handler for the wrong condition guards
// nothing, and the finding names the condition a second run raises.
func TestHandlerMismatchMessage(t *testing.T) {
	cases := []struct {
		d    model.Dialect
		sql  string
		want string
	}{
		{model.Postgres, "DO $$ BEGIN ALTER TABLE t ADD COLUMN c int; EXCEPTION WHEN duplicate_table THEN NULL; END $$;\n",
			"the handler catches duplicate_table, but a second run raises duplicate_column (42701)"},
		{model.Postgres, "DO $$ BEGIN DROP INDEX i; EXCEPTION WHEN undefined_table OR SQLSTATE '42P01' THEN NULL; END $$;\n",
			"the handler catches undefined_table, SQLSTATE '42P01', but a second run raises undefined_object (42704)"},
		{model.MySQL, "CREATE PROCEDURE p() BEGIN DECLARE CONTINUE HANDLER FOR 1061 BEGIN END; ALTER TABLE t ADD COLUMN c int; END;\nCALL p();\n",
			"the handler catches 1061, but a second run raises 1060 (ER_DUP_FIELDNAME, SQLSTATE '42S21')"},
		{model.MariaDB, "CREATE PROCEDURE p() BEGIN DECLARE CONTINUE HANDLER FOR 1826 BEGIN END; ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id); END;\nCALL p();\n",
			"the handler catches 1826, but a second run raises 1005 (ER_CANT_CREATE_TABLE, SQLSTATE 'HY000')"},
	}
	for _, c := range cases {
		s := parser.Parse("m.sql", []byte(c.sql), parser.Options{Dialect: c.d})
		var msgs []string
		for _, f := range rules.Run(s, nil) {
			msgs = append(msgs, f.Rule.ID+": "+f.Message)
		}
		found := false
		for _, m := range msgs {
			found = found || strings.Contains(m, c.want)
		}
		if !found {
			t.Errorf("%s %q:\n got %q\nwant a finding saying %q", c.d, c.sql, msgs, c.want)
		}
	}
}
