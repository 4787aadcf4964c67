"""the repeat check's enterprise-name lookup by index: intake must not slow down as cases accumulate

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 10:00:00
"""
from alembic import op
from sqlalchemy import literal_column

from feedback_api.repeats.similarity import name_key_sql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The same expression the query writes (constants inline), so the planner matches it.
    op.create_index('ix_cases_enterprise_key', 'cases', [name_key_sql(literal_column('enterprise_name'))])


def downgrade() -> None:
    op.drop_index('ix_cases_enterprise_key', table_name='cases')
