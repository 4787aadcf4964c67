"""lifecycle history, pilots, best practices

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

STAGES = "('demand_analysis', 'project_generation', 'progress_tracking', 'evaluation', 'consolidation', 'replication')"
ENVIRONMENTS = "('gov_service', 'rule_of_law', 'market', 'economic_ecology', 'humanistic', 'entrepreneurship')"


def upgrade() -> None:
    # Tasks created by rolling out a pilot carry source 'pilot'.
    op.drop_constraint(op.f('ck_tasks_source'), 'tasks', type_='check')
    op.create_check_constraint(op.f('ck_tasks_source'), 'tasks',
                               "source IN ('plan', 'feedback_cluster', 'inspection', 'pilot')")
    op.create_table('task_stage_changes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('from_stage', sa.String(length=32), nullable=False),
    sa.Column('to_stage', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('actor_unit_id', sa.Uuid(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint(f"from_stage IN {STAGES}", name=op.f('ck_task_stage_changes_from_stage')),
    sa.CheckConstraint(f"to_stage IN {STAGES}", name=op.f('ck_task_stage_changes_to_stage')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_stage_changes_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_stage_changes'))
    )
    op.create_index(op.f('ix_task_stage_changes_task_id'), 'task_stage_changes', ['task_id'], unique=False)
    op.create_table('pilots',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('goal', sa.Text(), nullable=True),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('environment', sa.String(length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'running'"), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('concluded_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('running', 'rolled_out', 'stopped')", name=op.f('ck_pilots_status')),
    sa.CheckConstraint(f"environment IN {ENVIRONMENTS}", name=op.f('ck_pilots_environment')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_pilots_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilots')),
    sa.UniqueConstraint('code', name=op.f('uq_pilots_code'))
    )
    op.create_index(op.f('ix_pilots_unit_id'), 'pilots', ['unit_id'], unique=False)
    op.create_table('pilot_feedback',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('progress_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilots.id'], name=op.f('fk_pilot_feedback_pilot_id_pilots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_feedback'))
    )
    op.create_index(op.f('ix_pilot_feedback_pilot_id'), 'pilot_feedback', ['pilot_id'], unique=False)
    op.create_table('pilot_decisions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('changes', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_unit_id', sa.Uuid(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("decision IN ('roll_out', 'adjust', 'stop')", name=op.f('ck_pilot_decisions_decision')),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilots.id'], name=op.f('fk_pilot_decisions_pilot_id_pilots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_decisions'))
    )
    op.create_index(op.f('ix_pilot_decisions_pilot_id'), 'pilot_decisions', ['pilot_id'], unique=False)
    op.create_table('pilot_tasks',
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilots.id'], name=op.f('fk_pilot_tasks_pilot_id_pilots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_pilot_tasks_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pilot_id', 'task_id', name=op.f('pk_pilot_tasks'))
    )
    op.create_index(op.f('ix_pilot_tasks_task_id'), 'pilot_tasks', ['task_id'], unique=False)
    op.create_table('best_practices',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('attachments', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'"), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('environment', sa.String(length=32), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint(f"environment IN {ENVIRONMENTS}", name=op.f('ck_best_practices_environment')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_best_practices_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_best_practices')),
    sa.UniqueConstraint('code', name=op.f('uq_best_practices_code')),
    sa.UniqueConstraint('task_id', name=op.f('uq_best_practices_task_id'))
    )
    op.create_index(op.f('ix_best_practices_unit_id'), 'best_practices', ['unit_id'], unique=False)
    op.create_table('best_practice_replications',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('best_practice_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['best_practice_id'], ['best_practices.id'], name=op.f('fk_best_practice_replications_best_practice_id_best_practices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_best_practice_replications')),
    sa.UniqueConstraint('best_practice_id', 'unit_id', name=op.f('uq_best_practice_replications_best_practice_id_unit_id'))
    )
    op.create_index(op.f('ix_best_practice_replications_best_practice_id'), 'best_practice_replications', ['best_practice_id'], unique=False)
    op.create_index(op.f('ix_best_practice_replications_unit_id'), 'best_practice_replications', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_best_practice_replications_unit_id'), table_name='best_practice_replications')
    op.drop_index(op.f('ix_best_practice_replications_best_practice_id'), table_name='best_practice_replications')
    op.drop_table('best_practice_replications')
    op.drop_index(op.f('ix_best_practices_unit_id'), table_name='best_practices')
    op.drop_table('best_practices')
    op.drop_index(op.f('ix_pilot_tasks_task_id'), table_name='pilot_tasks')
    op.drop_table('pilot_tasks')
    op.drop_index(op.f('ix_pilot_decisions_pilot_id'), table_name='pilot_decisions')
    op.drop_table('pilot_decisions')
    op.drop_index(op.f('ix_pilot_feedback_pilot_id'), table_name='pilot_feedback')
    op.drop_table('pilot_feedback')
    op.drop_index(op.f('ix_pilots_unit_id'), table_name='pilots')
    op.drop_table('pilots')
    op.drop_index(op.f('ix_task_stage_changes_task_id'), table_name='task_stage_changes')
    op.drop_table('task_stage_changes')
    # Without pilots a rolled-out task is an ordinary plan task; the old check has no 'pilot'.
    op.execute("UPDATE tasks SET source = 'plan' WHERE source = 'pilot'")
    op.drop_constraint(op.f('ck_tasks_source'), 'tasks', type_='check')
    op.create_check_constraint(op.f('ck_tasks_source'), 'tasks', "source IN ('plan', 'feedback_cluster', 'inspection')")
