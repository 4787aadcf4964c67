"""league table settings, bulletins, unit inboxes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('league_settings',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('on_time_weight', sa.Integer(), server_default=sa.text('40'), nullable=False),
    sa.Column('report_weight', sa.Integer(), server_default=sa.text('20'), nullable=False),
    sa.Column('evaluation_weight', sa.Integer(), server_default=sa.text('30'), nullable=False),
    sa.Column('discipline_weight', sa.Integer(), server_default=sa.text('10'), nullable=False),
    sa.Column('red_deduction', sa.Numeric(precision=5, scale=2), server_default=sa.text('2'), nullable=False),
    sa.Column('yellow_deduction', sa.Numeric(precision=5, scale=2), server_default=sa.text('1'), nullable=False),
    sa.Column('rectification_deduction', sa.Numeric(precision=5, scale=2), server_default=sa.text('2'), nullable=False),
    sa.Column('min_items', sa.Integer(), server_default=sa.text('3'), nullable=False),
    sa.Column('issuing_unit', sa.String(length=128), nullable=True),
    sa.Column('number_format', sa.String(length=64), server_default=sa.text("'杭营商改〔{year}〕{n}号'"), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('min_items BETWEEN 0 AND 1000', name=op.f('ck_league_settings_min_items')),
    sa.CheckConstraint('on_time_weight + report_weight + evaluation_weight + discipline_weight > 0', name=op.f('ck_league_settings_weights_positive')),
    sa.CheckConstraint('on_time_weight BETWEEN 0 AND 100 AND report_weight BETWEEN 0 AND 100 AND evaluation_weight BETWEEN 0 AND 100 AND discipline_weight BETWEEN 0 AND 100', name=op.f('ck_league_settings_weights_range')),
    sa.CheckConstraint('red_deduction >= 0 AND yellow_deduction >= 0 AND rectification_deduction >= 0', name=op.f('ck_league_settings_deductions_range')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_league_settings_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', name=op.f('pk_league_settings'))
    )
    op.create_table('bulletins',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=64), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('snapshot', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_by', sa.String(length=64), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(status = 'published') = (seq IS NOT NULL AND number IS NOT NULL AND issued_on IS NOT NULL)", name=op.f('ck_bulletins_published_numbered')),
    sa.CheckConstraint("kind IN ('monthly', 'quarterly', 'annual')", name=op.f('ck_bulletins_kind')),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_bulletins_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletins')),
    sa.UniqueConstraint('year', 'seq', name='uq_bulletins_year_seq')
    )
    op.create_index(op.f('ix_bulletins_year'), 'bulletins', ['year'], unique=False)
    op.create_table('inbox_messages',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('source_id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('read_by', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox_messages')),
    sa.UniqueConstraint('unit_id', 'kind', 'source_id', name='uq_inbox_messages_unit_source')
    )
    op.create_index(op.f('ix_inbox_messages_unit_id'), 'inbox_messages', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_inbox_messages_unit_id'), table_name='inbox_messages')
    op.drop_table('inbox_messages')
    op.drop_index(op.f('ix_bulletins_year'), table_name='bulletins')
    op.drop_table('bulletins')
    op.drop_table('league_settings')
