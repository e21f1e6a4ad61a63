"""The plan staff approved for an erasure (its dry run's hash): the worker runs exactly that
plan, or sends the request back for review when the data changed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kept_requests") as batch:
        batch.add_column(sa.Column("approved_plan", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kept_requests") as batch:
        batch.drop_column("approved_plan")
