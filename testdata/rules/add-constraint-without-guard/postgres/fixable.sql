-- Runnable: --fix guards each named constraint with a pg_constraint check.
CREATE TABLE IF NOT EXISTS fx_users (id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS fx_orders (id bigint, user_id bigint, total int);
ALTER TABLE fx_orders ADD CONSTRAINT fx_orders_user_fk FOREIGN KEY (user_id) REFERENCES fx_users (id); -- want: add-constraint-without-guard
ALTER TABLE fx_orders ADD CONSTRAINT fx_total_chk CHECK (total >= 0), ADD CONSTRAINT "Fx_id_chk" CHECK (id > 0); -- want: add-constraint-without-guard
ALTER TABLE fx_orders
  ADD COLUMN note text, -- want: add-column-without-guard
  ADD CONSTRAINT fx_note_chk CHECK (note <> ''); -- want: add-constraint-without-guard
