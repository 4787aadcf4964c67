"""task source reference and linked feedback cases (举一反三)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 18:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('tasks', sa.Column('source_ref', sa.String(length=64), nullable=True))
    op.add_column('tasks', sa.Column('linked_cases', postgresql.ARRAY(sa.String(length=24)),
                                     server_default=sa.text("'{}'"), nullable=False))
    op.create_unique_constraint('uq_tasks_source_source_ref', 'tasks', ['source', 'source_ref'])


def downgrade() -> None:
    op.drop_constraint('uq_tasks_source_source_ref', 'tasks', type_='unique')
    op.drop_column('tasks', 'linked_cases')
    op.drop_column('tasks', 'source_ref')
