ALTER TABLE site ADD COLUMN IF NOT EXISTS flagged boolean;
ALTER TABLE local_site ADD COLUMN IF NOT EXISTS legacy_flag boolean DEFAULT true;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_name = 'local_site' AND column_name = 'legacy_flag') THEN
    UPDATE site SET flagged = local_site.legacy_flag FROM local_site WHERE site.id = local_site.site_id;
  END IF;
END $$;
ALTER TABLE local_site DROP COLUMN IF EXISTS legacy_flag;
