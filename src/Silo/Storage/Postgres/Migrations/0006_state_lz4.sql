-- Grain states are JSON of a few kilobytes, so PostgreSQL compresses each one it stores; with its
-- default (pglz) that compression is a visible share of a checkpoint's writes and of a restart's
-- reads. lz4 compresses and decompresses several times faster. Values already stored keep their
-- compression until rewritten. A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE grain_state ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; grain states stay pglz-compressed';
END
$$;
