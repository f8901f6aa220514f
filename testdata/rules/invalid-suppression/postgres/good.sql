-- idemlint:ignore add-column-without-guard -- the deploy script checks the schema version first
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD COLUMN memo text; -- idemlint:ignore add-column-without-guard -- same reason
-- idemlint:ignore-file destructive-drop -- this migration retires the v1 tables
DROP TABLE IF EXISTS orders_v1;
DROP TABLE IF EXISTS users_v1;
-- The comment block above a statement carries the suppression.
-- idemlint:ignore bare-insert,non-convergent-update -- seed rows are checked by the loader
-- (one more comment line)
INSERT INTO roles (name) VALUES ('admin');
