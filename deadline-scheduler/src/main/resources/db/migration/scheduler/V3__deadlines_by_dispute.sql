-- Each stage opened (and each end of a dispute) cancels that dispute's other pending deadlines. They were found with
-- a LIKE on task_instance, which no index serves (a parameter, and a collation that is not C): a scan of the whole
-- table, grown with dead rows by the churn of deadlines, for every such event. The benchmark's 100,000 deadlines due
-- at once were scheduled at about 70 a second because of it. The dispute id is the task instance's first part
-- ("<dispute>/<kind>/<stage>"; a dispute id never holds a "/").
ALTER TABLE scheduled_tasks
    ADD COLUMN dispute_id TEXT GENERATED ALWAYS AS (split_part(task_instance, '/', 1)) STORED;
CREATE INDEX scheduled_tasks_dispute_idx ON scheduled_tasks (task_name, dispute_id);
