"""The API's response bodies: one pydantic model per answer, so that the served OpenAPI
document describes every success response (and clients can be generated from it).

The endpoints still build their answers with the library's ``as_dict`` methods; these models
declare those dictionaries field by field, in the same order, and forbid any other key: a
field added to an ``as_dict`` without its model fails loudly in the tests (and in
Schemathesis's response checks) instead of silently leaving the document. Free-form parts
(a request's ``result`` and ``params``, an audit entry's ``details``, a consent record's
``evidence``) stay JSON objects.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AuditEntryOut",
    "AuditPage",
    "BannerCategory",
    "BannerChoiceOut",
    "BannerConfigOut",
    "BannerTexts",
    "BannerTracker",
    "ConsentAnswer",
    "ConsentDecision",
    "ConsentDecisionOut",
    "ConsentDecisions",
    "ConsentLedger",
    "ConsentState",
    "ErasurePlan",
    "ErasureTable",
    "ExportLink",
    "GpcResource",
    "Health",
    "LedgerEntryOut",
    "Problem",
    "PublicRequest",
    "ReceiptEntry",
    "Receipts",
    "RequestList",
    "ResendOut",
    "StaffExportLink",
    "StaffRequest",
    "SubmittedRequest",
    "Unsubscribed",
    "WhoAmI",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """Every error answer (:mod:`kept.api.problems`): a stable ``code`` and a ``message``."""

    code: str = Field(description="Stable, for programs: e.g. invalid_input, not_found")
    message: str = Field(description="For people: names the bad input, never personal data")
    details: Any = Field(
        default=None, description="Some codes only: e.g. each bad field (invalid_input)"
    )


PROBLEMS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": Problem, "description": "Refused: a JSON problem saying why"},
    "5XX": {"model": Problem, "description": "Failed: a JSON problem (the cause is logged)"},
}
"""The error answers of every router (``APIRouter(responses=PROBLEMS)``); they replace
FastAPI's own 422 schema, which Kept's validation errors do not have."""

PROBLEMS_AS_JSON: dict[int | str, dict[str, Any]] = {
    status: {
        "description": answer["description"],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for status, answer in PROBLEMS.items()
}
""":data:`PROBLEMS` for a route whose success is not JSON (an HTML page): its errors still are."""


# -- health ------------------------------------------------------------------------------


class Health(_Out):
    ok: bool
    version: str
    organization: str | None = Field(description="The manifest's organization name")


class WhoAmI(_Out):
    key_id: str
    name: str
    role: str
    tenant: str | None


# -- requests ----------------------------------------------------------------------------


class ExportLink(_Out):
    url: str = Field(description="A signed download link (GET, no API key)")
    expires: int = Field(description="When the link stops working (Unix time)")


class PublicRequest(_Out):
    """What the person may see about their own request."""

    request_id: str
    kind: str
    state: str
    received_at: str
    due: str | None = Field(description="The date the answer is due (ISO 8601)")
    days_left: int | None = Field(description="Negative when overdue; null once closed")
    extended: bool
    reason_code: str | None
    reason: str | None
    params: dict[str, Any] | None = Field(
        description="A rectification's fields (without values), a restriction's purposes"
    )
    review: str | None = Field(description="Why staff must decide before it runs, if held")
    export: ExportLink | None = Field(
        default=None,
        description=(
            "Completed access and portability requests only: the download link, or null once "
            "the export was deleted after its download window"
        ),
    )


class SubmittedRequest(_Out):
    """A submitted request: its token (shown only here) and what to do next."""

    request_id: str
    kind: str
    state: str
    received_at: str
    due: str | None
    days_left: int | None
    extended: bool
    reason_code: str | None
    reason: str | None
    params: dict[str, Any] | None
    review: str | None
    token: str = Field(description="Send it as X-Request-Token to follow the request")
    message: str


class ResendOut(_Out):
    request_id: str
    message: str


class StaffRequest(_Out):
    """Everything staff may see about a request (no identity but its reference)."""

    request_id: str
    kind: str
    state: str
    received_at: str
    due: str | None
    days_left: int | None
    extended: bool
    reason_code: str | None
    reason: str | None
    params: dict[str, Any] | None = Field(description="With a rectification's new values")
    review: str | None
    tenant: str | None
    subject_ref: str
    jurisdictions: list[str]
    verified_at: str | None
    closed_at: str | None
    due_by: str | None = Field(description="Which rule sets the due date")
    acknowledge_by: str | None
    latest_due: str | None
    extendable: bool
    extension_reason: str | None
    paused: bool
    submitted_by: str
    attempts: int
    worker: str | None
    result: dict[str, Any] | None = Field(description="The execution's receipt, once run")
    approved_plan: str | None


class RequestList(_Out):
    requests: list[StaffRequest]


class ErasureTable(_Out):
    table: str
    store: str
    action: str
    fields: list[str]
    kept_fields: dict[str, str]
    ground: str | None
    rows_before: int
    rows_after: int
    erasable_values_remaining: int
    rows_held: int
    held_grounds: list[str]
    delinked: list[str]


class ErasurePlan(_Out):
    """An erasure's dry run, per table; approve its ``plan_hash`` to bind the worker to it."""

    request_id: str
    type: str
    outcome: str
    conflicts: list[dict[str, Any]]
    dry_run: bool
    manifest_version: str
    plan_hash: str
    tables: list[ErasureTable]
    unreachable: list[str]
    verified: bool
    policy: str | None
    executable: bool
    problems: list[str]
    seconds: dict[str, float]


