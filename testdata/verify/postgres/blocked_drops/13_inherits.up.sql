-- Second run: events_2024, made below, inherits from events (2BP01).
DROP TABLE IF EXISTS events;
CREATE TABLE events (id int, at timestamptz);
CREATE TABLE IF NOT EXISTS events_2024 (CHECK (at >= '2024-01-01')) INHERITS (events);
