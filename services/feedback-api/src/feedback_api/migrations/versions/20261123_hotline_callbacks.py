"""hotline callback outbox

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hotline_callbacks',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('case_event_id', sa.BigInteger(), nullable=True),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('case_no', sa.String(length=24), nullable=False),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("state IN ('pending', 'failed', 'delivered')", name=op.f('ck_hotline_callbacks_state')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_hotline_callbacks_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hotline_callbacks')),
    sa.UniqueConstraint('event_id', name=op.f('uq_hotline_callbacks_event_id'))
    )
    op.create_index(op.f('ix_hotline_callbacks_case_id'), 'hotline_callbacks', ['case_id'], unique=False)
    op.create_index('ix_hotline_callbacks_due', 'hotline_callbacks', ['next_attempt_at'], unique=False, postgresql_where=sa.text("state <> 'delivered'"))
    op.create_index('ix_hotline_callbacks_order_no_id', 'hotline_callbacks', ['order_no', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hotline_callbacks_order_no_id', table_name='hotline_callbacks')
    op.drop_index('ix_hotline_callbacks_due', table_name='hotline_callbacks', postgresql_where=sa.text("state <> 'delivered'"))
    op.drop_index(op.f('ix_hotline_callbacks_case_id'), table_name='hotline_callbacks')
    op.drop_table('hotline_callbacks')
