RENAME TABLE users TO accounts; -- want: rename-without-guard
ALTER TABLE accounts RENAME COLUMN name TO full_name; -- want: rename-without-guard
ALTER TABLE accounts CHANGE COLUMN mail email varchar(255); -- want: rename-without-guard
ALTER TABLE accounts RENAME INDEX idx_mail TO idx_email; -- want: rename-without-guard
ALTER TABLE accounts RENAME TO members; -- want: rename-without-guard
