-- A migration helper that the script calls: its body runs now.
CREATE OR REPLACE FUNCTION migrate_orders() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    ALTER TABLE orders ADD COLUMN priority int; -- want: add-column-without-guard
    INSERT INTO order_log (event) VALUES ('priority added'); -- want: bare-insert
END
$fn$;
SELECT migrate_orders();

-- A trigger function: its INSERT runs per row later, not in the migration.
CREATE OR REPLACE FUNCTION audit_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (row_id) VALUES (NEW.id);
    RETURN NEW;
END
$$;

-- A procedure that is not called here still may not hold unguarded DDL.
CREATE OR REPLACE PROCEDURE add_archive_flag() LANGUAGE plpgsql AS $$
BEGIN
    ALTER TABLE orders ADD COLUMN archived boolean; -- want: add-column-without-guard
END
$$;
