"""repeat flags, league settings, rated services and ratings, the rating channel

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 14:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OLD_CHANNELS = ('public_form', 'hotline_12345', 'open311', 'experience_officer', 'salon', 'media', 'inspection')
NEW_CHANNELS = OLD_CHANNELS + ('rating',)

# 营商环境我来评: the high-frequency enterprise services a new installation starts with
# (code, name, handling unit code, category of cases made from low ratings, description).
# The reform office edits the list (/api/feedback/v1/ratings/services).
RATED_SERVICES = [
    ('company_setup', '企业开办', 'scjg', 'gov_service.startup', '营业执照、公章、发票、社保、公积金、银行开户“一件事”'),
    ('company_deregistration', '企业注销', 'scjg', 'gov_service.startup', '简易注销与一般注销'),
    ('business_change', '企业变更登记', 'scjg', 'market.access', '名称、地址、经营范围、股东等变更'),
    ('food_license', '食品经营许可', 'scjg', 'market.access', None),
    ('property_registration', '不动产登记', 'ghzy', 'gov_service.property', '企业间转移登记、抵押登记'),
    ('land_supply', '工业用地供应（标准地）', 'ghzy', 'land.approval', '“标准地”出让与“拿地即开工”'),
    ('planning_permit', '建设工程规划许可', 'ghzy', 'gov_service.construction', None),
    ('construction_permit', '施工许可', 'jw', 'gov_service.construction', '建筑工程施工许可证核发'),
    ('completion_acceptance', '竣工联合验收', 'jw', 'gov_service.construction', None),
    ('fire_acceptance', '消防验收', 'jw', 'gov_service.construction', '建设工程消防验收与备案'),
    ('env_assessment', '环评审批', 'sthj', 'gov_service.construction', '建设项目环境影响评价审批'),
    ('electricity', '电力报装', 'fgw', 'utilities.power', '低压、高压用电报装'),
    ('water', '用水报装', 'cgj', 'utilities.water', '新装、增容与管网接入'),
    ('gas', '用气报装', 'cgj', 'utilities.gas', None),
    ('network', '网络报装', 'jxj', 'utilities.network', '宽带与专线接入'),
    ('tax_filing', '纳税申报', 'tax', 'gov_service.tax', '电子税务局申报缴税'),
    ('invoice', '发票申领', 'tax', 'gov_service.tax', '数电发票开具与额度调整'),
    ('export_rebate', '出口退税', 'tax', 'gov_service.tax', None),
    ('social_insurance', '社保登记', 'rsj', 'gov_service.online', '单位参保登记与人员增减'),
    ('housing_fund', '公积金缴存', 'zbfg', 'gov_service.online', '单位缴存登记与基数调整'),
    ('medical_insurance', '医保参保登记', 'ybj', 'gov_service.online', None),
    ('customs', '进出口报关', 'hg', 'market.access', '货物申报、查验与通关'),
    ('bidding', '招投标', 'fgw', 'market.fair', '工程建设项目招标投标'),
    ('gov_procurement', '政府采购', 'czj', 'market.fair', '采购意向公开、投标保证金与合同支付'),
    ('ip_pledge', '知识产权质押', 'scjg', 'ip.protection', '专利、商标质押登记与融资'),
    ('patent', '专利申请与预审', 'scjg', 'ip.application', None),
    ('subsidy', '涉企补贴兑现', 'czj', 'policy.subsidy', '产业扶持资金申报与拨付'),
    ('policy_auto', '惠企政策“免申即享”', 'jxj', 'policy.subsidy', None),
    ('high_tech', '高新技术企业认定', 'kjj', 'policy.consult', None),
    ('talent', '人才认定与补贴', 'rsj', 'policy.subsidy', None),
    ('loan', '普惠贷款与续贷', 'jrb', 'financing.loan', '无还本续贷与普惠小微贷款'),
    ('guarantee', '政府性融资担保', 'jrb', 'financing.guarantee', None),
    ('credit_repair', '信用修复', 'fgw', 'market.fair', '行政处罚信息信用修复'),
    ('inspection_once', '涉企检查“综合查一次”', 'sfj', 'enforcement.multiple', None),
    ('minor_penalty', '轻微违法免罚', 'sfj', 'enforcement.penalty', '首违不罚、轻微免罚清单'),
    ('labor_mediation', '劳动争议调解', 'rsj', 'other', None),
    ('commercial_mediation', '商事纠纷调解', 'zy', 'other', '诉前调解与在线司法确认'),
    ('online_service', '“浙里办”一网通办', 'sjzy', 'gov_service.online', None),
    ('e_certificate', '电子证照与“无证明城市”', 'sjzy', 'gov_service.online', None),
    ('fee_cleanup', '涉企收费清理', 'fgw', 'fees.arbitrary', '违规收费、摊派的查处'),
]


def _channels(values: tuple[str, ...]) -> None:
    op.drop_constraint(op.f('ck_cases_channel'), 'cases', type_='check')
    op.create_check_constraint(op.f('ck_cases_channel'), 'cases', f"channel IN {values}")


def upgrade() -> None:
    op.create_table('case_repeat_flags',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('repeat_of_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'suggested'"), nullable=False),
    sa.Column('matched_by', sa.String(length=16), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('decided_by', sa.String(length=128), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_comment', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('suggested', 'confirmed', 'dismissed')", name=op.f('ck_case_repeat_flags_status')),
    sa.CheckConstraint("matched_by IN ('credit_code', 'enterprise_name', 'phone', 'legacy')", name=op.f('ck_case_repeat_flags_matched_by')),
    sa.CheckConstraint('case_id <> repeat_of_id', name=op.f('ck_case_repeat_flags_not_itself')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_repeat_flags_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['repeat_of_id'], ['cases.id'], name=op.f('fk_case_repeat_flags_repeat_of_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_repeat_flags'))
    )
    op.create_index(op.f('ix_case_repeat_flags_repeat_of_id'), 'case_repeat_flags', ['repeat_of_id'], unique=False)
    op.create_index('ix_case_repeat_flags_status_created_at', 'case_repeat_flags', ['status', 'created_at'], unique=False)
    # Links made before flags existed become suggested flags, so staff can decide on them.
    op.execute("INSERT INTO case_repeat_flags (case_id, repeat_of_id, status, matched_by, created_at) "
               "SELECT id, repeat_of_id, 'suggested', 'legacy', received_at FROM cases WHERE repeat_of_id IS NOT NULL")

    op.create_table('league_settings',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('weight_response', sa.Numeric(precision=6, scale=2), server_default=sa.text('20'), nullable=False),
    sa.Column('weight_on_time', sa.Numeric(precision=6, scale=2), server_default=sa.text('30'), nullable=False),
    sa.Column('weight_one_time', sa.Numeric(precision=6, scale=2), server_default=sa.text('30'), nullable=False),
    sa.Column('weight_satisfaction', sa.Numeric(precision=6, scale=2), server_default=sa.text('20'), nullable=False),
    sa.Column('reopen_deduction', sa.Numeric(precision=6, scale=2), server_default=sa.text('1'), nullable=False),
    sa.Column('reopen_deduction_cap', sa.Numeric(precision=6, scale=2), server_default=sa.text('10'), nullable=False),
    sa.Column('min_cases', sa.Integer(), server_default=sa.text('5'), nullable=False),
    sa.Column('updated_by', sa.String(length=128), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_league_settings_single_row')),
    sa.CheckConstraint('weight_response >= 0 AND weight_on_time >= 0 AND weight_one_time >= 0 AND weight_satisfaction >= 0', name=op.f('ck_league_settings_weights_non_negative')),
    sa.CheckConstraint('weight_response + weight_on_time + weight_one_time + weight_satisfaction > 0', name=op.f('ck_league_settings_weights_positive')),
    sa.CheckConstraint('reopen_deduction >= 0 AND reopen_deduction_cap >= 0', name=op.f('ck_league_settings_deduction')),
    sa.CheckConstraint('min_cases >= 1', name=op.f('ck_league_settings_min_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_league_settings'))
    )
    op.execute("INSERT INTO league_settings (id) VALUES (1)")

    op.create_table('rated_services',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('unit_code', sa.String(length=40), nullable=False),
    sa.Column('category_code', sa.String(length=40), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=True),
    sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['category_code'], ['categories.code'], name=op.f('fk_rated_services_category_code_categories')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_rated_services')),
    sa.UniqueConstraint('name', name=op.f('uq_rated_services_name'))
    )
    op.create_index(op.f('ix_rated_services_unit_code'), 'rated_services', ['unit_code'], unique=False)
    services = sa.table('rated_services', sa.column('code', sa.String), sa.column('name', sa.String),
                        sa.column('unit_code', sa.String), sa.column('category_code', sa.String),
                        sa.column('description', sa.String), sa.column('position', sa.Integer))
    op.bulk_insert(services, [dict(code=c, name=n, unit_code=u, category_code=cat, description=d, position=i)
                              for i, (c, n, u, cat, d) in enumerate(RATED_SERVICES)])

    op.create_table('service_ratings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_code', sa.String(length=40), nullable=False),
    sa.Column('unit_code', sa.String(length=40), nullable=False),
    sa.Column('stars', sa.SmallInteger(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('enterprise_name', sa.String(length=200), nullable=True),
    sa.Column('contact_phone_enc', sa.Text(), nullable=True),
    sa.Column('contact_phone_index', sa.String(length=64), nullable=True),
    sa.Column('contact_phone_masked', sa.String(length=20), nullable=True),
    sa.Column('address_hash', sa.String(length=64), nullable=True),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('stars BETWEEN 1 AND 5', name=op.f('ck_service_ratings_stars')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_service_ratings_case_id_cases'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_code'], ['rated_services.code'], name=op.f('fk_service_ratings_service_code_rated_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_ratings'))
    )
    op.create_index(op.f('ix_service_ratings_case_id'), 'service_ratings', ['case_id'], unique=False)
    op.create_index('ix_service_ratings_service_code_created_at', 'service_ratings', ['service_code', 'created_at'], unique=False)
    op.create_index('ix_service_ratings_unit_code_created_at', 'service_ratings', ['unit_code', 'created_at'], unique=False)
    op.create_index('ix_service_ratings_address_hash_created_at', 'service_ratings', ['address_hash', 'created_at'], unique=False)

    _channels(NEW_CHANNELS)


def downgrade() -> None:
    # Cases that came from ratings stay, as online submissions (the channel no longer exists).
    op.execute("UPDATE cases SET channel = 'public_form' WHERE channel = 'rating'")
    _channels(OLD_CHANNELS)
    op.drop_index('ix_service_ratings_address_hash_created_at', table_name='service_ratings')
    op.drop_index('ix_service_ratings_unit_code_created_at', table_name='service_ratings')
    op.drop_index('ix_service_ratings_service_code_created_at', table_name='service_ratings')
    op.drop_index(op.f('ix_service_ratings_case_id'), table_name='service_ratings')
    op.drop_table('service_ratings')
    op.drop_index(op.f('ix_rated_services_unit_code'), table_name='rated_services')
    op.drop_table('rated_services')
    op.drop_table('league_settings')
    op.drop_index('ix_case_repeat_flags_status_created_at', table_name='case_repeat_flags')
    op.drop_index(op.f('ix_case_repeat_flags_repeat_of_id'), table_name='case_repeat_flags')
    op.drop_table('case_repeat_flags')
