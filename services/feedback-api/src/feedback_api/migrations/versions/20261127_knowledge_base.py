"""knowledge base (知识库): curated Q&A entries

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 08:00:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('knowledge_entries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('category_code', sa.String(length=40), nullable=True),
    sa.Column('keywords', postgresql.ARRAY(sa.String(length=50)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('source_case_no', sa.String(length=24), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=128), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('policy', 'procedure', 'where_to_go')", name=op.f('ck_knowledge_entries_kind')),
    sa.CheckConstraint("status IN ('draft', 'published', 'archived')", name=op.f('ck_knowledge_entries_status')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'],
                            name=op.f('fk_knowledge_entries_category_code_categories')),
    sa.ForeignKeyConstraint(['source_case_no'], ['cases.case_no'],
                            name=op.f('fk_knowledge_entries_source_case_no_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_entries')),
    sa.UniqueConstraint('source_case_no', name=op.f('uq_knowledge_entries_source_case_no'))
    )
    op.create_index(op.f('ix_knowledge_entries_category_code'), 'knowledge_entries', ['category_code'], unique=False)
    op.create_index(op.f('ix_knowledge_entries_status'), 'knowledge_entries', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_knowledge_entries_status'), table_name='knowledge_entries')
    op.drop_index(op.f('ix_knowledge_entries_category_code'), table_name='knowledge_entries')
    op.drop_table('knowledge_entries')
