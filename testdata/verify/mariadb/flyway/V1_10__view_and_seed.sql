-- After V1_7 by version (1.10 > 1.7), not before V1_2 by text.
CREATE OR REPLACE VIEW t_with_children AS
  SELECT t.id, COUNT(child.id) AS children FROM t LEFT JOIN child ON child.t_id = t.id GROUP BY t.id;
INSERT IGNORE INTO t (id) VALUES (1), (2);
