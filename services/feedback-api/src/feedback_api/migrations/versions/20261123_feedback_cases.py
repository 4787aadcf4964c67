"""feedback cases

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:52:25.111672
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The category tree a new installation starts with; the reform office edits it (/api/feedback/v1/categories).
CATEGORIES = [
    ('gov_service', '政务服务', None, 0),
    ('gov_service.startup', '企业开办与注销', 'gov_service', 0),
    ('gov_service.construction', '工程建设项目审批', 'gov_service', 1),
    ('gov_service.property', '不动产登记', 'gov_service', 2),
    ('gov_service.tax', '办税缴费', 'gov_service', 3),
    ('gov_service.online', '网上办事与一网通办', 'gov_service', 4),
    ('market', '市场监管', None, 1),
    ('market.access', '市场准入与准营', 'market', 0),
    ('market.fair', '公平竞争', 'market', 1),
    ('market.quality', '质量与标准', 'market', 2),
    ('enforcement', '执法检查', None, 2),
    ('enforcement.multiple', '多头检查、重复检查', 'enforcement', 0),
    ('enforcement.penalty', '涉企行政处罚', 'enforcement', 1),
    ('fees', '涉企收费', None, 3),
    ('fees.arbitrary', '乱收费、乱摊派', 'fees', 0),
    ('fees.deposit', '保证金清退', 'fees', 1),
    ('fees.arrears', '拖欠企业账款', 'fees', 2),
    ('financing', '融资', None, 4),
    ('financing.loan', '贷款与续贷', 'financing', 0),
    ('financing.guarantee', '融资担保', 'financing', 1),
    ('land', '用地', None, 5),
    ('land.approval', '用地审批', 'land', 0),
    ('land.plant', '厂房与标准地', 'land', 1),
    ('utilities', '水电气网', None, 6),
    ('utilities.power', '用电报装', 'utilities', 0),
    ('utilities.water', '用水报装', 'utilities', 1),
    ('utilities.gas', '用气报装', 'utilities', 2),
    ('utilities.network', '网络通信', 'utilities', 3),
    ('ip', '知识产权', None, 7),
    ('ip.protection', '知识产权保护', 'ip', 0),
    ('ip.application', '专利商标申请', 'ip', 1),
    ('policy', '政策兑现', None, 8),
    ('policy.subsidy', '惠企资金兑付', 'policy', 0),
    ('policy.consult', '政策咨询与解读', 'policy', 1),
    ('other', '其他', None, 9),
]


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence('case_no_seq')))
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
    op.create_table('categories',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('parent_code', sa.String(length=40), nullable=True),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.ForeignKeyConstraint(['parent_code'], ['categories.code'], name=op.f('fk_categories_parent_code_categories')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_categories'))
    )
    op.create_index(op.f('ix_categories_parent_code'), 'categories', ['parent_code'], unique=False)
    op.create_table('public_submissions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('nonce', sa.String(length=32), nullable=True),
    sa.Column('address_hash', sa.String(length=64), nullable=False),
    sa.Column('phone_index', sa.String(length=64), nullable=True),
    sa.Column('case_no', sa.String(length=24), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('create', 'add_info', 'attachment', 'rate', 'lookup_failed')", name=op.f('ck_public_submissions_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_submissions')),
    sa.UniqueConstraint('nonce', name=op.f('uq_public_submissions_nonce'))
    )
    op.create_index('ix_public_submissions_address', 'public_submissions', ['address_hash', 'created_at'], unique=False)
    op.create_index('ix_public_submissions_phone', 'public_submissions', ['phone_index', 'created_at'], unique=False)
    op.create_table('cases',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_no', sa.String(length=24), nullable=False),
    sa.Column('tracking_code', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=24), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('source_detail', sa.String(length=200), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('category_code', sa.String(length=40), nullable=False),
    sa.Column('external_category', sa.String(length=100), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('desired_outcome', sa.Text(), nullable=True),
    sa.Column('enterprise_name', sa.String(length=200), nullable=True),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('anonymous', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('contact_name', sa.String(length=50), nullable=True),
    sa.Column('contact_phone_enc', sa.Text(), nullable=True),
    sa.Column('contact_phone_index', sa.String(length=64), nullable=True),
    sa.Column('contact_phone_masked', sa.String(length=20), nullable=True),
    sa.Column('contact_id_enc', sa.Text(), nullable=True),
    sa.Column('contact_id_masked', sa.String(length=24), nullable=True),
    sa.Column('district_code', sa.String(length=12), nullable=True),
    sa.Column('district_name', sa.String(length=50), nullable=True),
    sa.Column('district_unit_id', sa.Uuid(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('main_unit_id', sa.Uuid(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('time_limit_working_days', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accept_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('satisfaction', sa.String(length=24), nullable=True),
    sa.Column('satisfaction_comment', sa.Text(), nullable=True),
    sa.Column('reopen_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('repeat_of_id', sa.Uuid(), nullable=True),
    sa.Column('intake_hash', sa.String(length=64), nullable=True),
    sa.Column('intake_response', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('created_by', sa.String(length=128), nullable=False),
    sa.Column('created_by_unit_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("anonymous = false OR type = 'suggestion'", name=op.f('ck_cases_anonymous_suggestion')),
    sa.CheckConstraint("channel IN ('public_form', 'hotline_12345', 'open311', 'experience_officer', 'salon', 'media', 'inspection')", name=op.f('ck_cases_channel')),
    sa.CheckConstraint("satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')", name=op.f('ck_cases_satisfaction')),
    sa.CheckConstraint("status IN ('received', 'assigned', 'accepted', 'in_progress', 'replied', 'closed', 'returned', 'reopened')", name=op.f('ck_cases_status')),
    sa.CheckConstraint("type IN ('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise')", name=op.f('ck_cases_type')),
    sa.CheckConstraint('time_limit_working_days BETWEEN 1 AND 120', name=op.f('ck_cases_time_limit')),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_cases_category_code_categories')),
    sa.ForeignKeyConstraint(['repeat_of_id'], ['cases.id'], name=op.f('fk_cases_repeat_of_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('case_no', name=op.f('uq_cases_case_no')),
    sa.UniqueConstraint('channel', 'external_id', name='uq_cases_channel_external_id'),
    sa.UniqueConstraint('tracking_code', name=op.f('uq_cases_tracking_code'))
    )
    op.create_index(op.f('ix_cases_category_code'), 'cases', ['category_code'], unique=False)
    op.create_index('ix_cases_closed_at', 'cases', ['closed_at'], unique=False)
    op.create_index(op.f('ix_cases_contact_phone_index'), 'cases', ['contact_phone_index'], unique=False)
    op.create_index(op.f('ix_cases_created_by_unit_id'), 'cases', ['created_by_unit_id'], unique=False)
    op.create_index(op.f('ix_cases_credit_code'), 'cases', ['credit_code'], unique=False)
    op.create_index(op.f('ix_cases_district_unit_id'), 'cases', ['district_unit_id'], unique=False)
    op.create_index(op.f('ix_cases_main_unit_id'), 'cases', ['main_unit_id'], unique=False)
    op.create_index('ix_cases_received_at', 'cases', ['received_at'], unique=False)
    op.create_index(op.f('ix_cases_repeat_of_id'), 'cases', ['repeat_of_id'], unique=False)
    op.create_index('ix_cases_status_due_at', 'cases', ['status', 'due_at'], unique=False)
    op.create_table('case_attachments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('storage_key', sa.String(length=300), nullable=True),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('uploaded_by', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_attachments_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_attachments'))
    )
    op.create_index(op.f('ix_case_attachments_case_id'), 'case_attachments', ['case_id'], unique=False)
    op.create_table('case_events',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=128), nullable=False),
    sa.Column('actor_kind', sa.String(length=16), nullable=False),
    sa.Column('actor_unit_id', sa.Uuid(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('public', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('detail', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    op.create_index('ix_case_events_case_id_id', 'case_events', ['case_id', 'id'], unique=False)
    op.create_table('case_extensions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('working_days', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('requested_by', sa.String(length=128), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=128), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_comment', sa.Text(), nullable=True),
    sa.Column('old_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'approved', 'refused')", name=op.f('ck_case_extensions_status')),
    sa.CheckConstraint('working_days BETWEEN 1 AND 60', name=op.f('ck_case_extensions_working_days')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_extensions_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_extensions'))
    )
    op.create_index(op.f('ix_case_extensions_case_id'), 'case_extensions', ['case_id'], unique=False)
    op.create_index('uq_case_extensions_pending', 'case_extensions', ['case_id'], unique=True, postgresql_where=sa.text("status = 'pending'"))
    op.create_table('case_units',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_units_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'unit_id', name=op.f('pk_case_units'))
    )
    op.create_index(op.f('ix_case_units_unit_id'), 'case_units', ['unit_id'], unique=False)
    categories = sa.table('categories', sa.column('code', sa.String), sa.column('name', sa.String),
                          sa.column('parent_code', sa.String), sa.column('position', sa.Integer))
    op.bulk_insert(categories, [dict(code=c, name=n, parent_code=p, position=i) for c, n, p, i in CATEGORIES])


def downgrade() -> None:
    op.drop_index(op.f('ix_case_units_unit_id'), table_name='case_units')
    op.drop_table('case_units')
    op.drop_index('uq_case_extensions_pending', table_name='case_extensions', postgresql_where=sa.text("status = 'pending'"))
    op.drop_index(op.f('ix_case_extensions_case_id'), table_name='case_extensions')
    op.drop_table('case_extensions')
    op.drop_index('ix_case_events_case_id_id', table_name='case_events')
    op.drop_table('case_events')
    op.drop_index(op.f('ix_case_attachments_case_id'), table_name='case_attachments')
    op.drop_table('case_attachments')
    op.drop_index('ix_cases_status_due_at', table_name='cases')
    op.drop_index(op.f('ix_cases_repeat_of_id'), table_name='cases')
    op.drop_index('ix_cases_received_at', table_name='cases')
    op.drop_index(op.f('ix_cases_main_unit_id'), table_name='cases')
    op.drop_index(op.f('ix_cases_district_unit_id'), table_name='cases')
    op.drop_index(op.f('ix_cases_credit_code'), table_name='cases')
    op.drop_index(op.f('ix_cases_created_by_unit_id'), table_name='cases')
    op.drop_index(op.f('ix_cases_contact_phone_index'), table_name='cases')
    op.drop_index('ix_cases_closed_at', table_name='cases')
    op.drop_index(op.f('ix_cases_category_code'), table_name='cases')
    op.drop_table('cases')
    op.drop_index('ix_public_submissions_phone', table_name='public_submissions')
    op.drop_index('ix_public_submissions_address', table_name='public_submissions')
    op.drop_table('public_submissions')
    op.drop_index(op.f('ix_categories_parent_code'), table_name='categories')
    op.drop_table('categories')
    op.drop_table('calendar_years')
    op.drop_table('calendar_days')
    op.execute(sa.schema.DropSequence(sa.Sequence('case_no_seq')))
