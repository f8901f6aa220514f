ALTER TABLE orders DROP PRIMARY KEY; -- want: mysql-copy-algorithm drop-without-if-exists
ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_cents bigint AS (total * 100) STORED; -- want: mysql-copy-algorithm
ALTER TABLE orders PARTITION BY HASH (id) PARTITIONS 4; -- want: mysql-copy-algorithm
