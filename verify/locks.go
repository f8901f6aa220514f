package verify

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/idemlint/idemlint/parser/model"
)

// What a migration's statements lock, observed on the server (--locks):
// the static lock rules claim it, and this is how they are checked.

// Lock is a lock a statement held on a relation that existed before its
// migration, as pg_locks names the mode ("AccessExclusiveLock").
type Lock struct {
	Relation string `json:"relation"`
	Mode     string `json:"mode"`
}

// StmtLocks is what one statement of a migration did to the relations
// that existed before the migration.
type StmtLocks struct {
	Stmt *Stmt `json:"-"`
	// Locks are the relation locks the statement took (PostgreSQL), in
	// relation then mode order.
	Locks []Lock `json:"locks"`
	// Rewrites are the tables whose files the statement replaced: their
	// relfilenode changed (PostgreSQL).
	Rewrites []string `json:"rewrites"`
	// Scans are the existing tables the statement read whole (their
	// sequential scan count grew in the transaction): a check of every
	// row, an index build. Builds are the indexes it built on them.
	Scans  []string `json:"scans,omitempty"`
	Builds []string `json:"indexes_built,omitempty"`
	// Algorithm is, for a MySQL/MariaDB ALTER TABLE, the fastest
	// algorithm the server accepted: INSTANT, INPLACE or COPY.
	Algorithm string `json:"algorithm,omitempty"`
	// Note says what could not be observed and why.
	Note string `json:"note,omitempty"`
}

// Strong reports whether the statement blocked writes on an existing
// relation: a lock of SHARE or stronger, a rewrite, or a COPY.
func (s *StmtLocks) Strong() bool {
	for _, l := range s.Locks {
		if model.StrongMode(l.Mode) {
			return true
		}
	}
	return len(s.Rewrites) > 0 || s.Algorithm == "COPY"
}

// pgProbe is what a PostgreSQL session offers to observe locks.
type pgProbe interface {
	// relations maps the oid of each relation of the database's own
	// schemas to its qualified name, kind and relfilenode.
	relations(ctx context.Context) (map[string]pgRel, error)
	// heldLocks are the relation locks the session holds, by oid.
	heldLocks(ctx context.Context) ([][2]string, error)
	// seqScans are the sequential scans of each table in the current
	// transaction, by oid.
	seqScans(ctx context.Context) (map[string]string, error)
}

type pgRel struct {
	name, kind, filenode string
}

// myProbe is what a MySQL/MariaDB session offers.
type myProbe interface {
	// tables lists the database's base tables, lower-cased.
	tables(ctx context.Context) (map[string]bool, error)
}

func (p *pgSession) relations(ctx context.Context) (map[string]pgRel, error) {
	rows, err := pgQuery(ctx, p.conn, `SELECT c.oid::text, n.nspname || '.' || c.relname, c.relkind::text, c.relfilenode::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]pgRel, len(rows))
	for _, r := range rows {
		out[r[0]] = pgRel{name: r[1], kind: r[2], filenode: r[3]}
	}
	return out, nil
}

func (p *pgSession) heldLocks(ctx context.Context) ([][2]string, error) {
	rows, err := pgQuery(ctx, p.conn, `SELECT relation::text, mode FROM pg_locks
WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted AND relation IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	out := make([][2]string, len(rows))
	for i, r := range rows {
		out[i] = [2]string{r[0], r[1]}
	}
	return out, nil
}

func (p *pgSession) seqScans(ctx context.Context) (map[string]string, error) {
	rows, err := pgQuery(ctx, p.conn, `SELECT relid::text, seq_scan::text FROM pg_stat_xact_user_tables`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r[0]] = r[1]
	}
	return out, nil
}

