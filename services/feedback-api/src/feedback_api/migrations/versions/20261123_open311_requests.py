"""open311 requests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('open311_requests',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('token', sa.String(length=40), nullable=False),
    sa.Column('client', sa.String(length=100), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('address_id', sa.String(length=100), nullable=True),
    sa.Column('account_id', sa.String(length=100), nullable=True),
    sa.Column('device_id', sa.String(length=100), nullable=True),
    sa.Column('media_url', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_open311_requests_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_open311_requests')),
    sa.UniqueConstraint('token', name=op.f('uq_open311_requests_token'))
    )


def downgrade() -> None:
    op.drop_table('open311_requests')
