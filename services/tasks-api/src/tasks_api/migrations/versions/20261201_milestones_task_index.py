"""milestones: no index of task_id alone

``ix_milestones_task_id_due_date`` (migration 0009) leads with ``task_id``, so it answers every
lookup by task and the foreign key's cascade as well; ``ix_milestones_task_id`` only cost a
second index entry per milestone written (an import of 5,000 tasks writes ~48,000).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 05:00:00
"""
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_milestones_task_id', table_name='milestones')


def downgrade() -> None:
    op.create_index('ix_milestones_task_id', 'milestones', ['task_id'])
