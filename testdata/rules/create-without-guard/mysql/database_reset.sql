-- DROP DATABASE takes every table in it along, with no CASCADE to ask for.
DROP DATABASE IF EXISTS app; -- want: destructive-drop
CREATE DATABASE app;
CREATE TABLE app.users (id INT PRIMARY KEY, name TEXT);
CREATE VIEW app.names AS SELECT name FROM app.users;
CREATE TABLE audit (id INT); -- want: create-without-guard
