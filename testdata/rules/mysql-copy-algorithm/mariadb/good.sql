-- Replacing the primary key in one statement is done in place.
ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, region);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_cents bigint AS (total * 100) VIRTUAL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note varchar(200), ALGORITHM=NOCOPY;

-- MariaDB grows a VARCHAR of at most 127 bytes in place, past 255 too
-- (MySQL copies this one: 80 bytes to 400).
ALTER TABLE orders ADD COLUMN IF NOT EXISTS label varchar(20) CHARACTER SET utf8mb4;
ALTER TABLE orders MODIFY label varchar(100) CHARACTER SET utf8mb4;
