"""dispatch suggestions (智能分派建议): model versions and dispatchers' recorded choices

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 07:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dispatch_models',
    sa.Column('version', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('trigger', sa.String(length=16), nullable=False),
    sa.Column('trained_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('trained_by', sa.String(length=128), nullable=False),
    sa.Column('window_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('window_to', sa.DateTime(timezone=True), nullable=True),
    sa.Column('case_count', sa.Integer(), nullable=False),
    sa.Column('metrics', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('artifact', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("status IN ('ready', 'rules', 'failed')", name=op.f('ck_dispatch_models_status')),
    sa.CheckConstraint("trigger IN ('schedule', 'manual')", name=op.f('ck_dispatch_models_trigger')),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_dispatch_models'))
    )
    op.create_table('dispatch_decisions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('model_version', sa.Integer(), nullable=True),
    sa.Column('suggested_category', sa.String(length=40), nullable=True),
    sa.Column('suggested_unit_id', sa.Uuid(), nullable=True),
    sa.Column('suggested_co_unit_ids', postgresql.ARRAY(sa.Uuid()), server_default=sa.text("'{}'"),
              nullable=False),
    sa.Column('category_confidence', sa.Float(), nullable=True),
    sa.Column('unit_confidence', sa.Float(), nullable=True),
    sa.Column('chosen_category', sa.String(length=40), nullable=False),
    sa.Column('chosen_unit_id', sa.Uuid(), nullable=False),
    sa.Column('chosen_co_unit_ids', postgresql.ARRAY(sa.Uuid()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('accepted_explicitly', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('decided_by', sa.String(length=128), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("mode IN ('model', 'rules')", name=op.f('ck_dispatch_decisions_mode')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_dispatch_decisions_case_id_cases'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_version'], ['dispatch_models.version'],
                            name=op.f('fk_dispatch_decisions_model_version_dispatch_models')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_decisions'))
    )
    op.create_index(op.f('ix_dispatch_decisions_case_id'), 'dispatch_decisions', ['case_id'], unique=False)
    op.create_index(op.f('ix_dispatch_decisions_model_version'), 'dispatch_decisions', ['model_version'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_dispatch_decisions_model_version'), table_name='dispatch_decisions')
    op.drop_index(op.f('ix_dispatch_decisions_case_id'), table_name='dispatch_decisions')
    op.drop_table('dispatch_decisions')
    op.drop_table('dispatch_models')
