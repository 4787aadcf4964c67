"""audit log append-only: UPDATE, DELETE and TRUNCATE refused by a trigger

Rows older than the retention period (180 days) leave only through audit_log_purge(), which
refuses a shorter period; the trigger itself re-checks the age, so no caller can delete a
younger row. See reform_common.audit.APPEND_ONLY_DDL and docs/audit.md.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 07:00:00
"""
from alembic import op
from reform_common.audit import APPEND_ONLY_DDL, APPEND_ONLY_DROP

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in APPEND_ONLY_DDL:
        op.execute(statement)


def downgrade() -> None:
    for statement in APPEND_ONLY_DROP:
        op.execute(statement)
