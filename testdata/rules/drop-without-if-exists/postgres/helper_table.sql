-- Columns and constraints dropped from a table the section makes afresh
-- and drops again at its end, itself or through its parent's CASCADE, are
-- there again on every run
-- (testdata/verify/postgres/cascade_later/6_helper_drop_column).
CREATE TABLE IF NOT EXISTS imports (id int);
CREATE TABLE import_rows (batch int, raw text, CONSTRAINT raw_set CHECK (raw <> '')) INHERITS (imports);
ALTER TABLE import_rows DROP COLUMN batch; -- want: destructive-drop
ALTER TABLE import_rows DROP CONSTRAINT raw_set;
DROP TABLE imports CASCADE; -- want: destructive-drop

-- A table the section keeps: its second run stops at the CREATE, and the
-- DROP is reported as well.
CREATE TABLE kept (id int, note text); -- want: create-without-guard
ALTER TABLE kept DROP COLUMN note; -- want: drop-without-if-exists destructive-drop
