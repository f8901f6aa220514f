-- Down files are never run by verify.
DROP TABLE users;
