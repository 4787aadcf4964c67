"""ledger list: the day a task's progress starts to lag, kept with its schedule

The list evaluated ``rules.expected_progress`` in SQL for every filtered task on each call (the
schedule's points, width_bucket, a float interpolation). Expected progress never falls as as_of
moves on, so "progress lags expected by more than the plan's tolerance" is false up to one day and
true from it on: ``task_schedules.lag_from`` stores that day (NULL: never), and the warning is a
few date comparisons.

``task_lag_from`` finds the day with the same float arithmetic, in the same order, as
``rules.expected_progress`` (a binary search inside the first segment of the schedule whose end
lags). It depends on the milestones' dates, the task's deadline and progress and the plan's year
and lag tolerance, so it is recomputed when any of them changes: with the schedule (milestones
trigger of 0009), by a row trigger on tasks (progress, deadline, plan) and, through
``task_schedules_refresh``, when a plan's year or tolerance changes (tasks locked first, as there).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 05:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

LAG_FROM = """
CREATE FUNCTION task_lag_from(due_dates date[], deadline date, plan_year integer, progress integer,
                              tolerance integer) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    points date[] := due_dates;
    n integer := coalesce(cardinality(due_dates), 0);
    share float8;
    previous date := make_date(plan_year, 1, 1);
    previous_value float8 := 0;
    span integer;
    lo date;
    hi date;
    mid date;
BEGIN
    IF n = 0 THEN
        RETURN NULL;  -- no milestones: no expected progress
    END IF;
    IF progress::float8 < 0 - tolerance::float8 THEN
        RETURN '-infinity';  -- lags even where 0 % is expected
    END IF;
    IF deadline IS NOT NULL AND deadline > points[n] THEN
        points := points || deadline;
        n := n + 1;
    END IF;
    share := 100.0::float8 / n::float8;
    -- Segment k holds the days after point k-1 up to point k (for k = 1, every day up to it).
    FOR k IN 1..n LOOP
        span := greatest(points[k] - previous, 1);
        lo := CASE WHEN k = 1 THEN least(previous, points[k]) ELSE previous + 1 END;
        hi := points[k];
        IF lo <= hi AND progress::float8 < round(previous_value + greatest(hi - previous, 0)::float8 / span::float8
                                                 * (k::float8 * share - previous_value)) - tolerance::float8 THEN
            WHILE lo < hi LOOP
                mid := lo + (hi - lo) / 2;
                IF progress::float8 < round(previous_value + greatest(mid - previous, 0)::float8 / span::float8
                                            * (k::float8 * share - previous_value)) - tolerance::float8 THEN
                    hi := mid;
                ELSE
                    lo := mid + 1;
                END IF;
            END LOOP;
            RETURN lo;
        END IF;
        previous := points[k];
        previous_value := k::float8 * share;
    END LOOP;
    IF progress::float8 < 100.0::float8 - tolerance::float8 THEN
        RETURN points[n] + 1;  -- after the last point 100 % is expected
    END IF;
    RETURN NULL;
