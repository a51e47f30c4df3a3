-- A dispute row's `state` (its fold, as JSON: about 2.7 KB for a dispute of eight events) is over PostgreSQL's TOAST
-- threshold, so every write of the row compresses it. With the default (pglz) that was about 2.5 s of the server's
-- time for 125,000 rows, a rebuild's worth, and with lz4 about 1 s (issue 8, measured with COPY on the bench's
-- store); the live projection rewrites the row on every event. The setting applies to values written from now on;
-- values written before stay readable as they are. A server built without lz4 keeps the default, and says so.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE dispute ALTER COLUMN state SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'dispute.state keeps the default compression: %', SQLERRM;
END
$$;
