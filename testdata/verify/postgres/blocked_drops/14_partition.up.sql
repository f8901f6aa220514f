-- A partition goes with its table: rerun-safe.
DROP TABLE IF EXISTS metrics;
CREATE TABLE metrics (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE IF NOT EXISTS metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
