"""What a rectification, restriction or objection request carries, checked at submission.

A rectification carries changes (``DATASET.COLLECTION.FIELD`` = value), each naming a field
the manifest declares and the person's identities reach. A restriction or an objection
carries purposes (declared purpose keys; none: every purpose but storage) and a reason; an
objection to direct marketing only needs no reason (GDPR Art. 21(2)-(3)).

The parameters are stored with the request (``kept_requests.params``). Only the values of a
rectification are personal data: they never go to the audit log, and they are dropped from
the request when it closes (the field names stay).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kept.errors import ParamsError, RequestError
from kept.execution.identity import Identity
from kept.execution.plan import traversal_plan
from kept.execution.rectify import Change, parse_change
from kept.manifest.models import Manifest
from kept.manifest.request_policy import choose_policy
from kept.requests.states import Kind
from kept.taxonomy import is_under

__all__ = [
    "MAX_CHANGES",
    "MAX_REASON",
    "MAX_VALUE",
    "ParamsError",
    "RequestParams",
    "check_params",
    "closed_params",
]

MAX_CHANGES = 50
MAX_VALUE = 2000
MAX_REASON = 2000


CHILD_REPORTED = "child_reported"
"""The reason of an erasure of a child's data reported by a parent or found under the minimum
age: it is due within the manifest's ``children.erase_within_days`` when that is sooner."""


@dataclass(frozen=True)
class RequestParams:
    """The parameters of one request, as stored."""

    changes: tuple[Change, ...] = ()
    purposes: tuple[str, ...] = ()
    reason: str | None = None
    policy: str | None = None  # an access or erasure request's Fides request policy

    def to_json(self) -> dict[str, Any]:
        if self.policy is not None:
            return {"policy": self.policy}
        if self.changes:
            return {"changes": [{"field": _name(c), "value": c.value} for c in self.changes]}
        return {"purposes": list(self.purposes), "reason": self.reason}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RequestParams:
        changes = tuple(
            parse_change(f"{c['field']}={c['value'] if c.get('value') is not None else ''}")
            for c in data.get("changes") or []
        )
        return cls(
            changes, tuple(data.get("purposes") or ()), data.get("reason"), data.get("policy")
        )


def _name(change: Change) -> str:
    return f"{change.dataset}.{change.collection}.{change.column}"


def closed_params(text: str | None) -> str | None:
    """The stored parameters of a closed request: a rectification's values dropped."""
    if not text:
        return text
    data = json.loads(text)
    if "changes" in data:
        data["changes"] = [{"field": c["field"]} for c in data["changes"]]
    return json.dumps(data, sort_keys=True)


