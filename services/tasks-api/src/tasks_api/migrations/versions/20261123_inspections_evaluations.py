"""inspections, rectifications and evaluations

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inspections',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=True),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('inspectors', postgresql.ARRAY(sa.String(length=50)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_unit_id', sa.Uuid(), nullable=True),
    sa.Column('created_environment', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('on_site', 'spot_check')", name=op.f('ck_inspections_kind')),
    sa.CheckConstraint('task_id IS NOT NULL OR unit_id IS NOT NULL', name=op.f('ck_inspections_target')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_inspections_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections')),
    sa.UniqueConstraint('code', name=op.f('uq_inspections_code')),
    sa.UniqueConstraint('year', 'seq', name='uq_inspections_year_seq')
    )
    op.create_index(op.f('ix_inspections_inspected_on'), 'inspections', ['inspected_on'], unique=False)
    op.create_index(op.f('ix_inspections_task_id'), 'inspections', ['task_id'], unique=False)
    op.create_index(op.f('ix_inspections_unit_id'), 'inspections', ['unit_id'], unique=False)
    op.create_table('inspection_findings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('requires_rectification', sa.Boolean(), nullable=False),
    sa.CheckConstraint("severity IN ('general', 'serious', 'critical')", name=op.f('ck_inspection_findings_severity')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_findings_inspection_id_inspections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_findings'))
    )
    op.create_index(op.f('ix_inspection_findings_inspection_id'), 'inspection_findings', ['inspection_id'], unique=False)
    op.create_table('rectifications',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('finding_id', sa.Uuid(), nullable=False),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('owner_unit_id', sa.Uuid(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('deadline_days', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'open'"), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('attachments', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'"), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('submitted_by', sa.String(length=64), nullable=True),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('verified_by', sa.String(length=64), nullable=True),
    sa.Column('verification_comment', sa.Text(), nullable=True),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('returned_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("(status = 'verified') = (verified_on IS NOT NULL)", name=op.f('ck_rectifications_verified')),
    sa.CheckConstraint("status IN ('open', 'submitted', 'verified')", name=op.f('ck_rectifications_status')),
    sa.CheckConstraint('deadline_days BETWEEN 1 AND 250', name=op.f('ck_rectifications_deadline_days')),
    sa.ForeignKeyConstraint(['finding_id'], ['inspection_findings.id'], name=op.f('fk_rectifications_finding_id_inspection_findings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_rectifications_inspection_id_inspections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectifications')),
    sa.UniqueConstraint('finding_id', name=op.f('uq_rectifications_finding_id'))
    )
    op.create_index(op.f('ix_rectifications_due_date'), 'rectifications', ['due_date'], unique=False)
    op.create_index(op.f('ix_rectifications_inspection_id'), 'rectifications', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_rectifications_owner_unit_id'), 'rectifications', ['owner_unit_id'], unique=False)
    op.create_table('evaluation_rubrics',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('items', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('rank_rule_enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('national_top_n', sa.Integer(), server_default=sa.text('10'), nullable=False),
    sa.Column('provincial_top_n', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('national_top_n BETWEEN 1 AND 100', name=op.f('ck_evaluation_rubrics_national_top_n')),
    sa.CheckConstraint('provincial_top_n BETWEEN 1 AND 100', name=op.f('ck_evaluation_rubrics_provincial_top_n')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_evaluation_rubrics_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_rubrics')),
    sa.UniqueConstraint('plan_id', name=op.f('uq_evaluation_rubrics_plan_id'))
    )
    op.create_table('evaluations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('evaluator_unit_id', sa.Uuid(), nullable=False),
    sa.Column('evaluated_unit_id', sa.Uuid(), nullable=False),
    sa.Column('item_scores', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('total', sa.Float(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('auto', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('auto_reason', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('lead_on_responsible', 'office_on_lead')", name=op.f('ck_evaluations_kind')),
    sa.CheckConstraint('period_start <= period_end', name=op.f('ck_evaluations_period')),
    sa.CheckConstraint('total BETWEEN 0 AND 100', name=op.f('ck_evaluations_total')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_evaluations_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluations')),
    sa.UniqueConstraint('task_id', 'period', 'evaluated_unit_id', 'kind', name='uq_evaluations_task_period_unit_kind')
    )
    op.create_index(op.f('ix_evaluations_evaluated_unit_id'), 'evaluations', ['evaluated_unit_id'], unique=False)
    op.create_index(op.f('ix_evaluations_evaluator_unit_id'), 'evaluations', ['evaluator_unit_id'], unique=False)
    op.create_index(op.f('ix_evaluations_task_id'), 'evaluations', ['task_id'], unique=False)
    op.create_table('indicator_ranks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('indicator_code', sa.String(length=64), nullable=False),
    sa.Column('framework', sa.String(length=16), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('of', sa.Integer(), nullable=True),
    sa.Column('entered_by', sa.String(length=64), nullable=False),
    sa.Column('entered_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("framework IN ('national', 'provincial')", name=op.f('ck_indicator_ranks_framework')),
    sa.CheckConstraint('of IS NULL OR of >= rank', name=op.f('ck_indicator_ranks_of')),
    sa.CheckConstraint('rank >= 1', name=op.f('ck_indicator_ranks_rank')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_ranks')),
    sa.UniqueConstraint('indicator_code', 'framework', 'period', name='uq_indicator_ranks_code_framework_period')
    )
    op.create_index(op.f('ix_indicator_ranks_indicator_code'), 'indicator_ranks', ['indicator_code'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_indicator_ranks_indicator_code'), table_name='indicator_ranks')
    op.drop_table('indicator_ranks')
    op.drop_index(op.f('ix_evaluations_task_id'), table_name='evaluations')
    op.drop_index(op.f('ix_evaluations_evaluator_unit_id'), table_name='evaluations')
    op.drop_index(op.f('ix_evaluations_evaluated_unit_id'), table_name='evaluations')
    op.drop_table('evaluations')
    op.drop_table('evaluation_rubrics')
    op.drop_index(op.f('ix_rectifications_owner_unit_id'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_inspection_id'), table_name='rectifications')
    op.drop_index(op.f('ix_rectifications_due_date'), table_name='rectifications')
    op.drop_table('rectifications')
    op.drop_index(op.f('ix_inspection_findings_inspection_id'), table_name='inspection_findings')
    op.drop_table('inspection_findings')
    op.drop_index(op.f('ix_inspections_unit_id'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_task_id'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_inspected_on'), table_name='inspections')
    op.drop_table('inspections')
