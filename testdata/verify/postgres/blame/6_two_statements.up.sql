-- +goose Up
LOCK TABLE settings IN SHARE MODE;
INSERT INTO settings VALUES ('c', '3') ON CONFLICT DO NOTHING;
INSERT INTO audit VALUES (2, 'two');
UPDATE counter SET n = n + 10;