func (m *mySession) tables(ctx context.Context) (map[string]bool, error) {
	rows, err := myQuery(ctx, m.conn, `SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, r := range rows {
		out[strings.ToLower(r[0])] = true
	}
	return out, nil
}

// locks applies a plan to a fork of database a (the state before the
// migration) and records, statement by statement, what it did to the
// relations that existed before it. It stops at the first statement that
// fails: the verdict run reports that failure.
func (r *runner) locks(ctx context.Context, a string, plan []Unit) ([]StmtLocks, error) {
	l := r.prefix + "_l"
	if err := r.srv.Fork(ctx, a, l); err != nil {
		return nil, fmt.Errorf("fork the scratch database: %w", err)
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = r.srv.DropDB(dctx, l)
	}()
	sess, err := r.srv.Open(ctx, l, Migrator, r.opt.Timeout)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	switch p := sess.(type) {
	case interface {
		Session
		pgProbe
	}:
		return pgLocks(ctx, p, plan)
	case interface {
		Session
		myProbe
	}:
		return myAlgorithms(ctx, p, plan)
	}
	return nil, errors.New("this server cannot report locks")
}

// pgLocks runs the plan, each statement inside a transaction (its unit's,
// or one of its own), and reads the locks the session holds after it,
// before the transaction ends: what it holds then, it held while it ran.
// A statement that cannot run in a transaction (CREATE INDEX
// CONCURRENTLY, VACUUM) runs on its own, and only its rewrites are seen.
func pgLocks(ctx context.Context, sess interface {
	Session
	pgProbe
}, plan []Unit) ([]StmtLocks, error) {
	before, err := sess.relations(ctx)
	if err != nil {
		return nil, err
	}
	var out []StmtLocks
	inTx := false
	held := map[[2]string]bool{}
	end := func() error {
		if !inTx {
			return nil
		}
		inTx = false
		clear(held)
		return sess.Exec(ctx, "COMMIT")
	}
	for _, u := range plan {
		for i := range u.Stmts {
			st := &u.Stmts[i]
			rec := StmtLocks{Stmt: st, Locks: []Lock{}, Rewrites: []string{}}
			noTx := st.St != nil && st.St.NoTx || st.Data != nil
			if noTx {
				if err := end(); err != nil {
					return out, nil
				}
				rec.Note = "runs outside a transaction: its locks are released before they can be read"
			} else if !inTx {
				if err := sess.Exec(ctx, "BEGIN"); err != nil {
					return out, err
				}
				inTx = true
			}
			var scans map[string]string
			if inTx {
				if scans, err = sess.seqScans(ctx); err != nil {
					return out, err
				}
			}
			var e error
			if st.Data != nil {
				e = sess.CopyFrom(ctx, st.Text, st.Data)
			} else {
				e = sess.Exec(ctx, st.Text)
			}
			if e != nil {
				var se *ServerError
				if inTx {
					_ = sess.Exec(ctx, "ROLLBACK")
				}
				if errors.As(e, &se) {
					return out, nil
				}
				return out, e
			}
			if inTx {
				now, err := sess.heldLocks(ctx)
				if err != nil {
					return out, err
				}
				for _, h := range now {
					rel, ok := before[h[0]]
					if !ok || held[h] {
						continue
					}
					held[h] = true
					rec.Locks = append(rec.Locks, Lock{Relation: rel.name, Mode: h[1]})
				}
				now2, err := sess.seqScans(ctx)
				if err != nil {
					return out, err
				}
				for oid, n := range now2 {
					if rel, ok := before[oid]; ok && n != scans[oid] {
						rec.Scans = append(rec.Scans, rel.name)
					}
				}
			}
			after, err := sess.relations(ctx)
			if err != nil {
				return out, err
			}
			for oid, rel := range after {
				if _, old := before[oid]; old || rel.kind != "i" {
					continue
				}
				if tbl := indexTable(ctx, sess, oid, before); tbl != "" {
					rec.Builds = append(rec.Builds, rel.name)
				}
			}
			for oid, rel := range before {
				if rel.kind != "r" && rel.kind != "m" {
					continue
				}
				if now, ok := after[oid]; ok && now.filenode != rel.filenode {
					rec.Rewrites = append(rec.Rewrites, rel.name)
					rel.filenode = now.filenode
					before[oid] = rel
				}
			}
			sort.Slice(rec.Locks, func(i, j int) bool {
				if rec.Locks[i].Relation != rec.Locks[j].Relation {
					return rec.Locks[i].Relation < rec.Locks[j].Relation
				}
				return rec.Locks[i].Mode < rec.Locks[j].Mode
			})
			sort.Strings(rec.Rewrites)
			sort.Strings(rec.Scans)
			sort.Strings(rec.Builds)
			out = append(out, rec)
			if !u.InTx {
				if err := end(); err != nil {
					return out, nil
				}
			}
		}
		if err := end(); err != nil {
			return out, nil
		}
	}
	return out, nil
}

// indexTable is the name of the existing table a new index is on, or "".
func indexTable(ctx context.Context, sess pgProbe, oid string, before map[string]pgRel) string {
	p, ok := sess.(*pgSession)
	if !ok {
		return ""
	}
	rows, err := pgQuery(ctx, p.conn, "SELECT indrelid::text FROM pg_index WHERE indexrelid = "+oid)
	if err != nil || len(rows) == 0 {
		return ""
	}
	return before[rows[0][0]].name
}

// myAlgorithms runs the plan and asks the server, for each ALTER TABLE of
// a table that existed before the migration, which algorithm it accepts:
// the statement with ALGORITHM=INSTANT, then INPLACE, and as written
// when both are refused (MySQL and MariaDB refuse an algorithm they cannot
// use with error 1845 or 1846 and change nothing). An ALTER TABLE that
// names its own algorithm runs as written.
func myAlgorithms(ctx context.Context, sess interface {
	Session
	myProbe
}, plan []Unit) ([]StmtLocks, error) {
	before, err := sess.tables(ctx)
	if err != nil {
		return nil, err
	}
	var out []StmtLocks
	for _, u := range plan {
		for i := range u.Stmts {
			st := &u.Stmts[i]
			rec := StmtLocks{Stmt: st, Locks: []Lock{}, Rewrites: []string{}}
			table := alteredTable(st)
			upper := strings.ToUpper(st.Text)
			ask := table != "" && before[strings.ToLower(table)] && !strings.Contains(upper, "ALGORITHM")
			if ask && strings.Contains(upper, "PARTITION") {
				// ALGORITHM= cannot follow a partitioning clause, and
				// MariaDB 10.11 accepted ALGORITHM=INSTANT before PARTITION
				// BY: the answer would mean nothing.
				ask, rec.Note = false, "a partitioning change: the server was not asked"
			}
			done := false
			if ask {
				for _, algo := range []string{"INSTANT", "INPLACE"} {
					e := sess.Exec(ctx, st.Text+", ALGORITHM="+algo)
					if e == nil {
						rec.Algorithm, done = algo, true
						break
					}
					var se *ServerError
					if !errors.As(e, &se) {
						return out, e
					}
					if !strings.Contains(se.Message, "ERROR 1845 ") && !strings.Contains(se.Message, "ERROR 1846 ") {
						rec.Note = "the server could not be asked: " + se.Message
						break
					}
				}
			}
			if !done && !ask && table != "" {
				// Named in the statement: ALGORITHM=COPY copies.
				for _, algo := range []string{"COPY", "INPLACE", "INSTANT", "NOCOPY"} {
					if strings.Contains(strings.ToUpper(st.Text), "ALGORITHM="+algo) || strings.Contains(strings.ToUpper(st.Text), "ALGORITHM = "+algo) {
						rec.Algorithm = algo
					}
				}
			}
			if !done {
				if e := sess.Exec(ctx, st.Text); e != nil {
					var se *ServerError
					if errors.As(e, &se) {
						return out, nil
					}
					return out, e
				}
				if ask && rec.Note == "" {
					rec.Algorithm = "COPY"
				}
			}
			if table != "" {
				out = append(out, rec)
			}
		}
	}
	return out, nil
}

// alteredTable is the table an ALTER TABLE statement alters, "" for any
// other statement.
func alteredTable(st *Stmt) string {
	if st.St == nil || st.St.Tag != "ALTER TABLE" {
		return ""
	}
	for _, op := range st.St.Locks {
		if op.Table.Name != "" {
			return op.Table.Name
		}
	}
	return ""
}
