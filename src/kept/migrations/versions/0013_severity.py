"""Tenant-scoped consent: the current consent state is kept per tenant ('' for a record made
organisation-wide), so a consent, withdrawal or opt-out recorded in one tenant does not
decide for another.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kept_consent_state") as batch:
        batch.add_column(
            sa.Column("tenant", sa.String(255), nullable=False, server_default=sa.text("''"))
        )
        batch.drop_constraint("pk_kept_consent_state", type_="primary")
        batch.create_primary_key(
            "pk_kept_consent_state", ["subject_ref", "topic_kind", "topic", "tenant"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM kept_consent_state WHERE tenant <> ''")
    with op.batch_alter_table("kept_consent_state") as batch:
        batch.drop_constraint("pk_kept_consent_state", type_="primary")
        batch.create_primary_key("pk_kept_consent_state", ["subject_ref", "topic_kind", "topic"])
        batch.drop_column("tenant")
