-- Each open formal dispute's total-timescale due date, kept by the deadline-schedule processor in its own
-- transaction, so that a dispute reopened after a failed monitoring check is given its total deadline back.
CREATE TABLE dispute_total (
    dispute_id     TEXT    PRIMARY KEY,
    total_due_date DATE    NOT NULL,
    breached       BOOLEAN NOT NULL
);
