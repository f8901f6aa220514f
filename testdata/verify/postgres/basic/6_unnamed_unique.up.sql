-- The second run adds a second constraint under a new generated name.
ALTER TABLE users ADD UNIQUE (email);
