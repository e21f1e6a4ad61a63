"""Why a request waits for staff (four-eyes, held self-rectification); rate-limit bucket rows;
the audit head's signature.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kept_audit_head") as batch:
        batch.add_column(sa.Column("signature", sa.String(64), nullable=True))
    with op.batch_alter_table("kept_requests") as batch:
        batch.add_column(sa.Column("review", sa.String(40), nullable=True))
    op.create_table(
        "kept_rate_buckets",
        sa.Column("bucket", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("bucket", name="pk_kept_rate_buckets"),
        comment="One row per rate-limit bucket, locked while a hit is counted (migration 0008).",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )


def downgrade() -> None:
    op.drop_table("kept_rate_buckets")
    with op.batch_alter_table("kept_requests") as batch:
        batch.drop_column("review")
    with op.batch_alter_table("kept_audit_head") as batch:
        batch.drop_column("signature")
