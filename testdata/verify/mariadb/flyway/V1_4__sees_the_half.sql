-- Fails on its first run because V1_3's first ALTER stayed applied.
ALTER TABLE t ADD COLUMN c int;
