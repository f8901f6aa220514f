-- A rollback may empty what its up file filled.
DELETE FROM plans;
