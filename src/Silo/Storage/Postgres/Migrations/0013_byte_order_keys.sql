-- No query reads the log through these two indexes: the log is read in position order (the primary
-- key), and a customer's history is served from its grain. Yet each took an entry for every event, the
-- customer index at a random place: a B-tree descent, a dirtied leaf page and, after each checkpoint,
-- that page's full image in the WAL. The partition column stays: when a second silo owns partitions,
-- its consumer reads its partitions in position order, and the index it needs comes with that query.
-- Dropped first, so the collation change below does not rebuild them.
DROP INDEX IF EXISTS events_by_customer;
DROP INDEX IF EXISTS events_by_partition;

-- Every text key the engine looks up is an opaque id (event, grain, task, owner), compared only for
-- equality. Under the database's collation (C.UTF-8, en_US.UTF-8, ...) each comparison in a B-tree
-- descent goes through the C library's strcoll; under "C" it is a memcmp. During ingestion those
-- descents are most of the server's index work: every event meets the event-id index, every
-- checkpoint the state, wake-up, task and portfolio keys.
--
-- The tables are not rewritten (the type stays text), but every index on these columns is rebuilt,
-- which scans and sorts its table: on a large log the event-id index makes this migration take
-- minutes, under the lock the migration's transaction holds. Plan the upgrade's downtime for it.
SET LOCAL maintenance_work_mem = '1GB';
ALTER TABLE events
    ALTER COLUMN event_id TYPE text COLLATE "C";
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

-- A changed column loses its statistics, and autovacuum gathers them again only after enough rows
-- change; until then the planner would guess, for the CSM's task list among others.
ANALYZE events (event_id);
ANALYZE grain_state (grain_type, grain_key, state_name);
ANALYZE wake_ups (grain_type, grain_key);
ANALYZE tasks;
ANALYZE portfolio_entries (customer_id);
