-- Columns and constraints dropped from tables the section makes afresh
-- and drops again at its end, itself or through its parent's CASCADE:
-- each run finds them there again. Rerun-safe.
CREATE TABLE IF NOT EXISTS imports (id int);
CREATE TABLE import_rows (batch int, raw text, CONSTRAINT raw_set CHECK (raw <> '')) INHERITS (imports);
ALTER TABLE import_rows DROP COLUMN batch;
ALTER TABLE import_rows DROP CONSTRAINT raw_set;
CREATE TABLE tmp_ids (id int, note text);
ALTER TABLE tmp_ids DROP COLUMN note;
DROP TABLE tmp_ids;
DROP TABLE imports CASCADE;
