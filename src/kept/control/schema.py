"""Every table of the control database, in one place.

Each change to a table ships as a new migration under ``kept/migrations/versions``;
``tests/test_control.py`` checks that the migrations create exactly these tables, and
``tests/test_control_schema.py`` that today's migrations build the schema that the migrations
of version 0.2 built. The modules that use a table import it from here.

Times are text: ISO 8601 in UTC with microseconds, fixed width (:data:`UTC_FORMAT`, e.g.
``2025-01-31T09:30:00.000000Z``), identical on every database and sortable as text. A time
column is a :class:`UtcTime`; :func:`utcnow` is the one "now" and :func:`utc_text` writes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql

__all__ = [
    "UTC_FORMAT",
    "UtcTime",
    "api_keys",
    "audit_head",
    "audit_log",
    "breaches",
    "consent_ledger",
    "consent_renewals",
    "consent_state",
    "erasure_log",
    "legal_holds",
    "metadata",
    "notice_notifications",
    "notice_versions",
    "parse_utc",
    "rate_buckets",
    "rate_hits",
    "recipient_notifications",
    "request_codes",
    "request_exports",
    "requests",
    "restricted_rows",
    "restrictions",
    "retention_progress",
    "retention_sweeps",
    "settings",
    "support_grants",
    "utc_text",
    "utcnow",
]

UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
"""How a moment is written in the control database (32 characters suffice)."""

# MySQL/MariaDB: the tables' character set and a binary collation, so that text comparisons
# are exact (the server default is case- and accent-insensitive).
MYSQL_CHARSET = "utf8mb4"
MYSQL_COLLATE = "utf8mb4_bin"
_MYSQL_CHARSET = MYSQL_CHARSET
_MYSQL_COLLATE = MYSQL_COLLATE
_LONG_TEXT = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
_BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")


def utcnow() -> dt.datetime:
    """The current moment, in UTC."""
    return dt.datetime.now(dt.UTC)


def utc_text(moment: dt.datetime | None = None) -> str:
    """``moment`` (default: now) as the control database writes it (:data:`UTC_FORMAT`)."""
    return (moment or utcnow()).astimezone(dt.UTC).strftime(UTC_FORMAT)


def parse_utc(text: str) -> dt.datetime:
    """A time read from the control database, as an aware datetime in UTC."""
    return dt.datetime.strptime(text, UTC_FORMAT).replace(tzinfo=dt.UTC)


class UtcTime(sa.types.TypeDecorator[str]):
    """A time column: ``VARCHAR(32)`` holding :data:`UTC_FORMAT` text. Accepts that text or an
    aware datetime (written with :func:`utc_text`); reads text."""

    impl = sa.String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        if isinstance(value, dt.datetime):
            return utc_text(value)
        return value  # type: ignore[no-any-return]


metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# ----------------------------------- Kept's settings and the audit log (kept.control, kept.audit)

settings = sa.Table(
    "kept_settings",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
    comment="Kept's own settings, e.g. the generated secret key for subject references.",
    mysql_charset=_MYSQL_CHARSET,
    mysql_collate=_MYSQL_COLLATE,
)

audit_log = sa.Table(
    "kept_audit_log",
    metadata,
    sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    # ISO 8601 UTC with microseconds, fixed width ("2025-01-31T09:30:00.000000Z"): hashed
    # byte for byte, identical on every database, and sortable as text.
    sa.Column("created_at", UtcTime(), nullable=False),
    sa.Column("actor", sa.String(255), nullable=False),
    sa.Column("action", sa.String(100), nullable=False),
    sa.Column("subject_ref", sa.String(64), nullable=True),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("details", _LONG_TEXT, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Index(None, "tenant", "seq"),
    sa.Index(None, "subject_ref"),
    sa.Index(None, "created_at"),
    comment="The hash-chained audit log; append-only.",
    mysql_charset=_MYSQL_CHARSET,
    mysql_collate=_MYSQL_COLLATE,
)

audit_head = sa.Table(
    "kept_audit_head",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("key_id", sa.String(16), nullable=True),
    # HMAC of (seq, hash) under KEPT_AUDIT_KEY (migration 0008): a head rewritten without the
    # key, to hide a truncation, no longer verifies. Null on an unkeyed log.
    sa.Column("signature", sa.String(64), nullable=True),
    comment="One row (id 1): the last audit entry's sequence number and hash; the append lock.",
    mysql_charset=_MYSQL_CHARSET,
    mysql_collate=_MYSQL_COLLATE,
)

# -------------------------------------------------- restrictions of processing (kept.restriction)

restrictions = sa.Table(
    "kept_restrictions",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("subject_ref", sa.String(64), nullable=False, index=True),
    sa.Column("request_id", sa.String(64), nullable=False),
    sa.Column("purposes", sa.Text(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("created_at", UtcTime(), nullable=False),
    sa.Column("lifted_at", UtcTime(), nullable=True),
    sa.Column("lift_reason", sa.Text(), nullable=True),
    comment="Restrictions (GDPR Art. 18) and objections (Art. 21) of a person's processing.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

restricted_rows = sa.Table(
    "kept_restricted_rows",
    metadata,
    sa.Column(
        "restriction_id", sa.String(40), sa.ForeignKey("kept_restrictions.id"), primary_key=True
    ),
    sa.Column("store", sa.String(100), primary_key=True),
    sa.Column("collection", sa.String(255), primary_key=True),
    sa.Column("row_key", sa.String(255), primary_key=True),
    sa.Index("ix_kept_restricted_rows_lookup", "store", "collection", "row_key"),
    comment="The rows a restriction covers, by store, collection and primary key (JSON).",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# --------------------------------------------------- legal holds (kept.execution.retention.holds)

legal_holds = sa.Table(
    "kept_legal_holds",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("scope", sa.String(16), nullable=False),
    sa.Column("identities", sa.Text(), nullable=True),
    sa.Column("subject_ref", sa.String(64), nullable=True, index=True),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("dataset", sa.String(255), nullable=True),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("placed_by", sa.String(255), nullable=False),
    sa.Column("placed_at", UtcTime(), nullable=False),
    sa.Column("ends_on", sa.Date(), nullable=True),
    sa.Column("released_at", UtcTime(), nullable=True),
    sa.Column("release_reason", sa.Text(), nullable=True),
    comment=("Legal holds: data of a person, tenant or dataset that no sweep or erasure deletes."),
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ------------------------------- retention sweeps and their checkpoints (kept.retention.progress)

retention_sweeps = sa.Table(
    "kept_retention_sweeps",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("manifest_version", sa.String(32), nullable=False),
    sa.Column("now", UtcTime(), nullable=False),
    sa.Column("started_at", UtcTime(), nullable=False),
    sa.Column("finished_at", UtcTime(), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(255), nullable=False),
    comment="Retention sweeps: the time each measured against, and whether it finished.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

retention_progress = sa.Table(
    "kept_retention_progress",
    metadata,
    sa.Column(
        "sweep_id", sa.String(40), sa.ForeignKey("kept_retention_sweeps.id"), primary_key=True
    ),
    sa.Column("target", sa.String(255), primary_key=True),
    sa.Column("last_key", sa.Text(), nullable=True),
    sa.Column("rows", sa.BigInteger(), nullable=False),
    sa.Column("batches", sa.Integer(), nullable=False),
    sa.Column("done", sa.Boolean(), nullable=False),
    sa.Column("updated_at", UtcTime(), nullable=False),
    comment="A sweep's checkpoint per rule and collection: the last key done, rows so far.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ----------------------- the consent ledger and each person's current state (kept.consent.ledger)

consent_ledger = sa.Table(
    "kept_consent_ledger",
    metadata,
    sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("id", sa.String(40), nullable=False, unique=True),
    sa.Column("recorded_at", UtcTime(), nullable=False),
    sa.Column("subject_ref", sa.String(64), nullable=False),
    sa.Column("subject_kind", sa.String(32), nullable=False),
    sa.Column("topic_kind", sa.String(16), nullable=False),
    sa.Column("topic", sa.String(100), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("policy_version", sa.String(64), nullable=True),
    sa.Column("notice_hash", sa.String(64), nullable=True),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("jurisdiction", sa.String(16), nullable=True),
    sa.Column("evidence", _LONG_TEXT, nullable=False),
    sa.Column("actor", sa.String(255), nullable=False),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Index(None, "subject_ref", "seq"),
    comment="The consent ledger: consents given and withdrawn, opt-outs; append-only.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

consent_state = sa.Table(
    "kept_consent_state",
    metadata,
    sa.Column("subject_ref", sa.String(64), primary_key=True),
    sa.Column("topic_kind", sa.String(16), primary_key=True),
    sa.Column("topic", sa.String(100), primary_key=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("recorded_at", UtcTime(), nullable=False),
    sa.Column("policy_version", sa.String(64), nullable=True),
    sa.Column("source", sa.String(32), nullable=False),
    # The tenant the state holds in; '' for records made organisation-wide (the ledger's NULL).
    sa.Column("tenant", sa.String(255), primary_key=True, server_default=sa.text("''")),
    sa.Index(None, "seq"),
    comment="The current state per subject and topic, derived from the consent ledger.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ------------------------------------------------------------------------- API keys (kept.apikey)

api_keys = sa.Table(
    "kept_api_keys",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("secret_hash", sa.String(64), nullable=False),
    sa.Column("created_at", UtcTime(), nullable=False),
    sa.Column("revoked_at", UtcTime(), nullable=True),
    comment="API keys: the SHA-256 of each key's secret, its role and, for tenant roles, tenant.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# -------------------------- rights requests, their codes, exports and rate limits (kept.requests)

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
    sa.Column("received_at", UtcTime(), nullable=False),
    sa.Column("verified_at", UtcTime(), nullable=True),
    sa.Column("updated_at", UtcTime(), nullable=False),
    sa.Column("closed_at", UtcTime(), nullable=True),
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
    sa.Column("queued_at", UtcTime(), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False, default=0),
    sa.Column("lease_owner", sa.String(100), nullable=True),
    sa.Column("lease_expires", UtcTime(), nullable=True),
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
    sa.Column("sent_at", UtcTime(), nullable=False),
    sa.Column("expires_at", UtcTime(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False, default=0),
    sa.Column("used_at", UtcTime(), nullable=True),
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
    sa.Column("created_at", UtcTime(), nullable=False),
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
    sa.Column("at", UtcTime(), nullable=False),
    sa.Index(None, "bucket", "at"),
    comment="Recent hits per rate-limit bucket (a keyed hash of a client or an address).",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

rate_buckets = sa.Table(
    "kept_rate_buckets",
    metadata,
    sa.Column("bucket", sa.String(64), primary_key=True),
    sa.Column("created_at", UtcTime(), nullable=False),
    comment="One row per rate-limit bucket, locked while a hit is counted (migration 0008).",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ------------------------------------- erasures to replay after a restore (kept.execution.replay)

erasure_log = sa.Table(
    "kept_erasure_log",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("request_id", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("identity_ref", sa.String(64), nullable=False),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("manifest_version", sa.String(32), nullable=False),
    sa.Column("erased_at", UtcTime(), nullable=False, index=True),
    comment="Every executed erasure, by keyed identity only, to replay after a restore.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ----------------------------------------------------------- support access grants (kept.support)

support_grants = sa.Table(
    "kept_support_grants",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("subject_ref", sa.String(64), nullable=False, index=True),
    sa.Column("scope", sa.String(255), nullable=False),
    sa.Column("grantee", sa.String(255), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("case_ref", sa.String(255), nullable=True),
    sa.Column("tenant", sa.String(255), nullable=True),
    sa.Column("granted_by", sa.String(255), nullable=False),
    sa.Column("granted_at", UtcTime(), nullable=False),
    sa.Column("expires_at", UtcTime(), nullable=False),
    sa.Column("revoked_at", UtcTime(), nullable=True),
    sa.Column("revoked_by", sa.String(255), nullable=True),
    sa.Column("expiry_recorded", sa.Boolean(), nullable=False, default=False),
    comment="Support-access grants: who may see whose data in which scope, until when.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# --------------------------------------------- notifications owed to recipients (kept.recipients)

recipient_notifications = sa.Table(
    "kept_recipient_notifications",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("request_id", sa.String(64), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("recipient", sa.String(255), nullable=False),
    sa.Column("method", sa.String(16), nullable=False),
    sa.Column("target", sa.String(512), nullable=True),
    sa.Column("identities", sa.Text(), nullable=False),
    sa.Column("subject_ref", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", UtcTime(), nullable=False),
    sa.Column("due_at", UtcTime(), nullable=False),
    sa.Column("sent_at", UtcTime(), nullable=True),
    sa.Column("confirmed_at", UtcTime(), nullable=True),
    sa.Column("escalated_at", UtcTime(), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("detail", sa.Text(), nullable=True),
    sa.UniqueConstraint("request_id", "recipient", name="uq_kept_recipient_notifications"),
    comment="Art. 19: each recipient told of an erasure, rectification or restriction.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ----------------------------------------------------- the breach register (kept.breach.register)

breaches = sa.Table(
    "kept_breaches",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("discovered_at", UtcTime(), nullable=False),
    sa.Column("occurred_at", UtcTime(), nullable=True),
    sa.Column("recorded_at", UtcTime(), nullable=False),
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
    sa.Column("authority_notified_at", UtcTime(), nullable=True),
    sa.Column("authority_reference", sa.String(255), nullable=True),
    sa.Column("delay_reason", sa.Text(), nullable=True),
    sa.Column("people_notified_at", UtcTime(), nullable=True),
    sa.Column("people_notified", sa.Integer(), nullable=True),
    sa.Column("closed_at", UtcTime(), nullable=True),
    sa.Column("close_reason", sa.Text(), nullable=True),
    comment="Art. 33(5): every personal-data breach, its effects and the remedial action.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

# ------------------ notice versions, their notifications, consent renewals (kept.notice.versions)

notice_versions = sa.Table(
    "kept_notice_versions",
    metadata,
    sa.Column("hash", sa.String(64), primary_key=True),
    sa.Column("version", sa.String(64), nullable=True),
    sa.Column("recorded_at", UtcTime(), nullable=False),
    sa.Column("effective", sa.String(32), nullable=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("manifest", sa.Text(), nullable=False),
    comment="Each notice a manifest stated: hash of its text, date, text, the manifest.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

notice_notifications = sa.Table(
    "kept_notice_notifications",
    metadata,
    sa.Column("version_hash", sa.String(64), primary_key=True),
    sa.Column("subject_ref", sa.String(64), primary_key=True),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("sent_at", UtcTime(), nullable=False),
    comment="Each person told of a material change of the notice, once per version.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)

consent_renewals = sa.Table(
    "kept_consent_renewals",
    metadata,
    sa.Column("subject_ref", sa.String(64), primary_key=True),
    sa.Column("purpose", sa.String(100), primary_key=True),
    sa.Column("to_version", sa.String(64), primary_key=True),
    sa.Column("from_version", sa.String(64), nullable=True),
    sa.Column("marked_at", UtcTime(), nullable=False),
    comment="Consents given under an older notice whose purpose a material change touched.",
    mysql_charset="utf8mb4",
    mysql_collate="utf8mb4_bin",
)
