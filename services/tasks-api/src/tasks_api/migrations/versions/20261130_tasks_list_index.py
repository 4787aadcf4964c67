"""ledger list: the columns it evaluates every task by, in one narrow index; codes in byte order

The list reads every task in scope for its warning counts. A task row is ~850 bytes (title,
measures, goal and their search text); the list needs ~100 of them. An index on ``plan_id``
(the plan's year) carrying those columns lets PostgreSQL answer from the index alone (an
index-only scan: ~1.2 MB instead of ~9 MB at 10k tasks) for the filters on them (status, lead unit,
environment, category, benchmark class, year); a keyword or indicator filter reads the rows.

The list sorts by code in byte order (``COLLATE "C"``, whatever the database's collation); an index
in that order gives the default page (sort by code) by walking 20 entries instead of sorting every
task in scope.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 05:00:00
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_tasks_list', 'tasks', ['plan_id'], postgresql_include=[
        'id', 'code', 'status', 'deadline', 'progress', 'lead_unit_id', 'environment', 'category', 'benchmark_class'])
    op.execute('CREATE INDEX ix_tasks_code_c ON tasks (code COLLATE "C")')


def downgrade() -> None:
    op.drop_index('ix_tasks_code_c', table_name='tasks')
    op.drop_index('ix_tasks_list', table_name='tasks')
