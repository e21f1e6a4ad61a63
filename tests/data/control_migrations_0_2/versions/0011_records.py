"""Records: recipients told of an erasure, rectification or restriction (GDPR Art. 19), the
breach register (Art. 33(5)), notice versions, people told of a change, consents to renew.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_recipient_notifications",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(255), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("target", sa.String(512), nullable=True),
        sa.Column("identities", sa.Text(), nullable=False),
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("due_at", sa.String(32), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=True),
        sa.Column("confirmed_at", sa.String(32), nullable=True),
        sa.Column("escalated_at", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kept_recipient_notifications"),
        sa.UniqueConstraint("request_id", "recipient", name="uq_kept_recipient_notifications"),
        comment="Art. 19: each recipient told of an erasure, rectification or restriction.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index(
        "ix_kept_recipient_notifications_request_id",
        "kept_recipient_notifications",
        ["request_id"],
    )
    op.create_index(
        "ix_kept_recipient_notifications_subject_ref",
        "kept_recipient_notifications",
        ["subject_ref"],
    )

    op.create_table(
        "kept_breaches",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("discovered_at", sa.String(32), nullable=False),
        sa.Column("occurred_at", sa.String(32), nullable=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("risk", sa.String(16), nullable=True),
        sa.Column("consequences", sa.Text(), nullable=True),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("authority_notified_at", sa.String(32), nullable=True),
        sa.Column("authority_reference", sa.String(255), nullable=True),
        sa.Column("delay_reason", sa.Text(), nullable=True),
        sa.Column("people_notified_at", sa.String(32), nullable=True),
        sa.Column("people_notified", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.String(32), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kept_breaches"),
        comment="Art. 33(5): every personal-data breach, its effects and the remedial action.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )

    op.create_table(
        "kept_notice_versions",
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("version", sa.String(64), nullable=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("effective", sa.String(32), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("manifest", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name="pk_kept_notice_versions"),
        comment="Each notice a manifest stated: hash of its text, date, text, the manifest.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_table(
        "kept_notice_notifications",
        sa.Column("version_hash", sa.String(64), nullable=False),
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("version_hash", "subject_ref", name="pk_kept_notice_notifications"),
        comment="Each person told of a material change of the notice, once per version.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_table(
        "kept_consent_renewals",
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(100), nullable=False),
        sa.Column("to_version", sa.String(64), nullable=False),
        sa.Column("from_version", sa.String(64), nullable=True),
        sa.Column("marked_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint(
            "subject_ref", "purpose", "to_version", name="pk_kept_consent_renewals"
        ),
        comment="Consents given under an older notice whose purpose a material change touched.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )


def downgrade() -> None:
    op.drop_table("kept_consent_renewals")
    op.drop_table("kept_notice_notifications")
    op.drop_table("kept_notice_versions")
    op.drop_table("kept_breaches")
    op.drop_index(
        "ix_kept_recipient_notifications_subject_ref", table_name="kept_recipient_notifications"
    )
    op.drop_index(
        "ix_kept_recipient_notifications_request_id", table_name="kept_recipient_notifications"
    )
    op.drop_table("kept_recipient_notifications")
