"""case rollups: monthly counters behind the league table and the metrics, kept exact by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 09:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

COUNTERS = ('received', 'closed', 'closed_on_time', 'closed_once', 'rated', 'satisfied', 'reopens',
            'assignments_counted', 'assignments_accepted')

# What every case contributes to the monthly counters, one row per contribution — the measures of
# metrics/repository.py restated per case (docs/feedback-league.md, "Rollups"). The triggers read it
# for one case (its quals push down to the case's rows), the rebuild for all of them.
CONTRIBUTIONS = """
CREATE VIEW case_rollup_contributions AS
SELECT c.id AS case_id, date_trunc('month', c.received_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
       c.main_unit_id AS unit_id, c.district_code, 1 AS received, 0 AS closed, 0 AS closed_on_time,
       0 AS closed_once, 0 AS rated, 0 AS satisfied, 0 AS reopens, 0 AS assignments_counted,
       0 AS assignments_accepted, c.received_at AS last_at
FROM cases c
UNION ALL
SELECT c.id, date_trunc('month', c.closed_at AT TIME ZONE 'Asia/Shanghai')::date, c.main_unit_id, c.district_code,
       0, 1,
       (c.replied_at IS NOT NULL AND c.replied_at <= c.due_at)::int,
       (c.reopen_count = 0 AND NOT EXISTS (
           SELECT 1 FROM cases r WHERE r.repeat_of_id = c.id AND r.received_at <= c.closed_at
               + (SELECT make_interval(days => repeat_window_days) FROM case_rollup_config)))::int,
       0, 0, 0, 0, 0, c.closed_at
FROM cases c
WHERE c.status = 'closed' AND c.closed_at IS NOT NULL
UNION ALL
-- ratings and reopenings: the unit of the last reply before the event, else the main unit
SELECT j.case_id, date_trunc('month', j.occurred_at AT TIME ZONE 'Asia/Shanghai')::date,
       coalesce(j.reply_unit, c.main_unit_id), c.district_code, 0, 0, 0, 0,
       (j.event IN ('closed', 'reopened') AND j.rated)::int,
       (j.event IN ('closed', 'reopened')
        AND coalesce(j.satisfaction IN ('satisfied', 'basically_satisfied'), false))::int,
       (j.event = 'reopened')::int, 0, 0, j.occurred_at
FROM (SELECT s.*, CASE WHEN s.replies > 0
                       THEN first_value(s.actor_unit_id) OVER (PARTITION BY s.case_id, s.replies ORDER BY s.id)
                  END AS reply_unit
      -- the rating taken out of detail before sorting: the rebuild sorts every such event
      FROM (SELECT e.id, e.case_id, e.event, e.detail ? 'satisfaction' AS rated,
                   e.detail ->> 'satisfaction' AS satisfaction, e.occurred_at, e.actor_unit_id,
                   count(*) FILTER (WHERE e.event = 'replied') OVER (PARTITION BY e.case_id ORDER BY e.id) AS replies
            FROM case_events e WHERE e.event IN ('replied', 'closed', 'reopened')) s) j
JOIN cases c ON c.id = j.case_id
WHERE j.event = 'reopened' OR (j.event = 'closed' AND j.rated)
UNION ALL
-- assignments whose outcome is settled (the next acceptance, return or reassignment exists)
SELECT a.case_id, date_trunc('month', a.occurred_at AT TIME ZONE 'Asia/Shanghai')::date, a.unit_id,
       a.district_code, 0, 0, 0, 0, 0, 0, 0,
       (a.next_event = 'accepted' OR a.next_at > a.accept_due_at)::int,
       (a.next_event = 'accepted' AND a.next_at <= a.accept_due_at)::int,
       greatest(a.occurred_at, a.next_at)
FROM case_rollup_assignments a
WHERE a.next_event IS NOT NULL
"""

ASSIGNMENTS = """
CREATE VIEW case_rollup_assignments AS
SELECT s.id AS event_id, s.case_id, s.occurred_at, s.unit_id::uuid AS unit_id, c.district_code,
       s.accept_due_at::timestamptz AS accept_due_at, s.next_event, s.next_at
FROM (SELECT e.id, e.case_id, e.event, e.detail ->> 'unit_id' AS unit_id,
             e.detail ->> 'accept_due_at' AS accept_due_at, e.occurred_at,
             lead(e.event) OVER w AS next_event, lead(e.occurred_at) OVER w AS next_at
      FROM case_events e WHERE e.event IN ('assigned', 'accepted', 'returned')
      WINDOW w AS (PARTITION BY e.case_id ORDER BY e.id)) s
JOIN cases c ON c.id = s.case_id
WHERE s.event = 'assigned' AND coalesce(s.unit_id, '') <> '' AND coalesce(s.accept_due_at, '') <> ''
"""

SUMS = ', '.join(f'sum({c})' for c in COUNTERS)
COLS = ', '.join(COUNTERS)
NEGATED = ', '.join(f'-{c}' for c in COUNTERS)
NONZERO = ' OR '.join(f'sum({c}) <> 0' for c in COUNTERS)
ADD = ', '.join(f'{c} = r.{c} + excluded.{c}' for c in COUNTERS)

REFRESH = f"""
CREATE FUNCTION feedback_rollups_refresh_case(p_case uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- one refresh of a case at a time: a second transaction must read the facts the first one left
    PERFORM pg_advisory_xact_lock(hashtextextended(p_case::text, 7));
    DELETE FROM case_rollup_pending WHERE case_id = p_case;
    INSERT INTO case_rollup_pending (event_id, case_id, occurred_at, unit_id, district_code, accept_due_at)
    SELECT event_id, case_id, occurred_at, unit_id, district_code, accept_due_at
    FROM case_rollup_assignments WHERE case_id = p_case AND next_event IS NULL;
    -- Subtract what the case contributed last time, add what it contributes now (only the changed months);
    -- last, so the shared monthly rows stay locked for as short as possible.
    WITH old AS (DELETE FROM case_rollup_facts WHERE case_id = p_case
                 RETURNING month, unit_id, district_code, {COLS}),
    fresh AS (SELECT month, unit_id, district_code, {', '.join(f'sum({c})::int AS {c}' for c in COUNTERS)},
                     max(last_at) AS last_at
              FROM case_rollup_contributions WHERE case_id = p_case GROUP BY month, unit_id, district_code),
    kept AS (INSERT INTO case_rollup_facts (case_id, seq, month, unit_id, district_code, {COLS}, last_at)
             SELECT p_case, row_number() OVER (ORDER BY month, unit_id, district_code), month, unit_id,
                    district_code, {COLS}, last_at FROM fresh)
    INSERT INTO case_rollup_monthly AS r (month, unit_id, district_code, {COLS}, last_at)
    SELECT month, unit_id, district_code, {SUMS}, max(last_at)
    FROM (SELECT month, unit_id, district_code, {COLS}, last_at FROM fresh
          UNION ALL SELECT month, unit_id, district_code, {NEGATED}, NULL FROM old) d
    GROUP BY month, unit_id, district_code
    HAVING {NONZERO}
    ORDER BY month, unit_id, district_code  -- one lock order for every writer
    ON CONFLICT (month, unit_id, district_code) DO UPDATE SET {ADD}, last_at = greatest(r.last_at, excluded.last_at);
END $$
"""

REBUILD = f"""
CREATE FUNCTION feedback_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE cases, case_events IN SHARE MODE;  -- no case changes while everything is recounted
    TRUNCATE case_rollup_monthly, case_rollup_facts, case_rollup_pending;
    INSERT INTO case_rollup_facts (case_id, seq, month, unit_id, district_code, {COLS}, last_at)
    SELECT case_id, row_number() OVER (PARTITION BY case_id ORDER BY month, unit_id, district_code), month, unit_id,
           district_code, {SUMS}, max(last_at)
    FROM case_rollup_contributions GROUP BY case_id, month, unit_id, district_code;
    INSERT INTO case_rollup_monthly (month, unit_id, district_code, {COLS}, last_at)
    SELECT month, unit_id, district_code, {SUMS}, max(last_at)
    FROM case_rollup_facts GROUP BY month, unit_id, district_code;
    INSERT INTO case_rollup_pending (event_id, case_id, occurred_at, unit_id, district_code, accept_due_at)
    SELECT event_id, case_id, occurred_at, unit_id, district_code, accept_due_at
    FROM case_rollup_assignments WHERE next_event IS NULL;
    ANALYZE case_rollup_monthly;
    ANALYZE case_rollup_pending;
END $$
"""

# Deferred to commit: the monthly rows are shared by every case of a unit and month, so their row locks are
# taken in the last moment of a transaction, not held through the rest of it.
TRIGGERS = ["""
CREATE FUNCTION feedback_rollups_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM feedback_rollups_refresh_case(OLD.id);
        IF OLD.repeat_of_id IS NOT NULL THEN PERFORM feedback_rollups_refresh_case(OLD.repeat_of_id); END IF;
        RETURN NULL;
    END IF;
    PERFORM feedback_rollups_refresh_case(NEW.id);
    -- a repeat decides whether the case it repeats was closed once
    IF TG_OP = 'INSERT' THEN
        IF NEW.repeat_of_id IS NOT NULL THEN PERFORM feedback_rollups_refresh_case(NEW.repeat_of_id); END IF;
    ELSIF OLD.repeat_of_id IS DISTINCT FROM NEW.repeat_of_id OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
        IF OLD.repeat_of_id IS NOT NULL THEN PERFORM feedback_rollups_refresh_case(OLD.repeat_of_id); END IF;
        IF NEW.repeat_of_id IS NOT NULL AND NEW.repeat_of_id IS DISTINCT FROM OLD.repeat_of_id THEN
            PERFORM feedback_rollups_refresh_case(NEW.repeat_of_id);
        END IF;
    END IF;
    RETURN NULL;
END $$
""", """
CREATE FUNCTION feedback_rollups_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM feedback_rollups_refresh_case(CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END);
    IF TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN PERFORM feedback_rollups_refresh_case(OLD.case_id); END IF;
    RETURN NULL;
END $$
""", """
CREATE CONSTRAINT TRIGGER case_rollup_cases_inserted AFTER INSERT OR DELETE ON cases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION feedback_rollups_case_changed()
""", """
CREATE CONSTRAINT TRIGGER case_rollup_cases_updated
    AFTER UPDATE OF main_unit_id, district_code, status, received_at, closed_at, replied_at, due_at, reopen_count,
        repeat_of_id ON cases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((OLD.main_unit_id, OLD.district_code, OLD.status, OLD.received_at, OLD.closed_at, OLD.replied_at,
           OLD.due_at, OLD.reopen_count, OLD.repeat_of_id)
          IS DISTINCT FROM (NEW.main_unit_id, NEW.district_code, NEW.status, NEW.received_at, NEW.closed_at,
           NEW.replied_at, NEW.due_at, NEW.reopen_count, NEW.repeat_of_id))
    EXECUTE FUNCTION feedback_rollups_case_changed()
""", """
-- Only the events a measure reads; any change to an event already there recounts its case.
CREATE CONSTRAINT TRIGGER case_rollup_events_inserted AFTER INSERT ON case_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.event IN ('replied', 'closed', 'reopened', 'assigned', 'accepted', 'returned'))
    EXECUTE FUNCTION feedback_rollups_event_changed()
""", """
CREATE CONSTRAINT TRIGGER case_rollup_events_changed AFTER UPDATE OR DELETE ON case_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION feedback_rollups_event_changed()
"""]


def _counters(type_: sa.types.TypeEngine) -> list[sa.Column]:
    return [sa.Column(c, type_, server_default=sa.text('0'), nullable=False) for c in COUNTERS]


def upgrade() -> None:
    op.create_table('case_rollup_config',
    sa.Column('id', sa.SmallInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('repeat_window_days', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_case_rollup_config_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_rollup_config'))
    )
    op.execute("INSERT INTO case_rollup_config (id, repeat_window_days) VALUES (1, 30)")
    op.create_table('case_rollup_monthly',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('district_code', sa.String(length=12), nullable=True),
    *_counters(sa.Integer()),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('uq_case_rollup_monthly_key', 'case_rollup_monthly', ['month', 'unit_id', 'district_code'],
                    unique=True, postgresql_nulls_not_distinct=True)
    op.create_index('ix_case_rollup_monthly_last_at', 'case_rollup_monthly', ['last_at'])
    op.create_table('case_rollup_facts',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.SmallInteger(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('district_code', sa.String(length=12), nullable=True),
    *_counters(sa.SmallInteger()),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=True),
    # checked at the end of the statement: a case's facts are replaced in one statement
    sa.PrimaryKeyConstraint('case_id', 'seq', name=op.f('pk_case_rollup_facts'), deferrable=True,
                            initially='IMMEDIATE'),
    )
    op.create_table('case_rollup_pending',
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('district_code', sa.String(length=12), nullable=True),
    sa.Column('accept_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_case_rollup_pending'))
    )
    op.create_index(op.f('ix_case_rollup_pending_case_id'), 'case_rollup_pending', ['case_id'])
    op.execute(ASSIGNMENTS)
    op.execute(CONTRIBUTIONS)
    op.execute(REFRESH)
    op.execute(REBUILD)
    for statement in TRIGGERS:
        op.execute(statement)
    op.execute("SELECT feedback_rollups_rebuild()")


def downgrade() -> None:
    op.execute("DROP TRIGGER case_rollup_events_changed ON case_events")
    op.execute("DROP TRIGGER case_rollup_events_inserted ON case_events")
    op.execute("DROP TRIGGER case_rollup_cases_updated ON cases")
    op.execute("DROP TRIGGER case_rollup_cases_inserted ON cases")
    op.execute("DROP FUNCTION feedback_rollups_event_changed()")
    op.execute("DROP FUNCTION feedback_rollups_case_changed()")
    op.execute("DROP FUNCTION feedback_rollups_rebuild()")
    op.execute("DROP FUNCTION feedback_rollups_refresh_case(uuid)")
    op.execute("DROP VIEW case_rollup_contributions")
    op.execute("DROP VIEW case_rollup_assignments")
    op.drop_table('case_rollup_pending')
    op.drop_table('case_rollup_facts')
    op.drop_table('case_rollup_monthly')
    op.drop_table('case_rollup_config')
