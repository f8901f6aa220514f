DROP TABLE IF EXISTS legacy_orders; -- want: destructive-drop
ALTER TABLE users DROP COLUMN IF EXISTS nickname; -- want: destructive-drop
DROP SCHEMA IF EXISTS old_billing CASCADE; -- want: destructive-drop

-- Drop and create again: emptied on every run.
DROP TABLE IF EXISTS report_cache; -- want: destructive-drop
CREATE TABLE report_cache (id int);
