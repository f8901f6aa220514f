ALTER TABLE schema_migrations ADD COLUMN note text;
