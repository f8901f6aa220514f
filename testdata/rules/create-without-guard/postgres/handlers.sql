-- Tables, indexes, sequences and views that exist raise duplicate_table
-- (42P07); types, triggers, policies and the like duplicate_object
-- (42710); schemas duplicate_schema (42P06).
DO $$
BEGIN
    BEGIN
        CREATE TABLE items (id int);
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    BEGIN
        CREATE INDEX items_id_idx ON items (id);
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    BEGIN
        CREATE SEQUENCE items_seq;
    EXCEPTION WHEN SQLSTATE '42P07' THEN NULL;
    END;
    BEGIN
        CREATE TYPE item_state AS ENUM ('new');
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        CREATE SCHEMA billing;
    EXCEPTION WHEN duplicate_schema THEN NULL;
    END;
    BEGIN
        CREATE POLICY own_items ON items USING (true);
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;

    BEGIN
        CREATE TABLE parts (id int); -- want: create-without-guard
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        CREATE INDEX parts_id_idx ON parts (id); -- want: create-without-guard
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        CREATE TYPE part_state AS ENUM ('new'); -- want: create-without-guard
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    BEGIN
        CREATE SCHEMA shipping; -- want: create-without-guard
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    -- An unnamed index raises nothing on a second run: it is made again.
    BEGIN
        CREATE INDEX ON parts (id); -- want: create-without-guard
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
END $$;
