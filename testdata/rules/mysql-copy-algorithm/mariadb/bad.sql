ALTER TABLE orders DROP PRIMARY KEY; -- want: mysql-copy-algorithm drop-without-if-exists
ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_cents bigint AS (total * 100) STORED; -- want: mysql-copy-algorithm
ALTER TABLE orders PARTITION BY HASH (id) PARTITIONS 4; -- want: mysql-copy-algorithm

-- 160 bytes of utf8mb4 to 400: the length takes a second byte.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS tag varchar(40) CHARACTER SET utf8mb4;
ALTER TABLE orders MODIFY tag varchar(100) CHARACTER SET utf8mb4; -- want: mysql-copy-algorithm
