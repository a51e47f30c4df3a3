-- Facts the fold does not keep but reports count: every stage recorded overdue (an extension later clears the
-- mark in the fold), every extension, every CAFCASS referral; one row per event, with the stage, the role that
-- was to respond, the dispute's team and policy, and the business date.
CREATE TABLE dispute_fact (
    dispute_id    VARCHAR(64)  NOT NULL,
    sequence      BIGINT       NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    on_date       DATE         NOT NULL,
    policy_id     VARCHAR(64)  NOT NULL,
    stage_key     VARCHAR(40),
    stage_title   VARCHAR(255),
    assignee_role VARCHAR(32),
    team          VARCHAR(255),
    PRIMARY KEY (dispute_id, sequence)
);
CREATE INDEX dispute_fact_kind_date ON dispute_fact (kind, on_date);
CREATE INDEX dispute_resolved_on ON dispute (resolved_on);

-- Facts can only come from replaying the store: empty the read models and drop the projection's tokens.
TRUNCATE dispute, dispute_stage, dispute_action, dispute_meeting, dispute_participant, dispute_interval;
DELETE FROM tokenentry WHERE processorname = 'dispute-projection';
