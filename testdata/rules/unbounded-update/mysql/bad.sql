UPDATE users SET locale = 'en'; -- want: unbounded-update
