-- The only unique key is filled by a generator the INSERT leaves to it:
-- ON CONFLICT never meets a duplicate, and every run adds the rows again.
CREATE TABLE IF NOT EXISTS roles (
    id serial PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING; -- want: bare-insert
INSERT INTO roles (id, name) VALUES (DEFAULT, 'owner') ON CONFLICT DO NOTHING; -- want: bare-insert

CREATE TABLE IF NOT EXISTS teams (
    id bigint GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL,
    CONSTRAINT teams_pk PRIMARY KEY (id)
);
INSERT INTO teams (name) VALUES ('core') -- want: bare-insert
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name;

-- A key with a generated column in it is new on every row too.
CREATE TABLE IF NOT EXISTS members (
    tenant_id int NOT NULL,
    id bigserial,
    email text,
    UNIQUE (tenant_id, id)
);
INSERT INTO members (tenant_id, email) VALUES (1, 'a@example.com') ON CONFLICT DO NOTHING; -- want: bare-insert

-- A UUID default is as fresh as a sequence.
CREATE TABLE IF NOT EXISTS tokens (uid uuid DEFAULT gen_random_uuid(), label text);
CREATE UNIQUE INDEX IF NOT EXISTS tokens_uid ON tokens (uid);
INSERT INTO tokens (label) VALUES ('ci') ON CONFLICT DO NOTHING; -- want: bare-insert

-- The natural key is gone by the time the rows come.
CREATE TABLE IF NOT EXISTS plans (id serial PRIMARY KEY, code text);
CREATE UNIQUE INDEX IF NOT EXISTS plans_code ON plans (code);
DROP INDEX IF EXISTS plans_code;
INSERT INTO plans (code) VALUES ('free') ON CONFLICT DO NOTHING; -- want: bare-insert

-- No unique key at all: nothing can conflict.
CREATE TABLE IF NOT EXISTS audit_log (at timestamptz, what text);
INSERT INTO audit_log (at, what) VALUES (now(), 'seeded') ON CONFLICT DO NOTHING; -- want: bare-insert

-- The key comes with a column added later, still left to the sequence.
CREATE TABLE IF NOT EXISTS regions (name text);
ALTER TABLE regions ADD COLUMN IF NOT EXISTS id serial PRIMARY KEY;
INSERT INTO regions (name) VALUES ('eu') ON CONFLICT DO NOTHING; -- want: bare-insert
