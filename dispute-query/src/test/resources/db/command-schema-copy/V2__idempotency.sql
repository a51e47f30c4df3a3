-- One row per Idempotency-Key a caller has used. It is written in the same transaction as the events the
-- request appended, so a key is either bound to its first answer or was never used: a crash leaves no half.
CREATE TABLE idempotency_key (
    caller          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status          INTEGER      NOT NULL,
    dispute_id      VARCHAR(64)  NOT NULL,
    version         BIGINT       NOT NULL,
    body            TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
