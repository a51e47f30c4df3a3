-- A dispute row's `state` is the projection's fold as it writes it (Jackson's JSON), read back only whole, as text,
-- by the projection and the API (`state::text`); nothing queries inside it. As jsonb, PostgreSQL parsed every write
-- into its binary form and printed it back as text on every read. Loading a rebuild's 187,527 dispute rows with COPY
-- took 8.2 s with jsonb and 3.8 s with text, and 1.3 s without the column (issue 8, the bench's store, 30 November
-- 2026). The values are kept as they are; the type change rewrites the table, and lz4 is set again where the
-- server has it (V9).
ALTER TABLE dispute ALTER COLUMN state TYPE text USING state::text;
DO $$
BEGIN
    EXECUTE 'ALTER TABLE dispute ALTER COLUMN state SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'dispute.state keeps the default compression: %', SQLERRM;
END
$$;
