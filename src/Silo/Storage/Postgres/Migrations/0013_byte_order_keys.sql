-- Every text key the engine writes is an opaque id (event, customer, task, owner, grain), compared for
-- equality and, in the CSM's list, ordered byte-wise (COLLATE "C"). Under the database's collation
-- (C.UTF-8, en_US.UTF-8, ...) each comparison in a B-tree descent goes through the C library's strcoll;
-- with "C" it is a memcmp. During ingestion those descents are most of the server's index work: every
-- event meets the event-id index, every checkpoint the state, task and portfolio keys. Only the indexes
-- on these columns are rebuilt; the tables are not rewritten.
ALTER TABLE events
    ALTER COLUMN event_id    TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C";
ALTER TABLE grain_state
    ALTER COLUMN grain_type TYPE text COLLATE "C",
    ALTER COLUMN grain_key  TYPE text COLLATE "C",
    ALTER COLUMN state_name TYPE text COLLATE "C";
ALTER TABLE wake_ups
    ALTER COLUMN grain_type TYPE text COLLATE "C",
    ALTER COLUMN grain_key  TYPE text COLLATE "C";
ALTER TABLE tasks
    ALTER COLUMN task_id  TYPE text COLLATE "C",
    ALTER COLUMN owner_id TYPE text COLLATE "C",
    ALTER COLUMN state    TYPE text COLLATE "C";
ALTER TABLE portfolio_entries
    ALTER COLUMN customer_id TYPE text COLLATE "C";

-- No query has ever read the log through these two indexes: the log is read in position order (the
-- primary key), and a customer's history is served from its grain. Yet each took an entry for every
-- event, the customer index at a random place: a B-tree descent, a dirtied leaf page and, after each
-- checkpoint, that page's full image in the WAL. The partition column stays: when a second silo owns
-- partitions, its consumer reads its partitions in position order, and the index it needs comes with
-- that query.
DROP INDEX IF EXISTS events_by_customer;
DROP INDEX IF EXISTS events_by_partition;
