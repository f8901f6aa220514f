-- MySQL and MariaDB end a -- or # comment only at LF (sql_lex.cc): the
-- ALTERs after a lone CR on these comment lines never run.
-- cALTER TABLE t ADD COLUMN c int;
# cALTER TABLE t ADD COLUMN d int;
--ALTER TABLE t ADD COLUMN e int;
-- Outside comments a lone CR ends a line for positions.
-- want-next: add-column-without-guard
ALTER TABLE t ADD COLUMN f int;ALTER TABLE t ADD COLUMN g int; -- want: add-column-without-guard
