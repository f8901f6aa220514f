TRUNCATE TABLE sessions; -- want: destructive-truncate
TRUNCATE audit_log; -- want: destructive-truncate
