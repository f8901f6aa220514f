UPDATE site
SET warning = CASE WHEN local_site.enable_nsfw THEN 'NSFW' END
FROM local_site
WHERE site.id = local_site.site_id;
ALTER TABLE local_site DROP COLUMN IF EXISTS enable_nsfw;
