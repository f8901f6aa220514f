-- The update part converges: it writes the proposed row or a constant.
INSERT INTO counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n;
INSERT INTO counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n + 1;
INSERT INTO counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = 5;
INSERT INTO counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = greatest(counters.n, EXCLUDED.n);
INSERT INTO counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO NOTHING;
-- The WHERE tests the rewritten column: only rows not yet bumped.
INSERT INTO counters (k, n) VALUES ('visits', 1)
ON CONFLICT (k) DO UPDATE SET n = counters.n + 1 WHERE counters.n = 0;
-- A bare column name is ambiguous between the stored and the proposed row:
-- the server rejects it on the first run, a matter for verify.
INSERT INTO counters (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = n + 1;
-- With an alias, the table's own name no longer names the stored row.
INSERT INTO counters AS c (k, n) VALUES ('visits', 1) ON CONFLICT (k) DO UPDATE SET n = c.n;
-- A temporary table starts empty in every session.
CREATE TEMP TABLE scratch (k text PRIMARY KEY, n int);
INSERT INTO scratch (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = scratch.n + 1;
