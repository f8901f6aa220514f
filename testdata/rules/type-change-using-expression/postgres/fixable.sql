-- Runnable: --fix runs each conversion only while the column does not
-- have the new type yet (pg_attribute, compared by type OID).
CREATE TABLE IF NOT EXISTS fx_retention (id int, keep_days int, tags text);
INSERT INTO fx_retention (id, keep_days, tags) SELECT 1, 3, 'a,b' WHERE NOT EXISTS (SELECT 1 FROM fx_retention);
ALTER TABLE fx_retention ALTER COLUMN keep_days TYPE interval USING keep_days * interval '1 day'; -- want: type-change-using-expression
ALTER TABLE fx_retention ALTER COLUMN tags TYPE text[] USING string_to_array(tags, ','); -- want: type-change-using-expression
-- The new type has a modifier, which a regtype drops: no fix offered.
ALTER TABLE fx_retention ALTER COLUMN id TYPE numeric(12,2) USING id / 100.0; -- want: type-change-using-expression
