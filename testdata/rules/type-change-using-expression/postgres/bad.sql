ALTER TABLE retention_policy ALTER COLUMN create_time -- want: type-change-using-expression
    TYPE timestamp WITHOUT TIME ZONE USING (current_date + create_time);
ALTER TABLE prices ALTER COLUMN amount TYPE bigint USING amount * 100; -- want: type-change-using-expression
ALTER TABLE events ALTER created TYPE timestamptz USING to_timestamp(created); -- want: type-change-using-expression
