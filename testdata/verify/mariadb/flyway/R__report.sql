-- Repeatable: Flyway runs it after every versioned migration.
CREATE OR REPLACE VIEW report AS SELECT id, children FROM t_with_children;
