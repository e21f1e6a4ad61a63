"""Exports stored as files: a row names its file instead of holding the zip as a blob.

Rows written before this revision keep their ``content`` and are still served from it; new
rows leave ``content`` empty and name their file in ``path`` (relative to the export folder).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")


def upgrade() -> None:
    with op.batch_alter_table("kept_request_exports") as batch:
        batch.add_column(sa.Column("path", sa.String(255), nullable=True))
        batch.alter_column("content", existing_type=_BLOB, nullable=True)


def downgrade() -> None:
    # Rows whose export is a file cannot be put back as blobs: they are dropped.
    op.execute(sa.text("DELETE FROM kept_request_exports WHERE content IS NULL"))
    with op.batch_alter_table("kept_request_exports") as batch:
        batch.alter_column("content", existing_type=_BLOB, nullable=False)
        batch.drop_column("path")
