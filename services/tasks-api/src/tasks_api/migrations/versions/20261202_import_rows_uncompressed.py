"""import previews' rows stored uncompressed

A 5,000-task preview stores ~11 MB of JSONB in ``imports.rows``, compressed on the upload and
decompressed by each of the commit's reads (the rows to create, then the one insert of the new
tasks). On a server without lz4 (the embedded one) pglz compressing it took ~90 ms of the upload,
and an import's time fell ~3–5 % without it (docs/performance.md, "Excel import"). A stored
preview takes ~11 MB of disk instead of ~3 MB; a city uploads a few dozen a year.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 05:00:00
"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE imports ALTER COLUMN rows SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.execute("ALTER TABLE imports ALTER COLUMN rows SET STORAGE EXTENDED")
