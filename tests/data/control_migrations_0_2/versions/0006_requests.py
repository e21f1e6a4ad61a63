"""Rights requests as a service: the lifecycle, verification codes, exports, rate limits.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_requests",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("identities", sa.Text(), nullable=True),
        sa.Column("contact", sa.String(320), nullable=True),
        sa.Column("jurisdictions", sa.String(100), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.Column("verified_at", sa.String(32), nullable=True),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("closed_at", sa.String(32), nullable=True),
        sa.Column("due_on", sa.String(10), nullable=True),
        sa.Column("acknowledge_by", sa.String(10), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("paused_since", sa.String(10), nullable=True),
        sa.Column("paused_days", sa.Integer(), nullable=False),
        sa.Column("reason_code", sa.String(40), nullable=True),
        sa.Column("reason_message", sa.Text(), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("submitted_by", sa.String(255), nullable=False),
        sa.Column("queued_at", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(100), nullable=True),
        sa.Column("lease_expires", sa.String(32), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kept_requests"),
        comment="Rights requests through their lifecycle; the queue workers claim from.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index("ix_kept_requests_state", "kept_requests", ["state", "queued_at"])
    op.create_index("ix_kept_requests_tenant", "kept_requests", ["tenant", "received_at"])
    op.create_index("ix_kept_requests_due_on", "kept_requests", ["due_on"])
    op.create_index("ix_kept_requests_subject_ref", "kept_requests", ["subject_ref"])
    op.create_table(
        "kept_request_codes",
        sa.Column("request_id", sa.String(40), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("request_id", name="pk_kept_request_codes"),
        comment="The e-mailed verification code of each request: its keyed hash, never the code.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_table(
        "kept_request_exports",
        sa.Column("request_id", sa.String(40), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column(
            "content",
            sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("request_id", name="pk_kept_request_exports"),
        comment="Access exports, held for download by the person through a signed link.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_table(
        "kept_rate_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bucket", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kept_rate_hits"),
        comment="Recent hits per rate-limit bucket (a keyed hash of a client or an address).",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index("ix_kept_rate_hits_bucket", "kept_rate_hits", ["bucket", "at"])


def downgrade() -> None:
    op.drop_index("ix_kept_rate_hits_bucket", table_name="kept_rate_hits")
    op.drop_table("kept_rate_hits")
    op.drop_table("kept_request_exports")
    op.drop_table("kept_request_codes")
    op.drop_index("ix_kept_requests_subject_ref", table_name="kept_requests")
    op.drop_index("ix_kept_requests_due_on", table_name="kept_requests")
    op.drop_index("ix_kept_requests_tenant", table_name="kept_requests")
    op.drop_index("ix_kept_requests_state", table_name="kept_requests")
    op.drop_table("kept_requests")
