"""indicator benchmarking

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:56:55.900602
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('frameworks',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('region_set', sa.String(length=32), nullable=False),
    sa.Column('benchmark_region', sa.String(length=6), nullable=True),
    sa.Column('rank_floor', sa.Integer(), nullable=True),
    sa.Column('rank_target', sa.Integer(), nullable=True),
    sa.Column('rank_stretch', sa.Integer(), nullable=True),
    sa.Column('weakness_rank_above', sa.Integer(), nullable=True),
    sa.Column('strength_rank_at_most', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_frameworks'))
    )
    op.create_table('observation_imports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('layout', sa.String(length=8), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('rows', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('errors', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'preview'"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('preview', 'committed')", name=op.f('ck_observation_imports_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_imports'))
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('province', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    op.create_table('indicators',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('framework_code', sa.String(length=32), nullable=False),
    sa.Column('parent_code', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('higher_is_better', sa.Boolean(), nullable=False),
    sa.Column('unit', sa.String(length=16), server_default=sa.text("''"), nullable=False),
    sa.Column('decimals', sa.Integer(), server_default=sa.text('2'), nullable=False),
    sa.Column('lead_unit_code', sa.String(length=64), nullable=True),
    sa.Column('environment', sa.String(length=32), nullable=True),
    sa.Column('weight', sa.Float(), server_default=sa.text('1'), nullable=False),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('advantage', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('links', postgresql.ARRAY(sa.String(length=32)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('description', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('leaf', 'composite', 'computed')", name=op.f('ck_indicators_kind')),
    sa.CheckConstraint('decimals BETWEEN 0 AND 6', name=op.f('ck_indicators_decimals')),
    sa.ForeignKeyConstraint(['framework_code'], ['frameworks.code'], name=op.f('fk_indicators_framework_code_frameworks')),
    sa.ForeignKeyConstraint(['parent_code'], ['indicators.code'], name=op.f('fk_indicators_parent_code_indicators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators')),
    sa.UniqueConstraint('code', name=op.f('uq_indicators_code'))
    )
    op.create_index(op.f('ix_indicators_framework_code'), 'indicators', ['framework_code'], unique=False)
    op.create_index(op.f('ix_indicators_lead_unit_code'), 'indicators', ['lead_unit_code'], unique=False)
    op.create_index(op.f('ix_indicators_parent_code'), 'indicators', ['parent_code'], unique=False)
    op.create_table('region_set_members',
    sa.Column('set_code', sa.String(length=32), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_region_set_members_region_code_regions')),
    sa.PrimaryKeyConstraint('set_code', 'region_code', name=op.f('pk_region_set_members'))
    )
    op.create_table('calculation_runs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('region_set', sa.String(length=32), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('inputs', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('parameters', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('results', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicators.code'], name=op.f('fk_calculation_runs_indicator_code_indicators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calculation_runs'))
    )
    op.create_index('ix_calculation_runs_key', 'calculation_runs', ['indicator_code', 'period', 'region_set', 'fingerprint'], unique=False)
    op.create_table('observations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=16), server_default=sa.text("'reported'"), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'submitted'"), nullable=False),
    sa.Column('flags', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'"), nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_unit_id', sa.Uuid(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('reviewed_by', sa.String(length=64), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.CheckConstraint("method IN ('reported', 'official', 'estimated', 'synthetic')", name=op.f('ck_observations_method')),
    sa.CheckConstraint("status IN ('submitted', 'approved', 'returned')", name=op.f('ck_observations_status')),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicators.code'], name=op.f('fk_observations_indicator_code_indicators')),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_observations_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations'))
    )
    op.create_index('ix_observations_key', 'observations', ['indicator_code', 'period', 'region_code'], unique=False)
    op.create_index(op.f('ix_observations_status'), 'observations', ['status'], unique=False)
    op.create_table('official_results',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('group_label', sa.String(length=50), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicators.code'], name=op.f('fk_official_results_indicator_code_indicators')),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_official_results_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_results')),
    sa.UniqueConstraint('indicator_code', 'region_code', 'period', name='uq_official_results_key')
    )


def downgrade() -> None:
    op.drop_table('official_results')
    op.drop_index(op.f('ix_observations_status'), table_name='observations')
    op.drop_index('ix_observations_key', table_name='observations')
    op.drop_table('observations')
    op.drop_index('ix_calculation_runs_key', table_name='calculation_runs')
    op.drop_table('calculation_runs')
    op.drop_table('region_set_members')
    op.drop_index(op.f('ix_indicators_parent_code'), table_name='indicators')
    op.drop_index(op.f('ix_indicators_lead_unit_code'), table_name='indicators')
    op.drop_index(op.f('ix_indicators_framework_code'), table_name='indicators')
    op.drop_table('indicators')
    op.drop_table('regions')
    op.drop_table('observation_imports')
    op.drop_table('frameworks')
