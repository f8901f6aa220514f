TRUNCATE sessions; -- want: destructive-truncate
TRUNCATE TABLE audit_log, -- want: destructive-truncate destructive-truncate
    audit_details RESTART IDENTITY;
