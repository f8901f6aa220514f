CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
ALTER TABLE kinds ADD UNIQUE (id);
