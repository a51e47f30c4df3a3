-- The running instances of this service that share the projection's segments. Each writes a heartbeat here; an
-- instance claims at most its fair share of the segments (the segment count over the live instances), so a new
-- instance gets work from the others, and the survivors take over the segments of one that stops or dies.
-- Not a read model: it does not empty the read models or drop the projection's tokens.
CREATE TABLE projection_instance (
    instance_id VARCHAR(255) NOT NULL PRIMARY KEY,
    last_seen   TIMESTAMPTZ  NOT NULL
);
