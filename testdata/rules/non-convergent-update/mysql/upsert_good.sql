-- The update part converges: it writes the proposed row or a constant.
INSERT INTO counters (k, n) VALUES ('visits', 1) ON DUPLICATE KEY UPDATE n = VALUES(n);
INSERT INTO counters (k, n) VALUES ('visits', 1) ON DUPLICATE KEY UPDATE n = VALUES(n) + 1;
INSERT INTO counters (k, n) VALUES ('visits', 1) AS new ON DUPLICATE KEY UPDATE n = new.n + 1;
INSERT INTO counters (k, n) VALUES ('visits', 1) AS new (kk, nn) ON DUPLICATE KEY UPDATE n = nn;
INSERT INTO counters (k, n) VALUES ('visits', 1) ON DUPLICATE KEY UPDATE n = 0;
INSERT INTO counters (k, n) VALUES ('visits', 1) ON DUPLICATE KEY UPDATE n = GREATEST(n, VALUES(n));
