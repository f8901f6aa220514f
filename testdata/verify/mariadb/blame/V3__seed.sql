INSERT IGNORE INTO settings (k, v) VALUES ('b', '2');
SELECT 1;
INSERT INTO audit VALUES (1, 'seeded');
