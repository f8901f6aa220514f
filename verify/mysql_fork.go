package verify

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Fork copies database from into a new database to inside the server:
// tables from their SHOW CREATE text (foreign keys to the same database
// are unqualified there, so they point at the copy), rows by INSERT ...
// SELECT, then views, routines, triggers and events. Unlike a dump piped
// into the client it needs no client binaries, so it works on --dsn
// servers too.
func (s *myServer) Fork(ctx context.Context, from, to string) error {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	sess := &mySession{conn: c, db: to}
	defer sess.Close()
	exec := func(q string) error {
		_, err := c.ExecContext(ctx, q)
		if err != nil {
			return fmt.Errorf("%w\n%s", myError(err), q)
		}
		return nil
	}
	query := func(q string) ([][]string, error) { return myQuery(ctx, c, q) }

	cs, err := query("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + myLiteral(from))
	if err != nil {
		return err
	}
	create := "CREATE DATABASE " + myIdent(to)
	if len(cs) == 1 {
		create += " CHARACTER SET " + cs[0][0] + " COLLATE " + cs[0][1]
	}
	if err := exec(create); err != nil {
		return err
	}
	// Rows go in as they are (0 in an AUTO_INCREMENT column stays 0, no
	// strict-mode conversion), with foreign keys and unique checks off.
	for _, q := range []string{"USE " + myIdent(to), "SET SESSION FOREIGN_KEY_CHECKS = 0", "SET SESSION UNIQUE_CHECKS = 0",
		"SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'"} {
		if err := exec(q); err != nil {
			return err
		}
	}
	tables, err := query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + myLiteral(from) + " ORDER BY TABLE_NAME")
	if err != nil {
		return err
	}
	cols, err := query("SELECT TABLE_NAME, GROUP_CONCAT(CONCAT('`', REPLACE(COLUMN_NAME, '`', '``'), '`') ORDER BY ORDINAL_POSITION SEPARATOR ', ')" +
		" FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + myLiteral(from) +
		" AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '') GROUP BY TABLE_NAME")
	if err != nil {
		return err
	}
	colList := map[string]string{}
	for _, r := range cols {
		colList[r[0]] = r[1]
	}
	var views []string
	src := myIdent(from) + "."
	for _, t := range tables {
		name, typ := t[0], t[1]
		switch typ {
		case "VIEW":
			views = append(views, name)
			continue
		case "SEQUENCE":
			def, err := query("SHOW CREATE SEQUENCE " + src + myIdent(name))
			if err != nil {
				return err
			}
			if err := exec(def[0][1]); err != nil {
				return err
			}
			continue
		case "TEMPORARY":
			continue
		}
		def, err := query("SHOW CREATE TABLE " + src + myIdent(name))
		if err != nil {
			return err
		}
		if err := exec(def[0][1]); err != nil {
			return err
		}
		if cl := colList[name]; cl != "" {
			if err := exec(fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s%s", myIdent(name), cl, cl, src, myIdent(name))); err != nil {
				return err
			}
		}
	}
	// Views may build on views: create what can be created until nothing
	// more can.
	for len(views) > 0 {
		var left []string
		var lastErr error
		for _, v := range views {
			def, err := query("SHOW CREATE VIEW " + src + myIdent(v))
			if err != nil {
				return err
			}
			if err := exec(strings.ReplaceAll(def[0][1], src, myIdent(to)+".")); err != nil {
				left, lastErr = append(left, v), err
			}
		}
		if len(left) == len(views) {
			return lastErr
		}
		views = left
	}
	if err := copyRoutines(ctx, c, exec, from); err != nil {
		return err
	}
	return nil
}

// copyRoutines recreates procedures, functions, triggers and events, each
// under the sql_mode it was created with.
func copyRoutines(ctx context.Context, c *sql.Conn, exec func(string) error, from string) error {
	type object struct {
		list, show string
		defCol     int
	}
	objects := []object{
		{"SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = %s", "SHOW CREATE %[2]s %[1]s", 2},
		{"SELECT TRIGGER_NAME, 'TRIGGER' FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = %s ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER", "SHOW CREATE %[2]s %[1]s", 2},
		{"SELECT EVENT_NAME, 'EVENT' FROM information_schema.EVENTS WHERE EVENT_SCHEMA = %s", "SHOW CREATE %[2]s %[1]s", 3},
	}
	for _, o := range objects {
		list, err := myQuery(ctx, c, fmt.Sprintf(o.list, myLiteral(from)))
		if err != nil {
			return err
		}
		for _, r := range list {
			def, err := myQuery(ctx, c, fmt.Sprintf(o.show, myIdent(from)+"."+myIdent(r[0]), r[1]))
			if err != nil {
				return err
			}
			if len(def) == 0 || len(def[0]) <= o.defCol {
				continue
			}
			if err := exec("SET SESSION sql_mode = " + myLiteral(def[0][1])); err != nil {
				return err
			}
			if err := exec(def[0][o.defCol]); err != nil {
				return err
			}
		}
	}
	return exec("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'")
}
