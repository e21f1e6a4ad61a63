"""Restrictions and objections: which rows of which person are restricted for which purposes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_restrictions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject_ref", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("purposes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("tenant", sa.String(255), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("lifted_at", sa.String(32), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kept_restrictions"),
        comment="Restrictions (GDPR Art. 18) and objections (Art. 21) of a person's processing.",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index("ix_kept_restrictions_subject_ref", "kept_restrictions", ["subject_ref"])
    op.create_table(
        "kept_restricted_rows",
        sa.Column("restriction_id", sa.String(40), nullable=False),
        sa.Column("store", sa.String(100), nullable=False),
        sa.Column("collection", sa.String(255), nullable=False),
        sa.Column("row_key", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint(
            "restriction_id", "store", "collection", "row_key", name="pk_kept_restricted_rows"
        ),
        sa.ForeignKeyConstraint(
            ["restriction_id"],
            ["kept_restrictions.id"],
            name="fk_kept_restricted_rows_restriction_id_kept_restrictions",
        ),
        comment="The rows a restriction covers, by store, collection and primary key (JSON).",
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
    )
    op.create_index(
        "ix_kept_restricted_rows_lookup", "kept_restricted_rows", ["store", "collection", "row_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_kept_restricted_rows_lookup", table_name="kept_restricted_rows")
    op.drop_table("kept_restricted_rows")
    op.drop_index("ix_kept_restrictions_subject_ref", table_name="kept_restrictions")
    op.drop_table("kept_restrictions")
