-- Runnable: --fix runs each conversion only while the column does not
-- have the new type yet (pg_attribute, compared by type OID). A new type
-- with a modifier (numeric(12,2)) gets no fix: rewrite's tests cover it.
CREATE TABLE IF NOT EXISTS fx_retention (id int, keep_days int, tags text);
-- The row is written only into the new table: a second run's INSERT
-- would meet the converted columns.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM fx_retention) THEN
    EXECUTE 'INSERT INTO fx_retention (id, keep_days, tags) VALUES (1, 3, ''a,b'')';
  END IF;
END $$;
ALTER TABLE fx_retention ALTER COLUMN keep_days TYPE interval USING keep_days * interval '1 day'; -- want: type-change-using-expression
ALTER TABLE fx_retention ALTER COLUMN tags TYPE text[] USING string_to_array(tags, ','); -- want: type-change-using-expression
