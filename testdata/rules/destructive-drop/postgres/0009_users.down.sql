-- A rollback's job is to drop what its up file created.
DROP TABLE IF EXISTS users;
