DELETE FROM sessions; -- want: unbounded-delete
DELETE FROM audit_log -- want: unbounded-delete
RETURNING id;
