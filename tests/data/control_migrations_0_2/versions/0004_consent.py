"""Consent: the consent ledger (append-only) and the current state derived from it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MYSQL_CHARSET = "utf8mb4"
_MYSQL_COLLATE = "utf8mb4_bin"


def upgrade() -> None:
    op.create_table(
        "kept_consent_ledger",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("subject_kind", sa.String(32), nullable=False),
        sa.Column("topic_kind", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(100), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("policy_version", sa.String(64), nullable=True),
        sa.Column("notice_hash", sa.String(64), nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("jurisdiction", sa.String(16), nullable=True),
        sa.Column(
            "evidence", sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb"), nullable=False
        ),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.PrimaryKeyConstraint("seq", name="pk_kept_consent_ledger"),
        sa.UniqueConstraint("id", name="uq_kept_consent_ledger_id"),
        comment="The consent ledger: consents given and withdrawn, opt-outs; append-only.",
        mysql_charset=_MYSQL_CHARSET,
        mysql_collate=_MYSQL_COLLATE,
    )
    op.create_index(
        "ix_kept_consent_ledger_subject_ref", "kept_consent_ledger", ["subject_ref", "seq"]
    )
    op.create_table(
        "kept_consent_state",
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("topic_kind", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(100), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("policy_version", sa.String(64), nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("subject_ref", "topic_kind", "topic", name="pk_kept_consent_state"),
        comment="The current state per subject and topic, derived from the consent ledger.",
        mysql_charset=_MYSQL_CHARSET,
        mysql_collate=_MYSQL_COLLATE,
    )
    op.create_index("ix_kept_consent_state_seq", "kept_consent_state", ["seq"])


def downgrade() -> None:
    op.drop_index("ix_kept_consent_state_seq", table_name="kept_consent_state")
    op.drop_table("kept_consent_state")
    op.drop_index("ix_kept_consent_ledger_subject_ref", table_name="kept_consent_ledger")
    op.drop_table("kept_consent_ledger")
