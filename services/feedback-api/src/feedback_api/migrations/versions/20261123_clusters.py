"""similar-case clusters (举一反三)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 14:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence('cluster_no_seq')))
    op.create_table('clusters',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('category_code', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=40), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('keywords', postgresql.ARRAY(sa.String(length=50)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('threshold', sa.Float(), nullable=False),
    sa.Column('cohesion', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('merged_into_id', sa.Uuid(), nullable=True),
    sa.Column('task_code', sa.String(length=32), nullable=True),
    sa.Column('task_linked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('task_linked_by', sa.String(length=128), nullable=True),
    sa.Column('created_by', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('confirmed_by', sa.String(length=128), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dismissed_by', sa.String(length=128), nullable=True),
    sa.Column('dismissed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dismiss_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('suggested', 'confirmed', 'dismissed', 'merged')", name=op.f('ck_clusters_status')),
    sa.CheckConstraint("origin IN ('system', 'staff')", name=op.f('ck_clusters_origin')),
    sa.CheckConstraint('period_start <= period_end', name=op.f('ck_clusters_period')),
    sa.CheckConstraint('threshold > 0 AND threshold < 1', name=op.f('ck_clusters_threshold')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_clusters_category_code_categories')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['clusters.id'], name=op.f('fk_clusters_merged_into_id_clusters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clusters')),
    sa.UniqueConstraint('code', name=op.f('uq_clusters_code')),
    sa.UniqueConstraint('task_code', name=op.f('uq_clusters_task_code'))
    )
    op.create_index('ix_clusters_category_code_period_start', 'clusters', ['category_code', 'period_start'],
                    unique=False)
    op.create_table('cluster_cases',
    sa.Column('cluster_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('added_by', sa.String(length=128), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_cluster_cases_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], name=op.f('fk_cluster_cases_cluster_id_clusters'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cluster_id', 'case_id', name=op.f('pk_cluster_cases'))
    )
    op.create_index(op.f('ix_cluster_cases_case_id'), 'cluster_cases', ['case_id'], unique=False)
    op.create_index('uq_cluster_cases_active_case', 'cluster_cases', ['case_id'], unique=True,
                    postgresql_where=sa.text('active'))


def downgrade() -> None:
    op.drop_index('uq_cluster_cases_active_case', table_name='cluster_cases', postgresql_where=sa.text('active'))
    op.drop_index(op.f('ix_cluster_cases_case_id'), table_name='cluster_cases')
    op.drop_table('cluster_cases')
    op.drop_index('ix_clusters_category_code_period_start', table_name='clusters')
    op.drop_table('clusters')
    op.execute(sa.schema.DropSequence(sa.Sequence('cluster_no_seq')))
