"""Retention: legal holds and sweep progress.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_legal_holds",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("identities", sa.Text(), nullable=True),
        sa.Column("subject_ref", sa.String(64), nullable=True),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column("dataset", sa.String(255), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.String(255), nullable=False),
        sa.Column("placed_at", sa.String(32), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("released_at", sa.String(32), nullable=True),
        sa.Column("release_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kept_legal_holds"),
        comment=(
            "Legal holds: data of a person, tenant or dataset that no sweep or erasure deletes."
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index("ix_kept_legal_holds_subject_ref", "kept_legal_holds", ["subject_ref"])
    op.create_table(
        "kept_retention_sweeps",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("manifest_version", sa.String(32), nullable=False),
        sa.Column("now", sa.String(32), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kept_retention_sweeps"),
        comment="Retention sweeps: the time each measured against, and whether it finished.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_table(
        "kept_retention_progress",
        sa.Column("sweep_id", sa.String(40), nullable=False),
        sa.Column("target", sa.String(255), nullable=False),
        sa.Column("last_key", sa.Text(), nullable=True),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("sweep_id", "target", name="pk_kept_retention_progress"),
        sa.ForeignKeyConstraint(
            ["sweep_id"],
            ["kept_retention_sweeps.id"],
            name="fk_kept_retention_progress_sweep_id_kept_retention_sweeps",
        ),
        comment="A sweep's checkpoint per rule and collection: the last key done, rows so far.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )


def downgrade() -> None:
    op.drop_table("kept_retention_progress")
    op.drop_table("kept_retention_sweeps")
    op.drop_index("ix_kept_legal_holds_subject_ref", table_name="kept_legal_holds")
    op.drop_table("kept_legal_holds")
