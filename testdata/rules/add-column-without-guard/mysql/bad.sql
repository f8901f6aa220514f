ALTER TABLE orders ADD COLUMN status varchar(20); -- want: add-column-without-guard
ALTER TABLE `orders`
    MODIFY COLUMN total decimal(12, 2),
    ADD COLUMN paid_at datetime NULL AFTER total, -- want: add-column-without-guard
    ADD note text; -- want: add-column-without-guard
ALTER TABLE orders ADD (weight int, height int); -- want: add-column-without-guard
