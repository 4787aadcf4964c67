"""import previews' rows compressed with lz4

A 5,000-task preview stores ~11 MB of JSONB in ``imports.rows``; pglz compressing it was ~0.5 s of
the upload, lz4 ~0.4 s, and the commit reads the document back several times (INSERT … SELECT FROM
jsonb_array_elements), each read decompressing it. A server built without lz4 keeps pglz.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 05:00:00
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
DO $$ BEGIN
    ALTER TABLE imports ALTER COLUMN rows SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END $$""")


def downgrade() -> None:
    op.execute("ALTER TABLE imports ALTER COLUMN rows SET COMPRESSION DEFAULT")
