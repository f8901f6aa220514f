DROP TABLE IF EXISTS legacy_orders; -- want: destructive-drop
DROP DATABASE IF EXISTS old_shop; -- want: destructive-drop
