"""special actions and battle map baselines

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('special_actions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('goal', sa.Text(), nullable=True),
    sa.Column('leading_official', sa.String(length=100), nullable=False),
    sa.Column('lead_unit_id', sa.Uuid(), nullable=False),
    sa.Column('environment', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("environment IN ('gov_service', 'rule_of_law', 'market', 'economic_ecology', 'humanistic', 'entrepreneurship')", name=op.f('ck_special_actions_environment')),
    sa.CheckConstraint("kind IN ('city', 'extra')", name=op.f('ck_special_actions_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_special_actions')),
    sa.UniqueConstraint('code', name=op.f('uq_special_actions_code'))
    )
    op.create_index(op.f('ix_special_actions_lead_unit_id'), 'special_actions', ['lead_unit_id'], unique=False)
    op.create_index('ix_special_actions_year_kind', 'special_actions', ['year', 'kind'], unique=False)
    op.create_table('special_action_units',
    sa.Column('action_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['special_actions.id'], name=op.f('fk_special_action_units_action_id_special_actions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'unit_id', name=op.f('pk_special_action_units'))
    )
    op.create_index(op.f('ix_special_action_units_unit_id'), 'special_action_units', ['unit_id'], unique=False)
    op.create_table('special_action_measures',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('action_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['special_actions.id'], name=op.f('fk_special_action_measures_action_id_special_actions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_special_action_measures'))
    )
    op.create_index(op.f('ix_special_action_measures_action_id'), 'special_action_measures', ['action_id'], unique=False)
    op.create_table('special_action_nodes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('action_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['special_actions.id'], name=op.f('fk_special_action_nodes_action_id_special_actions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_special_action_nodes'))
    )
    op.create_index(op.f('ix_special_action_nodes_action_id'), 'special_action_nodes', ['action_id'], unique=False)
    op.create_index(op.f('ix_special_action_nodes_due_date'), 'special_action_nodes', ['due_date'], unique=False)
    op.create_table('special_action_tasks',
    sa.Column('action_id', sa.Uuid(), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['special_actions.id'], name=op.f('fk_special_action_tasks_action_id_special_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_special_action_tasks_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'task_id', name=op.f('pk_special_action_tasks'))
    )
    op.create_index(op.f('ix_special_action_tasks_task_id'), 'special_action_tasks', ['task_id'], unique=False)
    op.create_table('battle_map_baselines',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('taken_by', sa.String(length=64), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_battle_map_baselines_quarter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_battle_map_baselines')),
    sa.UniqueConstraint('year', 'quarter', name=op.f('uq_battle_map_baselines_year_quarter'))
    )
    op.create_table('battle_map_baseline_items',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('baseline_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('task_id', sa.Uuid(), nullable=True),
    sa.Column('task_code', sa.String(length=32), nullable=True),
    sa.Column('task_title', sa.String(length=300), nullable=True),
    sa.Column('action_id', sa.Uuid(), nullable=True),
    sa.Column('action_code', sa.String(length=32), nullable=True),
    sa.Column('action_name', sa.String(length=200), nullable=True),
    sa.Column('lead_unit_id', sa.Uuid(), nullable=False),
    sa.Column('environment', sa.String(length=32), nullable=True),
    sa.Column('planned_due', sa.Date(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IN ('milestone', 'action_node')", name=op.f('ck_battle_map_baseline_items_kind')),
    sa.ForeignKeyConstraint(['baseline_id'], ['battle_map_baselines.id'], name=op.f('fk_battle_map_baseline_items_baseline_id_battle_map_baselines'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_battle_map_baseline_items')),
    sa.UniqueConstraint('baseline_id', 'kind', 'item_id', name=op.f('uq_battle_map_baseline_items_baseline_id_kind_item_id'))
    )


def downgrade() -> None:
    op.drop_table('battle_map_baseline_items')
    op.drop_table('battle_map_baselines')
    op.drop_index(op.f('ix_special_action_tasks_task_id'), table_name='special_action_tasks')
    op.drop_table('special_action_tasks')
    op.drop_index(op.f('ix_special_action_nodes_due_date'), table_name='special_action_nodes')
    op.drop_index(op.f('ix_special_action_nodes_action_id'), table_name='special_action_nodes')
    op.drop_table('special_action_nodes')
    op.drop_index(op.f('ix_special_action_measures_action_id'), table_name='special_action_measures')
    op.drop_table('special_action_measures')
    op.drop_index(op.f('ix_special_action_units_unit_id'), table_name='special_action_units')
    op.drop_table('special_action_units')
    op.drop_index('ix_special_actions_year_kind', table_name='special_actions')
    op.drop_index(op.f('ix_special_actions_lead_unit_id'), table_name='special_actions')
    op.drop_table('special_actions')
