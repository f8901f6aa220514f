-- Sorted after 8 by version, not before 2 by text; the table is empty,
-- so the first run changes nothing.
UPDATE users SET nick = name WHERE nick IS NULL;
