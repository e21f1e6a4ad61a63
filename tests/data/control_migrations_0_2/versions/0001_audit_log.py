"""The settings table and the hash-chained audit log with its head row.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the values in kept.control and kept.audit: a migration never changes.
_MYSQL_CHARSET = "utf8mb4"
_MYSQL_COLLATE = "utf8mb4_bin"
_GENESIS = "0" * 64


def upgrade() -> None:
    settings = op.create_table(
        "kept_settings",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_kept_settings"),
        comment="Kept's own settings, e.g. the generated secret key for subject references.",
        mysql_charset=_MYSQL_CHARSET,
        mysql_collate=_MYSQL_COLLATE,
    )
    op.create_table(
        "kept_audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("subject_ref", sa.String(64), nullable=True),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column(
            "details", sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb"), nullable=False
        ),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_kept_audit_log"),
        comment="The hash-chained audit log; append-only.",
        mysql_charset=_MYSQL_CHARSET,
        mysql_collate=_MYSQL_COLLATE,
    )
    op.create_index("ix_kept_audit_log_tenant", "kept_audit_log", ["tenant", "seq"])
    op.create_index("ix_kept_audit_log_subject_ref", "kept_audit_log", ["subject_ref"])
    op.create_index("ix_kept_audit_log_created_at", "kept_audit_log", ["created_at"])
    head = op.create_table(
        "kept_audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kept_audit_head"),
        comment="One row (id 1): the last audit entry's sequence number and hash; the append lock.",
        mysql_charset=_MYSQL_CHARSET,
        mysql_collate=_MYSQL_COLLATE,
    )
    op.bulk_insert(settings, [{"name": "secret_key", "value": secrets.token_hex(32)}])
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": _GENESIS, "key_id": None}])


def downgrade() -> None:
    op.drop_table("kept_audit_head")
    op.drop_index("ix_kept_audit_log_created_at", table_name="kept_audit_log")
    op.drop_index("ix_kept_audit_log_subject_ref", table_name="kept_audit_log")
    op.drop_index("ix_kept_audit_log_tenant", table_name="kept_audit_log")
    op.drop_table("kept_audit_log")
    op.drop_table("kept_settings")
