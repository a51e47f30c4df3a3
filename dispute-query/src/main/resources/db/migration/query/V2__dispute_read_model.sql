-- The dispute read model: one row per dispute, written by the dispute-projection processor with explicit SQL.
-- Every row is what the shared DisputeState fold says after the event numbered `version` of its stream;
-- `state` keeps that fold (JSON) so the next event is one evolve step, and the other columns are the fold's
-- facts laid out for filtering. Child tables are rewritten from the fold on every event of their dispute.
CREATE TABLE dispute (
    dispute_id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    version                   BIGINT       NOT NULL,
    state                     JSONB        NOT NULL,
    policy_id                 VARCHAR(64)  NOT NULL,
    policy_version            INTEGER      NOT NULL,
    child_case_id             VARCHAR(40)  NOT NULL,
    responsible_team          VARCHAR(255),
    iro_staff_id              VARCHAR(64)  NOT NULL,
    track                     VARCHAR(32)  NOT NULL,
    categories                TEXT[]       NOT NULL,
    status                    VARCHAR(16)  NOT NULL,
    raised_on                 DATE         NOT NULL,
    raised_at                 TIMESTAMPTZ  NOT NULL,
    starting_stage            VARCHAR(40),
    highest_stage             VARCHAR(40),
    highest_stage_formal      BOOLEAN      NOT NULL DEFAULT FALSE,
    -- The stage the dispute waits on; all null unless the dispute is open at a stage.
    current_stage             VARCHAR(40),
    current_stage_title       VARCHAR(255),
    current_assignee_role     VARCHAR(32),
    current_assignee_staff_id VARCHAR(64),
    current_stage_opened_on   DATE,
    current_due_date          DATE,
    current_answered          BOOLEAN      NOT NULL DEFAULT FALSE,
    current_recorded_overdue_on DATE,
    formal_started_on         DATE,
    declared_total_due_date   DATE,
    statutory_due_date        DATE,
    total_due_date            DATE,
    timescale_breached_on     DATE,
    cafcass_referred_on       DATE,
    legal_advice_requested    BOOLEAN      NOT NULL DEFAULT FALSE,
    resolution_outcome        VARCHAR(32),
    resolved_on               DATE,
    withdrawn_on              DATE,
    closed_on                 DATE,
    last_event_at             TIMESTAMPTZ  NOT NULL,
    projected_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX dispute_status ON dispute (status);
CREATE INDEX dispute_current_stage ON dispute (current_stage);
CREATE INDEX dispute_iro ON dispute (iro_staff_id);
CREATE INDEX dispute_team ON dispute (responsible_team);
CREATE INDEX dispute_child ON dispute (child_case_id);
CREATE INDEX dispute_raised_on ON dispute (raised_on);
CREATE INDEX dispute_assignee_role ON dispute (current_assignee_role);
CREATE INDEX dispute_due ON dispute (current_due_date);
CREATE INDEX dispute_categories ON dispute USING GIN (categories);

-- Every visit to a stage, in the order opened (a stage reopened after monitoring is a second visit).
CREATE TABLE dispute_stage (
    dispute_id          VARCHAR(64)  NOT NULL REFERENCES dispute ON DELETE CASCADE,
    visit               INTEGER      NOT NULL,
    stage_key           VARCHAR(40)  NOT NULL,
    title               VARCHAR(255),
    formal              BOOLEAN      NOT NULL,
    assignee_role       VARCHAR(32),
    assignee_staff_id   VARCHAR(64),
    opened_on           DATE         NOT NULL,
    due_date            DATE,
    extensions          INTEGER      NOT NULL,
    recorded_overdue_on DATE,
    responded_on        DATE,
    respondent_staff_id VARCHAR(64),
    respondent_role     VARCHAR(32),
    response            TEXT,
    left_on             DATE,
    PRIMARY KEY (dispute_id, visit)
);

-- Actions a respondent planned (source RESPONSE, with the stage visit) or agreed at resolution (RESOLUTION).
CREATE TABLE dispute_action (
    dispute_id     VARCHAR(64)  NOT NULL REFERENCES dispute ON DELETE CASCADE,
    source         VARCHAR(16)  NOT NULL,
    visit          INTEGER      NOT NULL,
    ordinal        INTEGER      NOT NULL,
    description    TEXT         NOT NULL,
    owner_staff_id VARCHAR(64)  NOT NULL,
    owner_role     VARCHAR(32)  NOT NULL,
    due_by         DATE         NOT NULL,
    PRIMARY KEY (dispute_id, source, visit, ordinal)
);

CREATE TABLE dispute_meeting (
    dispute_id     VARCHAR(64)  NOT NULL REFERENCES dispute ON DELETE CASCADE,
    ordinal        INTEGER      NOT NULL,
    stage_key      VARCHAR(40)  NOT NULL,
    held_on        DATE         NOT NULL,
    attendee_roles TEXT[]       NOT NULL,
    outcome        VARCHAR(32)  NOT NULL,
    PRIMARY KEY (dispute_id, ordinal)
);

-- Everyone who took part: the IRO, named assignees, respondents, action owners and every event's actor.
-- Staff may read the disputes they take part in.
CREATE TABLE dispute_participant (
    dispute_id VARCHAR(64) NOT NULL REFERENCES dispute ON DELETE CASCADE,
    staff_id   VARCHAR(64) NOT NULL,
    role       VARCHAR(32) NOT NULL,
    PRIMARY KEY (dispute_id, staff_id, role)
);
CREATE INDEX dispute_participant_staff ON dispute_participant (staff_id);
