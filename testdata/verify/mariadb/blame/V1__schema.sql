CREATE TABLE IF NOT EXISTS settings (k varchar(10) PRIMARY KEY, v varchar(10));
CREATE TABLE IF NOT EXISTS audit (at int, what varchar(20));
