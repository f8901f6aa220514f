-- golang-migrate creates schema_migrations before the first migration:
-- a migration that alters it must find it.
ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS data_version int;