END $$"""

REFRESH = """
CREATE OR REPLACE FUNCTION task_schedules_refresh(p_tasks uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Locked in id order (no deadlock between two statements touching the same tasks); the
    -- next statement's snapshot then sees every milestone committed before the lock was granted.
    PERFORM 1 FROM tasks WHERE id = ANY (p_tasks) ORDER BY id FOR NO KEY UPDATE;
    -- A task deleted in this transaction (its milestones cascading) has no schedule to keep.
    INSERT INTO task_schedules (task_id, due_dates, open_due, lag_from)
    SELECT s.task_id, s.due_dates, s.open_due,
           task_lag_from(s.due_dates, t.deadline, p.year, t.progress, p.lag_tolerance)
    FROM (SELECT t.id AS task_id,
                 coalesce(array_agg(m.due_date ORDER BY m.due_date) FILTER (WHERE m.id IS NOT NULL), '{}') AS due_dates,
                 min(m.due_date) FILTER (WHERE m.done_date IS NULL) AS open_due
          FROM tasks t LEFT JOIN milestones m ON m.task_id = t.id
          WHERE t.id = ANY (p_tasks)
          GROUP BY t.id) AS s
    JOIN tasks t ON t.id = s.task_id JOIN plans p ON p.id = t.plan_id
    ON CONFLICT (task_id) DO UPDATE
        SET due_dates = excluded.due_dates, open_due = excluded.open_due, lag_from = excluded.lag_from;
END $$"""

REBUILD = """
CREATE OR REPLACE FUNCTION task_schedules_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM task_schedules;
    INSERT INTO task_schedules (task_id, due_dates, open_due, lag_from)
    SELECT s.task_id, s.due_dates, s.open_due,
           task_lag_from(s.due_dates, t.deadline, p.year, t.progress, p.lag_tolerance)
    FROM (SELECT task_id, array_agg(due_date ORDER BY due_date) AS due_dates,
                 min(due_date) FILTER (WHERE done_date IS NULL) AS open_due
          FROM milestones GROUP BY task_id) AS s
    JOIN tasks t ON t.id = s.task_id JOIN plans p ON p.id = t.plan_id;
$$"""

# The previous bodies (migration 0009), for the downgrade.
REFRESH_0009 = """
CREATE OR REPLACE FUNCTION task_schedules_refresh(p_tasks uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM tasks WHERE id = ANY (p_tasks) ORDER BY id FOR NO KEY UPDATE;
    INSERT INTO task_schedules (task_id, due_dates, open_due)
    SELECT t.id, coalesce(array_agg(m.due_date ORDER BY m.due_date) FILTER (WHERE m.id IS NOT NULL), '{}'),
           min(m.due_date) FILTER (WHERE m.done_date IS NULL)
    FROM tasks t LEFT JOIN milestones m ON m.task_id = t.id
    WHERE t.id = ANY (p_tasks)
    GROUP BY t.id
    ON CONFLICT (task_id) DO UPDATE SET due_dates = excluded.due_dates, open_due = excluded.open_due;
END $$"""

REBUILD_0009 = """
CREATE OR REPLACE FUNCTION task_schedules_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM task_schedules;
    INSERT INTO task_schedules (task_id, due_dates, open_due)
    SELECT task_id, array_agg(due_date ORDER BY due_date), min(due_date) FILTER (WHERE done_date IS NULL)
    FROM milestones GROUP BY task_id;
$$"""


def upgrade() -> None:
    op.execute(LAG_FROM)
    op.add_column('task_schedules', sa.Column('lag_from', sa.Date(), nullable=True))
    op.execute(REFRESH)
    op.execute(REBUILD)
    # The task row is locked by its own UPDATE; a plan's tasks are locked by the refresh.
    op.execute("""
CREATE FUNCTION tasks_lag_from() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE task_schedules s
    SET lag_from = task_lag_from(s.due_dates, NEW.deadline, p.year, NEW.progress, p.lag_tolerance)
    FROM plans p WHERE s.task_id = NEW.id AND p.id = NEW.plan_id;
    RETURN NULL;
END $$""")
    op.execute("""
CREATE TRIGGER tr_tasks_lag_from AFTER UPDATE OF progress, deadline, plan_id ON tasks FOR EACH ROW
WHEN (OLD.progress IS DISTINCT FROM NEW.progress OR OLD.deadline IS DISTINCT FROM NEW.deadline
      OR OLD.plan_id IS DISTINCT FROM NEW.plan_id)
EXECUTE FUNCTION tasks_lag_from()""")
    op.execute("""
CREATE FUNCTION plans_lag_from() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_schedules_refresh(array(SELECT id FROM tasks WHERE plan_id = NEW.id));
    RETURN NULL;
END $$""")
    op.execute("""
CREATE TRIGGER tr_plans_lag_from AFTER UPDATE OF year, lag_tolerance ON plans FOR EACH ROW
WHEN (OLD.year IS DISTINCT FROM NEW.year OR OLD.lag_tolerance IS DISTINCT FROM NEW.lag_tolerance)
EXECUTE FUNCTION plans_lag_from()""")
    op.execute("""
UPDATE task_schedules s SET lag_from = task_lag_from(s.due_dates, t.deadline, p.year, t.progress, p.lag_tolerance)
FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = s.task_id""")


def downgrade() -> None:
    op.execute("DROP TRIGGER tr_plans_lag_from ON plans")
    op.execute("DROP FUNCTION plans_lag_from()")
    op.execute("DROP TRIGGER tr_tasks_lag_from ON tasks")
    op.execute("DROP FUNCTION tasks_lag_from()")
    op.execute(REBUILD_0009)
    op.execute(REFRESH_0009)
    op.drop_column('task_schedules', 'lag_from')
    op.execute("DROP FUNCTION task_lag_from(date[], date, integer, integer, integer)")
