-- A comment above the statement must not move the finding.
ALTER TABLE orders ADD COLUMN status text; -- want: add-column-without-guard

ALTER TABLE orders
    ALTER COLUMN total TYPE numeric(12, 2),
    ADD COLUMN paid_at timestamptz, -- want: add-column-without-guard
    ADD note text; -- want: add-column-without-guard

-- Guarded on the table only: the column still fails.
ALTER TABLE IF EXISTS orders ADD COLUMN shipped_at timestamptz; -- want: add-column-without-guard

ALTER TABLE "Orders" ADD COLUMN "Quoted" int; -- want: add-column-without-guard
