-- MariaDB, like MySQL, ends a -- or # comment only at LF.
-- cALTER TABLE t ADD COLUMN c int;
# cALTER TABLE t ADD COLUMN d int;
-- want-next: add-column-without-guard
ALTER TABLE t ADD COLUMN f int;ALTER TABLE t ADD COLUMN IF NOT EXISTS g int;
