-- :name count-visit :! :n
-- :doc HugSQL (and PugSQL) name their queries this way: skipped too.
UPDATE users SET visits = visits + 1 WHERE id = :id;

-- :name get-user :? :1
SELECT * FROM users WHERE id = :id;
