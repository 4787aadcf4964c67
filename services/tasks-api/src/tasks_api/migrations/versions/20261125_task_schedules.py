"""ledger list at 10k tasks: task schedules kept by triggers, a stored search text

The ledger list evaluates the warning of every filtered task on each call. Reading ten
milestones per task (an index probe each) cost ~80 % of the statement at 10k tasks; one row
per task with its sorted due dates and its earliest open due date gives the same schedule
(count, last, before/after as_of via width_bucket's binary search) from a hash join.

The rows are recomputed from ``milestones`` after every statement changing milestones, for the
tasks it touched, with those task rows locked first so two transactions editing the same task's
milestones recompute one after the other, each from a snapshot taken after the lock (the second
sees the first's rows).
Bulk loads that bypass triggers call ``task_schedules_rebuild()`` afterwards.

The keyword filter matched ``ILIKE`` against five expressions per task, lowercasing each on every
call. ``tasks.search_text`` stores them lowercased once, joined by U+001F; the filter is one
``LIKE`` of the lowercased pattern (``ILIKE`` is ``lower(text) LIKE lower(pattern)`` in a
multibyte database), exact while the pattern has no U+001F (a match cannot span two fields).
It is a generated column, so bulk loads with triggers off fill it too.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 05:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# array_to_string is STABLE for arrays of any type (some types' text form follows settings);
# for varchar[] it follows none, so the wrapper may be IMMUTABLE, as a generated column needs.
SEARCH_TEXT = """
CREATE FUNCTION task_search_text(title varchar, measures text, goal text, code varchar, tags varchar[])
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(title || chr(31) || coalesce(measures, '') || chr(31) || coalesce(goal, '') || chr(31)
                 || code || chr(31) || array_to_string(tags, ' '))
$$"""


def upgrade() -> None:
    op.execute(SEARCH_TEXT)
    op.add_column('tasks', sa.Column(
        'search_text', sa.Text(),
        sa.Computed('task_search_text(title, measures, goal, code, tags)', persisted=True), nullable=False))
    op.create_table(
        'task_schedules',
        sa.Column('task_id', sa.Uuid(), nullable=False),
        sa.Column('due_dates', ARRAY(sa.Date()), nullable=False),
        sa.Column('open_due', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_schedules_task_id_tasks'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('task_id', name=op.f('pk_task_schedules')),
    )
    op.execute("""
CREATE FUNCTION task_schedules_refresh(p_tasks uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Locked in id order (no deadlock between two statements touching the same tasks); the
    -- next statement's snapshot then sees every milestone committed before the lock was granted.
    PERFORM 1 FROM tasks WHERE id = ANY (p_tasks) ORDER BY id FOR NO KEY UPDATE;
    -- A task deleted in this transaction (its milestones cascading) has no schedule to keep.
    INSERT INTO task_schedules (task_id, due_dates, open_due)
    SELECT t.id, coalesce(array_agg(m.due_date ORDER BY m.due_date) FILTER (WHERE m.id IS NOT NULL), '{}'),
           min(m.due_date) FILTER (WHERE m.done_date IS NULL)
    FROM tasks t LEFT JOIN milestones m ON m.task_id = t.id
    WHERE t.id = ANY (p_tasks)
    GROUP BY t.id
    ON CONFLICT (task_id) DO UPDATE SET due_dates = excluded.due_dates, open_due = excluded.open_due;
END $$""")
    # Per statement, over its transition tables: an import inserting 50k milestones in a few
    # multi-row INSERTs refreshes each task once per statement, not once per milestone.
    op.execute("""
CREATE FUNCTION milestones_task_schedules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM task_schedules_refresh(array(SELECT DISTINCT task_id FROM new_milestones));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM task_schedules_refresh(array(SELECT DISTINCT task_id FROM old_milestones));
    ELSE
        PERFORM task_schedules_refresh(array(
            SELECT task_id FROM new_milestones UNION SELECT task_id FROM old_milestones));
    END IF;
    RETURN NULL;
END $$""")
    for event, tables in (("insert", "NEW TABLE AS new_milestones"),
                          ("update", "OLD TABLE AS old_milestones NEW TABLE AS new_milestones"),
                          ("delete", "OLD TABLE AS old_milestones")):
        op.execute(f"CREATE TRIGGER tr_milestones_task_schedules_{event} AFTER {event.upper()} ON milestones "
                   f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION milestones_task_schedules()")
    op.execute("""
CREATE FUNCTION task_schedules_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM task_schedules;
    INSERT INTO task_schedules (task_id, due_dates, open_due)
    SELECT task_id, array_agg(due_date ORDER BY due_date), min(due_date) FILTER (WHERE done_date IS NULL)
    FROM milestones GROUP BY task_id;
$$""")
    op.execute("SELECT task_schedules_rebuild()")


def downgrade() -> None:
    op.execute("DROP FUNCTION task_schedules_rebuild()")
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER tr_milestones_task_schedules_{event} ON milestones")
    op.execute("DROP FUNCTION milestones_task_schedules()")
    op.execute("DROP FUNCTION task_schedules_refresh(uuid[])")
    op.drop_table('task_schedules')
    op.drop_column('tasks', 'search_text')
    op.execute("DROP FUNCTION task_search_text(varchar, text, text, varchar, varchar[])")