def check_params(
    kind: Kind,
    manifest: Manifest,
    identities: Sequence[Identity],
    *,
    changes: Iterable[str | Change] = (),
    purposes: Iterable[str] = (),
    reason: str | None = None,
    policy: str | None = None,
) -> RequestParams | None:
    """The request's parameters, checked; None for a kind that takes none.

    ``changes`` are ``DATASET.COLLECTION.FIELD=VALUE`` texts (or parsed changes). Raises
    :class:`ParamsError` naming what is wrong (every bad field or purpose at once). An access,
    portability or erasure request may name a ``policy`` (a Fides request policy)."""
    if policy is not None:
        return _check_policy(kind, manifest, policy, bool(changes or purposes or reason))
    parsed = [c if isinstance(c, Change) else _parse(c) for c in changes]
    purposes = list(purposes)
    reason = reason.strip() if reason and reason.strip() else None
    if kind is Kind.ERASURE and reason is not None and not parsed and not purposes:
        if reason != CHILD_REPORTED:
            raise ParamsError(
                f"an erasure takes one reason, {CHILD_REPORTED!r} (a child reported by a parent "
                f"or found under the minimum age), not {reason[:40]!r}",
                code="params_not_allowed",
            )
        return RequestParams(reason=CHILD_REPORTED)
    if not kind.has_params:
        if parsed or purposes or reason:
            raise ParamsError(
                f"a request of kind {kind.value} takes no changes, purposes or reason",
                code="params_not_allowed",
            )
        return None
    if kind is Kind.RECTIFICATION:
        if purposes or reason:
            raise ParamsError(
                "a rectification takes changes (DATASET.COLLECTION.FIELD=VALUE), "
                "not purposes or a reason",
                code="params_not_allowed",
            )
        return RequestParams(changes=tuple(_check_changes(manifest, identities, parsed)))
    if parsed:
        raise ParamsError(
            f"a{'n' if kind is Kind.OBJECTION else ''} {kind.value} takes purposes and a "
            "reason, not changes",
            code="params_not_allowed",
        )
    unknown = sorted({p for p in purposes if manifest.purpose(p) is None})
    if unknown:
        declared = ", ".join(p.key for p in manifest.purposes) or "none"
        raise ParamsError(
            f"unknown purpose(s): {', '.join(unknown)}; declared purposes are: {declared}",
            code="unknown_purpose",
            names=unknown,
        )
    if reason is not None and len(reason) > MAX_REASON:
        raise ParamsError(
            f"the reason is longer than {MAX_REASON} characters", code="params_invalid"
        )
    marketing_only = bool(purposes) and all(
        (decl := manifest.purpose(p)) is not None and is_under(decl.data_use, "marketing")
        for p in purposes
    )
    if reason is None:
        if kind is Kind.OBJECTION and marketing_only:
            reason = "objection to direct marketing (GDPR Art. 21(2))"
        else:
            needs = (
                "the grounds of the restriction (GDPR Art. 18(1))"
                if kind is Kind.RESTRICTION
                else "the grounds relating to the person's situation (GDPR Art. 21(1)); "
                "only an objection to direct marketing needs none"
            )
            raise ParamsError(f"a {kind.value} needs a reason: {needs}", code="reason_missing")
    return RequestParams(purposes=tuple(sorted(set(purposes))), reason=reason)


def _check_policy(kind: Kind, manifest: Manifest, policy: str, other: bool) -> RequestParams:
    if kind.has_params or other:
        raise ParamsError(
            "only an access, portability or erasure request takes a policy, and nothing else",
            code="params_not_allowed",
        )
    try:
        choose_policy(manifest, policy, "erasure" if kind is Kind.ERASURE else "access")
    except RequestError as exc:
        raise ParamsError(str(exc), code="unknown_policy", names=[policy]) from None
    return RequestParams(policy=policy)


def _parse(text: str) -> Change:
    try:
        return parse_change(text)
    except RequestError as exc:
        raise ParamsError(str(exc), code="change_invalid") from None


def _check_changes(
    manifest: Manifest, identities: Sequence[Identity], changes: list[Change]
) -> list[Change]:
    if not changes:
        raise ParamsError(
            "a rectification needs at least one change, DATASET.COLLECTION.FIELD=VALUE",
            code="changes_missing",
        )
    if len(changes) > MAX_CHANGES:
        raise ParamsError(
            f"a rectification takes at most {MAX_CHANGES} changes", code="params_invalid"
        )
    names = [_name(c) for c in changes]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ParamsError(
            f"field(s) changed twice: {', '.join(duplicates)}",
            code="duplicate_field",
            names=duplicates,
        )
    unknown = []
    for change in changes:
        dataset = manifest.dataset_by_key(change.dataset)
        collection = dataset.collection(change.collection) if dataset else None
        if collection is None or collection.field(change.column) is None:
            unknown.append(_name(change))
    if unknown:
        raise ParamsError(
            f"field(s) not declared in the manifest: {', '.join(unknown)}",
            code="unknown_field",
            names=unknown,
        )
    long = [_name(c) for c in changes if c.value is not None and len(c.value) > MAX_VALUE]
    if long:
        raise ParamsError(
            f"value(s) longer than {MAX_VALUE} characters for: {', '.join(long)}",
            code="params_invalid",
            names=long,
        )
    plan = traversal_plan(manifest, {i.kind for i in identities})
    reached = {s.node for s in plan.steps}
    unreachable = [_name(c) for c in changes if c.node not in reached]
    if unreachable:
        kinds = ", ".join(sorted({i.kind for i in identities}))
        raise ParamsError(
            f"field(s) not reachable from the request's identities ({kinds}): "
            f"{', '.join(unreachable)}",
            code="field_unreachable",
            names=unreachable,
        )
    return changes
