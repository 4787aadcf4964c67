"""task ledger

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:44:09.623123
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working_day', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days'))
    )
    op.create_table('calendar_years',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_years'))
    )
    op.create_table('imports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('rows', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('errors', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('summary', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'preview'"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('committed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('preview', 'committed')", name=op.f('ck_imports_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imports'))
    )
    op.create_table('plans',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('report_cycle', sa.String(length=16), server_default=sa.text("'monthly'"), nullable=False),
    sa.Column('warning_days', sa.Integer(), server_default=sa.text('5'), nullable=False),
    sa.Column('lag_tolerance', sa.Integer(), server_default=sa.text('20'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("report_cycle IN ('biweekly', 'monthly')", name=op.f('ck_plans_report_cycle')),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_plans_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('year', name=op.f('uq_plans_year'))
    )
    op.create_table('reminder_notices',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('unit_name', sa.String(length=128), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('items', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=64), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('webhook_status', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_notices')),
    sa.UniqueConstraint('number', name=op.f('uq_reminder_notices_number')),
    sa.UniqueConstraint('unit_id', 'issued_on', name='uq_reminder_notices_unit_day')
    )
    op.create_index(op.f('ix_reminder_notices_issued_on'), 'reminder_notices', ['issued_on'], unique=False)
    op.create_index(op.f('ix_reminder_notices_unit_id'), 'reminder_notices', ['unit_id'], unique=False)
    op.create_table('tasks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('goal', sa.Text(), nullable=True),
    sa.Column('environment', sa.String(length=32), nullable=False),
    sa.Column('special_group', sa.String(length=100), nullable=True),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('benchmark_class', sa.String(length=1), nullable=True),
    sa.Column('benchmark_city', sa.String(length=50), nullable=True),
    sa.Column('lead_unit_id', sa.Uuid(), nullable=False),
    sa.Column('leading_official', sa.String(length=100), nullable=True),
    sa.Column('contact_name', sa.String(length=50), nullable=True),
    sa.Column('contact_phone', sa.String(length=30), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('continuous', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('lifecycle_stage', sa.String(length=32), server_default=sa.text("'progress_tracking'"), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'not_started'"), nullable=False),
    sa.Column('reported_progress', sa.Integer(), nullable=True),
    sa.Column('progress', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('indicator_codes', postgresql.ARRAY(sa.String(length=64)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('source', sa.String(length=32), server_default=sa.text("'plan'"), nullable=False),
    sa.Column('tags', postgresql.ARRAY(sa.String(length=50)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("benchmark_class IN ('A', 'B', 'C')", name=op.f('ck_tasks_benchmark_class')),
    sa.CheckConstraint("category IN ('key', 'strength', 'weakness', 'signature')", name=op.f('ck_tasks_category')),
    sa.CheckConstraint("environment IN ('gov_service', 'rule_of_law', 'market', 'economic_ecology', 'humanistic', 'entrepreneurship')", name=op.f('ck_tasks_environment')),
    sa.CheckConstraint("lifecycle_stage IN ('demand_analysis', 'project_generation', 'progress_tracking', 'evaluation', 'consolidation', 'replication')", name=op.f('ck_tasks_lifecycle_stage')),
    sa.CheckConstraint("source IN ('plan', 'feedback_cluster', 'inspection')", name=op.f('ck_tasks_source')),
    sa.CheckConstraint("status IN ('not_started', 'in_progress', 'completed', 'ongoing')", name=op.f('ck_tasks_status')),
    sa.CheckConstraint('(deadline IS NULL) = continuous', name=op.f('ck_tasks_deadline_or_continuous')),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_tasks_progress')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_tasks_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks')),
    sa.UniqueConstraint('code', name=op.f('uq_tasks_code'))
    )
    op.create_index(op.f('ix_tasks_environment'), 'tasks', ['environment'], unique=False)
    op.create_index(op.f('ix_tasks_lead_unit_id'), 'tasks', ['lead_unit_id'], unique=False)
    op.create_index('ix_tasks_plan_seq', 'tasks', ['plan_id', 'seq'], unique=False)
    op.create_table('milestones',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_milestones_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    op.create_index(op.f('ix_milestones_due_date'), 'milestones', ['due_date'], unique=False)
    op.create_index(op.f('ix_milestones_task_id'), 'milestones', ['task_id'], unique=False)
    op.create_table('progress_reports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('attachments', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'"), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'submitted'"), nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('reviewed_by', sa.String(length=64), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('submitted', 'approved', 'returned')", name=op.f('ck_progress_reports_status')),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_progress_reports_progress')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_progress_reports_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_reports'))
    )
    op.create_index(op.f('ix_progress_reports_task_id'), 'progress_reports', ['task_id'], unique=False)
    op.create_index('ix_progress_reports_task_period', 'progress_reports', ['task_id', 'period_start'], unique=False)
    op.create_index(op.f('ix_progress_reports_unit_id'), 'progress_reports', ['unit_id'], unique=False)
    op.create_table('task_adjustments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changes', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('before', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('requested_unit_id', sa.Uuid(), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_comment', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name=op.f('ck_task_adjustments_status')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_adjustments_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_adjustments'))
    )
    op.create_index(op.f('ix_task_adjustments_task_id'), 'task_adjustments', ['task_id'], unique=False)
    op.create_table('task_units',
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_units_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('task_id', 'unit_id', name=op.f('pk_task_units'))
    )
    op.create_index(op.f('ix_task_units_unit_id'), 'task_units', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_task_units_unit_id'), table_name='task_units')
    op.drop_table('task_units')
    op.drop_index(op.f('ix_task_adjustments_task_id'), table_name='task_adjustments')
    op.drop_table('task_adjustments')
    op.drop_index(op.f('ix_progress_reports_unit_id'), table_name='progress_reports')
    op.drop_index('ix_progress_reports_task_period', table_name='progress_reports')
    op.drop_index(op.f('ix_progress_reports_task_id'), table_name='progress_reports')
    op.drop_table('progress_reports')
    op.drop_index(op.f('ix_milestones_task_id'), table_name='milestones')
    op.drop_index(op.f('ix_milestones_due_date'), table_name='milestones')
    op.drop_table('milestones')
    op.drop_index('ix_tasks_plan_seq', table_name='tasks')
    op.drop_index(op.f('ix_tasks_lead_unit_id'), table_name='tasks')
    op.drop_index(op.f('ix_tasks_environment'), table_name='tasks')
    op.drop_table('tasks')
    op.drop_index(op.f('ix_reminder_notices_unit_id'), table_name='reminder_notices')
    op.drop_index(op.f('ix_reminder_notices_issued_on'), table_name='reminder_notices')
    op.drop_table('reminder_notices')
    op.drop_table('plans')
    op.drop_table('imports')
    op.drop_table('calendar_years')
    op.drop_table('calendar_days')
