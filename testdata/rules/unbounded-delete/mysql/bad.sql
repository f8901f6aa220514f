DELETE FROM sessions; -- want: unbounded-delete
