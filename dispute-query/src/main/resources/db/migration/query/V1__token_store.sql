-- dispute-query's own schema. The events it projects stay in disputes_command (read-only from here).
-- Tracking tokens of this service's streaming processors: in the same schema and database as the read models,
-- so each batch's read-model writes and its token commit in one transaction.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);
