-- The table the views and the trigger below are built on.
CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, name text, mood_txt text);
