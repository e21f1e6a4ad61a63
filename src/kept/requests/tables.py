"""The lifecycle's tables in the control-plane database (migrations 0006, 0007, 0008, 0010,
0012)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import mysql

from kept.control import metadata

__all__ = ["rate_buckets", "rate_hits", "request_codes", "request_exports", "requests"]

_BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

requests = sa.Table(
    "kept_requests",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("subject_ref", sa.String(64), nullable=False),
    # The identities and the address to write to: needed to run and answer the request,
    # cleared when it closes (the subject reference stays, for the audit log).
    sa.Column("identities", sa.Text(), nullable=True),
    sa.Column("contact", sa.String(320), nullable=True),
    sa.Column("jurisdictions", sa.String(100), nullable=False),
    sa.Column("received_at", sa.String(32), nullable=False),
    sa.Column("verified_at", sa.String(32), nullable=True),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("closed_at", sa.String(32), nullable=True),
    sa.Column("due_on", sa.String(10), nullable=True),
    sa.Column("acknowledge_by", sa.String(10), nullable=True),
    sa.Column("extended", sa.Boolean(), nullable=False, default=False),
    sa.Column("extension_reason", sa.Text(), nullable=True),
    sa.Column("paused_since", sa.String(10), nullable=True),
    sa.Column("paused_days", sa.Integer(), nullable=False, default=0),
    sa.Column("reason_code", sa.String(40), nullable=True),
    sa.Column("reason_message", sa.Text(), nullable=True),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("submitted_by", sa.String(255), nullable=False),
    sa.Column("queued_at", sa.String(32), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False, default=0),
    sa.Column("lease_owner", sa.String(100), nullable=True),
    sa.Column("lease_expires", sa.String(32), nullable=True),
    sa.Column("result", sa.Text(), nullable=True),
    # What a rectification, restriction or objection carries (JSON, migration 0007); a
    # rectification's values are dropped when the request closes.
    sa.Column("params", sa.Text(), nullable=True),
    # Why staff must decide before the request runs (migration 0008): ``four_eyes`` (a support
    # agent's erasure or rectification) or ``self_rectification`` (fields the person may not
    # change themselves); null when nothing holds it.
    sa.Column("review", sa.String(40), nullable=True),
    # The dry-run plan hash staff approved an erasure with (migration 0012): the worker runs
    # exactly that plan, or sends the request back for review (``plan_changed``).
    sa.Column("approved_plan", sa.String(64), nullable=True),
    sa.Index(None, "state", "queued_at"),
    sa.Index(None, "tenant", "received_at"),
    sa.Index(None, "due_on"),
    sa.Index(None, "subject_ref"),
    comment="Rights requests through their lifecycle; the queue workers claim from.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

request_codes = sa.Table(
    "kept_request_codes",
    metadata,
    sa.Column("request_id", sa.String(40), primary_key=True),
    sa.Column("code_hash", sa.String(64), nullable=False),
    sa.Column("sent_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False, default=0),
    sa.Column("used_at", sa.String(32), nullable=True),
    comment="The e-mailed verification code of each request: its keyed hash, never the code.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

request_exports = sa.Table(
    "kept_request_exports",
    metadata,
    sa.Column("request_id", sa.String(40), primary_key=True),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("content", _BLOB, nullable=True),  # exports written before files (0008)
    sa.Column("path", sa.String(255), nullable=True),  # the file, in the export folder
    comment="Access exports, held for download by the person through a signed link.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

rate_hits = sa.Table(
    "kept_rate_hits",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("bucket", sa.String(64), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Index(None, "bucket", "at"),
    comment="Recent hits per rate-limit bucket (a keyed hash of a client or an address).",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

rate_buckets = sa.Table(
    "kept_rate_buckets",
    metadata,
    sa.Column("bucket", sa.String(64), primary_key=True),
    sa.Column("created_at", sa.String(32), nullable=False),
    comment="One row per rate-limit bucket, locked while a hit is counted (migration 0008).",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)
