UPDATE users SET name = CONCAT(name, '-old') WHERE id < 100; -- want: non-convergent-update
UPDATE counters SET n = n + 1 WHERE k = 'runs'; -- want: non-convergent-update
