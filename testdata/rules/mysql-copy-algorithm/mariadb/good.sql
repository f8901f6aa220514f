-- Replacing the primary key in one statement is done in place.
ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, region);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_cents bigint AS (total * 100) VIRTUAL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note varchar(200), ALGORITHM=NOCOPY;
