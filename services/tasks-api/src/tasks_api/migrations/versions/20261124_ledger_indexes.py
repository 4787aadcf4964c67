"""ledger list indexes: milestones by task with their dates

The ledger list evaluates every filtered task's warning in SQL from a summary
of its milestones (count, earliest open due date, dates around as_of); with
(task_id, due_date) INCLUDE (done_date) each task's summary is one index-only
range read instead of a heap visit per milestone.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 04:00:00
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_milestones_task_id_due_date', 'milestones', ['task_id', 'due_date'],
                    postgresql_include=['done_date'])


def downgrade() -> None:
    op.drop_index('ix_milestones_task_id_due_date', table_name='milestones')
