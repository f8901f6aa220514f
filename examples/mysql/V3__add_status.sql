ALTER TABLE orders ADD COLUMN status varchar(20) NOT NULL DEFAULT 'new';
UPDATE orders SET status = 'paid' WHERE paid_at IS NOT NULL;
