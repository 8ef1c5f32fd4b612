-- Appending a batch to the log, in one round trip. Nearly every batch holds no event the log already
-- has, and a plain INSERT stores it without the speculative insertion ON CONFLICT pays for every row
-- (a look-up in the event-id index before the insert, and a lock). Only a batch that meets an id
-- already stored takes the second path: the plain INSERT's subtransaction is rolled back and the rows
-- go in again with ON CONFLICT DO NOTHING. Rows go in in the order given (the caller sorts them by
-- id, so two appends sharing ids wait for each other instead of deadlocking) and are read from the
-- arrays in the select list, which streams them instead of materialising them first.
-- Returns NULL when every row was stored, else the positions of those that were.
CREATE FUNCTION append_events(
    positions bigint[], ids text[], customers text[], partitions integer[], occurred timestamptz[], payloads bytea[])
RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
    stored bigint[];
    violated text;
BEGIN
    BEGIN
        INSERT INTO events (position, event_id, customer_id, partition, occurred_at, payload) OVERRIDING SYSTEM VALUE
        SELECT unnest(positions), unnest(ids), unnest(customers), unnest(partitions), unnest(occurred), unnest(payloads);
        RETURN NULL;
    EXCEPTION WHEN unique_violation THEN
        -- An id the log already has (or one another append in flight has just committed). Any other
        -- unique violation (a position taken twice) is an error, not a duplicate.
        GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
        IF violated IS DISTINCT FROM 'events_event_id_unique' THEN
            RAISE;
        END IF;
    END;

    WITH inserted AS (
        INSERT INTO events (position, event_id, customer_id, partition, occurred_at, payload) OVERRIDING SYSTEM VALUE
        SELECT unnest(positions), unnest(ids), unnest(customers), unnest(partitions), unnest(occurred), unnest(payloads)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING position)
    SELECT coalesce(array_agg(position), '{}') INTO stored FROM inserted;
    RETURN stored;
END
$$;
