CREATE TABLE IF NOT EXISTS audit (msg text);
INSERT INTO audit (msg) VALUES ('schema v5');
