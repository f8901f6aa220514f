-- ON DUPLICATE KEY UPDATE runs on every run after the first.
INSERT INTO counters (k, n) VALUES ('visits', 1)
ON DUPLICATE KEY UPDATE n = n + 1; -- want: non-convergent-update
INSERT INTO counters (k, n) VALUES ('visits', 1) AS new
ON DUPLICATE KEY UPDATE n = counters.n + new.n; -- want: non-convergent-update
INSERT INTO notes (k, body) VALUES ('a', 'x')
ON DUPLICATE KEY UPDATE seen = VALUES(seen), body = CONCAT(body, VALUES(body)); -- want: non-convergent-update
