-- Issue 9. The child's status (looked after / child protection) on every dispute; who acknowledged each stage visit,
-- when, and how many working days after it opened; and good-practice alerts, a read model of their own (an alert is
-- never a dispute, so it has no row in dispute and is never counted as one).
ALTER TABLE dispute ADD COLUMN child_status VARCHAR(20) NOT NULL DEFAULT 'LOOKED_AFTER',
    ADD COLUMN current_acknowledged_on DATE,
    ADD COLUMN current_acknowledged_by VARCHAR(64);
ALTER TABLE dispute_interval ADD COLUMN child_status VARCHAR(20) NOT NULL DEFAULT 'LOOKED_AFTER',
    ADD COLUMN current_acknowledged_on DATE,
    ADD COLUMN current_acknowledged_by VARCHAR(64);
ALTER TABLE dispute_stage ADD COLUMN acknowledged_by_staff_id VARCHAR(64),
    ADD COLUMN acknowledged_by_role VARCHAR(32),
    ADD COLUMN acknowledged_on DATE,
    ADD COLUMN acknowledged_after_working_days INTEGER;
CREATE INDEX dispute_unacknowledged ON dispute (status, current_answered, current_acknowledged_on);

CREATE TABLE good_practice (
    alert_id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    version                   BIGINT       NOT NULL,
    child_case_id             VARCHAR(40)  NOT NULL,
    responsible_team          VARCHAR(255) NOT NULL,
    related_dispute_id        VARCHAR(64),
    manager_staff_id          VARCHAR(64),
    manager_role              VARCHAR(32),
    description               TEXT,
    recorded_by_staff_id      VARCHAR(64)  NOT NULL,
    recorded_by_role          VARCHAR(32)  NOT NULL,
    recorded_on               DATE         NOT NULL,
    acknowledged_by_staff_id  VARCHAR(64),
    acknowledged_by_role      VARCHAR(32),
    acknowledged_on           DATE,
    last_event_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX good_practice_recorded_on ON good_practice (recorded_on);
CREATE INDEX good_practice_child ON good_practice (child_case_id);

-- The new columns can only come from replaying the store: empty the read models and drop the projection's tokens.
TRUNCATE dispute, dispute_stage, dispute_action, dispute_meeting, dispute_participant, dispute_interval, dispute_fact;
DELETE FROM tokenentry WHERE processorname = 'dispute-projection';
