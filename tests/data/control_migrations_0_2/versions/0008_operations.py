"""Operations: support-access grants and the erasure log replayed after a restore.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_support_grants",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(255), nullable=False),
        sa.Column("grantee", sa.String(255), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("case_ref", sa.String(255), nullable=True),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column("granted_by", sa.String(255), nullable=False),
        sa.Column("granted_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32), nullable=True),
        sa.Column("revoked_by", sa.String(255), nullable=True),
        sa.Column("expiry_recorded", sa.Boolean(), nullable=False),
        comment="Support-access grants: who may see whose data in which scope, until when.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index("ix_kept_support_grants_subject_ref", "kept_support_grants", ["subject_ref"])
    op.create_table(
        "kept_erasure_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("identity_ref", sa.String(64), nullable=False),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column("manifest_version", sa.String(32), nullable=False),
        sa.Column("erased_at", sa.String(32), nullable=False),
        comment="Every executed erasure, by keyed identity only, to replay after a restore.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index("ix_kept_erasure_log_erased_at", "kept_erasure_log", ["erased_at"])


def downgrade() -> None:
    op.drop_index("ix_kept_erasure_log_erased_at", "kept_erasure_log")
    op.drop_table("kept_erasure_log")
    op.drop_index("ix_kept_support_grants_subject_ref", "kept_support_grants")
    op.drop_table("kept_support_grants")