class ReceiptEntry(_Out):
    seq: int
    created_at: str
    actor: str
    action: str
    tenant: str | None
    details: dict[str, Any]


class Receipts(_Out):
    request_id: str
    receipts: list[ReceiptEntry]


class StaffExportLink(_Out):
    request_id: str
    url: str
    expires: int


class AuditEntryOut(_Out):
    seq: int
    created_at: str
    actor: str
    action: str
    subject_ref: str | None
    tenant: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


class AuditPage(_Out):
    entries: list[AuditEntryOut]


# -- consent -----------------------------------------------------------------------------


class LedgerEntryOut(_Out):
    seq: int
    id: str
    recorded_at: str
    subject_ref: str
    subject_kind: str
    topic_kind: str
    topic: str
    state: str
    policy_version: str | None
    notice_hash: str | None
    source: str
    jurisdiction: str | None
    evidence: dict[str, Any]
    actor: str
    tenant: str | None


class ConsentAnswer(_Out):
    recorded: bool = Field(description="False when the state was already so (nothing written)")
    entry: LedgerEntryOut | None


class ConsentDecision(_Out):
    allowed: bool
    code: str
    reason: str
    purpose: str
    legal_basis: str | None
    recipient: str | None
    since: str | None
    policy_version: str | None


class ConsentDecisionOut(ConsentDecision):
    gpc: bool = Field(description="Whether the request carried Global Privacy Control")


class ConsentDecisions(_Out):
    decisions: list[ConsentDecision]
    gpc: bool


class ConsentState(_Out):
    subject_ref: str
    policy_version: str | None
    tenant: str | None = Field(description="The tenant the state holds in (none: every tenant)")
    purposes: dict[str, ConsentDecision]
    opt_outs: dict[str, str | None]


class ConsentLedger(_Out):
    subject: str
    generated_at: str
    current: ConsentState
    ledger: list[LedgerEntryOut]


class Unsubscribed(_Out):
    unsubscribed: bool
    changed: bool = Field(description="False when it was already withdrawn")
    purpose: str
    message_class: str


# -- the cookie banner -------------------------------------------------------------------


class BannerTexts(_Out):
    title: str
    text: str
    accept: str
    reject: str
    settings: str
    save: str
    reopen: str
    gpc_note: str
    policy_url: str | None


class BannerCategory(_Out):
    key: str
    label: str
    description: str
    needs_consent: bool
    purposes: list[str]


class BannerTracker(_Out):
    name: str
    kind: str
    category: str
    provider: str | None
    lifetime_days: int | None
    script: str | None


class BannerConfigOut(_Out):
    version: str
    gpc: bool
    dnt: bool
    texts: BannerTexts
    categories: list[BannerCategory]
    trackers: list[BannerTracker]
    config_hash: str
    endpoint: str


class BannerChoiceOut(_Out):
    recorded: int = Field(description="How many ledger records the choice wrote")
    gpc: bool
    entries: list[str]


class GpcResource(_Out):
    """The W3C Global Privacy Control support resource."""

    gpc: bool
    lastUpdate: str  # noqa: N815 (the name the GPC specification gives)
