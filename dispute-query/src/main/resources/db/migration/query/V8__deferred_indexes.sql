-- The read models' secondary indexes dropped for a rebuild, to be built once the replay is over (issue 8: keeping
-- eleven indexes of the dispute table up to date row by row was most of a rebuild's cost). Rows are written in the
-- transaction that empties the read models and resets the projection's tokens, so a crash at any point leaves
-- either the old read models with their indexes, or empty ones with the definitions kept here; the indexes are built
-- again from these rows, and the rows deleted, in one transaction, whichever instance sees the replay over first.
-- Not a read model: a rebuild does not empty it.
CREATE TABLE deferred_index (
    index_name  VARCHAR(255) NOT NULL PRIMARY KEY,
    table_name  VARCHAR(255) NOT NULL,
    definition  TEXT         NOT NULL,
    deferred_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
