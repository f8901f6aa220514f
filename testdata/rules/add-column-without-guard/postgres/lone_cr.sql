-- PostgreSQL ends a -- comment at a lone CR (scan.l: non_newline is [^\n\r]),
-- so the ALTER after it runs. A lone CR also ends a line for positions.
-- cALTER TABLE t ADD COLUMN c int; -- want: add-column-without-guardALTER TABLE t ADD COLUMN IF NOT EXISTS d int;ALTER TABLE t ADD COLUMN e int; -- want: add-column-without-guard
-- A suppression before a lone CR covers the statement after it.
-- idemlint:ignore add-column-without-guard -- checked by handALTER TABLE t ADD COLUMN f int;
/* A block comment spans lone CRs: ALTER TABLE t ADD COLUMN g int; */
ALTER TABLE t ADD COLUMN h int; -- want: add-column-without-guard
/* idemlint:ignore   add-column-without-guard -- a list broken over lines */ ALTER TABLE t ADD COLUMN i int;
