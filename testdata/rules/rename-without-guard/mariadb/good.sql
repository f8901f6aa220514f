-- MariaDB's own guards on renames: each skips a missing name with a note.
RENAME TABLE IF EXISTS fx_a TO fx_b, fx_c TO fx_d;
ALTER TABLE IF EXISTS fx_e RENAME TO fx_f;
ALTER TABLE fx_g RENAME COLUMN IF EXISTS a TO b;
ALTER TABLE fx_g CHANGE COLUMN IF EXISTS c d int;
ALTER TABLE fx_g RENAME KEY IF EXISTS i TO j;
