-- Data copied out of a column or table the migration then drops or renames:
-- the second run fails at the copy (testdata/verify/postgres/dropped_later
-- runs the same shapes twice on a server).
ALTER TABLE site ADD COLUMN IF NOT EXISTS warning text;
UPDATE site
SET warning = CASE WHEN local_site.enable_nsfw THEN 'NSFW' END -- want: uses-dropped-later
FROM local_site
WHERE site.id = local_site.site_id;
ALTER TABLE local_site DROP COLUMN IF EXISTS enable_nsfw; -- want: destructive-drop

-- The WHERE is read before the SET: the server names it first.
UPDATE person
SET shared_inbox_url = inbox_url
WHERE shared_inbox_url IS NULL; -- want: uses-dropped-later
ALTER TABLE person DROP COLUMN IF EXISTS inbox_url; -- want: destructive-drop
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_name = 'person' AND column_name = 'shared_inbox_url') THEN
    ALTER TABLE person RENAME COLUMN shared_inbox_url TO inbox_url;
  END IF;
END $$;

-- A table copied and dropped: ON CONFLICT does not keep the INSERT from
-- reading it.
CREATE TABLE IF NOT EXISTS person_new (id int PRIMARY KEY, name text);
INSERT INTO person_new (id, name) SELECT u.id, u.name FROM user_ u ON CONFLICT DO NOTHING; -- want: uses-dropped-later
DROP TABLE IF EXISTS user_; -- want: destructive-drop

-- The table itself, renamed away.
UPDATE legacy_orders SET total = 0 WHERE total IS NULL; -- want: uses-dropped-later
ALTER TABLE IF EXISTS legacy_orders RENAME TO orders_archive;
DELETE FROM sessions s USING old_users o WHERE s.user_id = o.id; -- want: uses-dropped-later
DROP TABLE IF EXISTS old_users; -- want: destructive-drop

-- A WITH query that reads one table: its bare names are that table's.
WITH subquery AS (
    SELECT id, CASE WHEN enable_downvotes THEN 'All' ELSE 'Disable' END AS mode -- want: uses-dropped-later
    FROM local_site)
UPDATE local_site SET post_downvotes = subquery.mode FROM subquery WHERE local_site.id = subquery.id;
ALTER TABLE local_site DROP COLUMN IF EXISTS enable_downvotes; -- want: destructive-drop

-- TRUNCATE needs its table too.
TRUNCATE staging_rows; -- want: uses-dropped-later destructive-truncate
DROP TABLE IF EXISTS staging_rows; -- want: destructive-drop
