-- Validity intervals: after every projected event, a copy of the dispute row's caseload columns, valid from the
-- event's time until the next event's. The caseload as it stood at instant T is the intervals with
-- valid_from <= T < valid_to (or valid_to null), without replaying any stream. Events of one command share a
-- timestamp, so the intervals between them are empty and only the last state at that instant is ever seen.
-- No foreign key: intervals are history, not children of the current row.
CREATE TABLE dispute_interval (
    dispute_id                VARCHAR(64)  NOT NULL,
    version                   BIGINT       NOT NULL,
    valid_from                TIMESTAMPTZ  NOT NULL,
    valid_to                  TIMESTAMPTZ,
    policy_id                 VARCHAR(64)  NOT NULL,
    policy_version            INTEGER      NOT NULL,
    child_case_id             VARCHAR(40)  NOT NULL,
    responsible_team          VARCHAR(255),
    iro_staff_id              VARCHAR(64)  NOT NULL,
    track                     VARCHAR(32)  NOT NULL,
    categories                TEXT[]       NOT NULL,
    status                    VARCHAR(16)  NOT NULL,
    raised_on                 DATE         NOT NULL,
    highest_stage             VARCHAR(40),
    current_stage             VARCHAR(40),
    current_stage_title       VARCHAR(255),
    current_assignee_role     VARCHAR(32),
    current_assignee_staff_id VARCHAR(64),
    current_stage_opened_on   DATE,
    current_due_date          DATE,
    current_answered          BOOLEAN      NOT NULL,
    formal_started_on         DATE,
    resolved_on               DATE,
    cafcass_referred_on       DATE,
    legal_advice_requested    BOOLEAN      NOT NULL,
    PRIMARY KEY (dispute_id, version)
);
CREATE INDEX dispute_interval_from ON dispute_interval (valid_from);
CREATE INDEX dispute_interval_open ON dispute_interval (dispute_id) WHERE valid_to IS NULL;

-- Intervals can only come from replaying the store: empty the read models and drop the projection's tokens, so
-- the processor starts again from the first event and rebuilds everything, intervals included.
TRUNCATE dispute, dispute_stage, dispute_action, dispute_meeting, dispute_participant;
DELETE FROM tokenentry WHERE processorname = 'dispute-projection';
