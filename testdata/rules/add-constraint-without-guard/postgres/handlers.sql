-- CHECK and FOREIGN KEY constraints raise duplicate_object (42710) on a
-- second run, UNIQUE ones duplicate_table (42P07, the index behind them
-- exists), a second PRIMARY KEY invalid_table_definition (42P16).
DO $$
BEGIN
    BEGIN
        ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty > 0);
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        ALTER TABLE items ADD CONSTRAINT items_part_fk FOREIGN KEY (part_id) REFERENCES parts (id);
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE (code);
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    BEGIN
        ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY (id);
    EXCEPTION WHEN invalid_table_definition THEN NULL;
    END;

    BEGIN
        ALTER TABLE parts ADD CONSTRAINT parts_code_key UNIQUE (code); -- want: add-constraint-without-guard
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        ALTER TABLE parts ADD CONSTRAINT parts_pkey PRIMARY KEY (id); -- want: add-constraint-without-guard
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        ALTER TABLE parts ADD CONSTRAINT parts_qty_check CHECK (qty > 0); -- want: add-constraint-without-guard
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
END $$;
