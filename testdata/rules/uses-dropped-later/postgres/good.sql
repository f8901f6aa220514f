-- The copy runs only while the column is there.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_name = 'local_site' AND column_name = 'enable_nsfw') THEN
    UPDATE site SET warning = 'NSFW' FROM local_site WHERE local_site.enable_nsfw;
  END IF;
END $$;
ALTER TABLE local_site DROP COLUMN IF EXISTS enable_nsfw; -- want: destructive-drop

-- The column the UPDATE reads is added again before it on every run.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS legacy_flag boolean;
UPDATE accounts SET active = legacy_flag WHERE legacy_flag IS NOT NULL;
ALTER TABLE accounts DROP COLUMN IF EXISTS legacy_flag; -- want: destructive-drop

-- A table the migration creates itself is there again on the second run.
CREATE TABLE IF NOT EXISTS staging (id int, body text);
INSERT INTO staging (id, body) SELECT id, body FROM documents WHERE id NOT IN (SELECT id FROM staging);
DROP TABLE IF EXISTS staging; -- want: destructive-drop

-- A WITH query's name is not a table, even where a table of that name is
-- dropped.
WITH archived AS (SELECT id FROM orders WHERE status = 'archived')
DELETE FROM order_items USING archived WHERE order_items.order_id = archived.id;
DROP TABLE IF EXISTS archived; -- want: destructive-drop
