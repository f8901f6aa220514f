-- Runnable: --fix guards each constraint with a check of
-- information_schema.table_constraints (MariaDB: IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS fx_users (id int PRIMARY KEY);
CREATE TABLE IF NOT EXISTS fx_orders (id int NOT NULL, user_id int, total int, code varchar(20));
ALTER TABLE fx_orders ADD CONSTRAINT fx_orders_user_fk FOREIGN KEY (user_id) REFERENCES fx_users (id); -- want: add-constraint-without-guard
ALTER TABLE fx_orders ADD CONSTRAINT fx_orders_total_chk CHECK (total >= 0); -- want: add-constraint-without-guard
ALTER TABLE fx_orders ADD CONSTRAINT fx_orders_code_uq UNIQUE (code); -- want: add-constraint-without-guard
ALTER TABLE fx_orders ADD PRIMARY KEY (id); -- want: add-constraint-without-guard
