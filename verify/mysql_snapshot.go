package verify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// mySchemaQueries each return (key, definition) rows for the current
// database; %[1]s is its name as a string literal.
var mySchemaQueries = []string{
	`SELECT CONCAT(LOWER(TABLE_TYPE), ' ', TABLE_NAME), CONCAT_WS(' ', ENGINE, TABLE_COLLATION, TABLE_COMMENT)
	 FROM information_schema.TABLES WHERE TABLE_SCHEMA = %[1]s AND TABLE_TYPE <> 'VIEW'`,

	`SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME),
	   CONCAT_WS(' ', ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, CONCAT('default ', COLUMN_DEFAULT), EXTRA, COLLATION_NAME, GENERATION_EXPRESSION, COLUMN_COMMENT)
	 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %[1]s`,

	`SELECT CONCAT('index ', TABLE_NAME, '.', INDEX_NAME),
	   CONCAT_WS(' ', NON_UNIQUE, INDEX_TYPE, GROUP_CONCAT(CONCAT_WS(':', COLUMN_NAME, SUB_PART, COLLATION) ORDER BY SEQ_IN_INDEX SEPARATOR ','))
	 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = %[1]s GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE`,

	`SELECT CONCAT('constraint ', r.TABLE_NAME, '.', r.CONSTRAINT_NAME),
	   CONCAT_WS(' ', r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE,
	     (SELECT GROUP_CONCAT(CONCAT(k.COLUMN_NAME, '>', k.REFERENCED_COLUMN_NAME) ORDER BY k.ORDINAL_POSITION)
	      FROM information_schema.KEY_COLUMN_USAGE k
	      WHERE k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.TABLE_NAME = r.TABLE_NAME AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME))
	 FROM information_schema.REFERENTIAL_CONSTRAINTS r WHERE r.CONSTRAINT_SCHEMA = %[1]s`,

	`SELECT CONCAT('check ', TABLE_NAME, '.', CONSTRAINT_NAME), CHECK_CLAUSE
	 FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = %[1]s`,

	`SELECT CONCAT('view ', TABLE_NAME), CONCAT_WS(' ', VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE)
	 FROM information_schema.VIEWS WHERE TABLE_SCHEMA = %[1]s`,

	`SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME),
	   CONCAT_WS(' ', MD5(ROUTINE_DEFINITION), DTD_IDENTIFIER, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE,
	     (SELECT GROUP_CONCAT(CONCAT_WS(' ', PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER) ORDER BY ORDINAL_POSITION)
	      FROM information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE))
	 FROM information_schema.ROUTINES r WHERE ROUTINE_SCHEMA = %[1]s`,

	`SELECT CONCAT('trigger ', TRIGGER_NAME), CONCAT_WS(' ', EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, MD5(ACTION_STATEMENT))
	 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = %[1]s`,

	`SELECT CONCAT('event ', EVENT_NAME), CONCAT_WS(' ', MD5(EVENT_DEFINITION), STATUS, INTERVAL_VALUE, INTERVAL_FIELD, EXECUTE_AT)
	 FROM information_schema.EVENTS WHERE EVENT_SCHEMA = %[1]s`,
}

// myGlobalQueries read server-wide objects: accounts live outside any
// database, so a second run that creates one changes the server.
var myGlobalQueries = []string{
	`SELECT CONCAT('user ', GRANTEE), GROUP_CONCAT(PRIVILEGE_TYPE ORDER BY PRIVILEGE_TYPE) FROM information_schema.USER_PRIVILEGES GROUP BY GRANTEE`,
}

// Snapshot reads the current database's schema and a checksum of every
// base table's rows. The database's own name is taken out of the
// definitions (view texts qualify every column with it), so that a fork
// compares equal to its source.
func (m *mySession) Snapshot(ctx context.Context) (*Snapshot, error) {
	snap := NewSnapshot()
	// A migration may leave a transaction open, or change the session's
	// sql_mode or time zone: the snapshot starts clean.
	_, _ = m.conn.ExecContext(ctx, "ROLLBACK")
	_, _ = m.conn.ExecContext(ctx, "SET SESSION sql_mode = DEFAULT, time_zone = DEFAULT, group_concat_max_len = 1048576")
	if _, err := m.conn.ExecContext(ctx, "USE "+myIdent(m.db)); err != nil {
		return nil, myError(err)
	}
	lit := myLiteral(m.db)
	qualifier := myIdent(m.db) + "."
	for _, q := range mySchemaQueries {
		rows, err := myQuery(ctx, m.conn, fmt.Sprintf(q, lit))
		if err != nil {
			if strings.Contains(err.Error(), "CHECK_CONSTRAINTS") || strings.Contains(err.Error(), "1109") {
				continue // older servers have no such table
			}
			return nil, err
		}
		for _, r := range rows {
			snap.Objects[r[0]] = strings.ReplaceAll(r[1], qualifier, "")
		}
	}
	for _, q := range myGlobalQueries {
		rows, err := myQuery(ctx, m.conn, q)
		if err != nil {
			continue // a --dsn account may not see them
		}
		for _, r := range rows {
			snap.Objects[r[0]] = r[1]
		}
	}
	tables, err := myQuery(ctx, m.conn, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "+lit+" AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")
	if err != nil {
		return nil, err
	}
	const batch = 50
	for i := 0; i < len(tables); i += batch {
		var counts, names []string
		for _, t := range tables[i:min(i+batch, len(tables))] {
			counts = append(counts, fmt.Sprintf("SELECT %s, COUNT(*) FROM %s", myLiteral(t[0]), myIdent(t[0])))
			names = append(names, myIdent(t[0]))
		}
		rows, err := myQuery(ctx, m.conn, strings.Join(counts, " UNION ALL "))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			n, _ := strconv.ParseInt(r[1], 10, 64)
			snap.Tables[r[0]] = Rows{Count: n}
		}
		// CHECKSUM TABLE sums the rows whatever their order.
		sums, err := myQuery(ctx, m.conn, "CHECKSUM TABLE "+strings.Join(names, ", ")+" EXTENDED")
		if err != nil {
			return nil, err
		}
		for _, r := range sums {
			name := strings.TrimPrefix(r[0], m.db+".")
			rs := snap.Tables[name]
			rs.Sum = r[1]
			snap.Tables[name] = rs
		}
	}
	return snap, nil
}
