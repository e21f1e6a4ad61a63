"""Kept's exceptions: one root, a small documented tree.

    KeptError                      root: every error Kept raises on purpose
    ├── ManifestError              the manifest cannot be read; carries every Problem found
    ├── StoreError                 a store cannot be reached, read or written
    │   ├── StoreConfigError       a store's URL or environment is wrong (e.g. ${VAR} unset)
    │   └── StoreUnavailableError  a store's server is down or its SQLite file is missing
    ├── SettingsError              a KEPT_* setting (environment or .env) is invalid
    ├── ControlError               Kept's own control-plane database cannot be used
    │   └── ControlUnavailableError  its server is down
    ├── AuditError                 the audit log cannot be written or read
    ├── RequestError               a rights request is malformed or cannot be carried out
    │   ├── PlanChangedError       the data changed since the approved dry-run plan
    │   ├── UnknownIdentityKindError  an identity kind the manifest does not declare
    │   ├── ParamsError            a request's parameters do not fit its kind or the manifest
    │   └── LifecycleError         a lifecycle step does not fit the request's state
    │       ├── RequestNotFoundError   no such request (or not with this token)
    │       ├── LifecycleInputError    a lifecycle step's input is invalid (unknown reason...)
    │       ├── NotPermittedError      a step this actor may not take (four eyes, bad link)
    │       ├── LinkExpiredError       a download link that has expired
    │       ├── VerificationError      an e-mailed code is wrong, expired or used
    │       ├── RateLimited            too many submissions or codes
    │       └── LeaseLost              a worker's claim on a job expired
    ├── RetentionError             a sweep or a legal hold cannot be carried out
    ├── ExampleError               an example name is unknown or its sample cannot be generated
    ├── RecordsError               a notice, record of processing, source, recipient notification
    │                              or breach record names something unknown or cannot be made
    ├── ConsentError               a consent record or decision names something unknown, or a
    │                              signed unsubscribe token is forged, tampered with or garbled
    ├── SupportError               a support-access grant cannot be given, found or revoked
    ├── DeidentifyError            a de-identified export cannot be made or would leak
    ├── MailError                  a message cannot be sent (SMTP) or written (outbox)
    ├── AuthError                  an API caller presented no key or an unknown one
    │   ├── PermissionDeniedError  the caller's role may not do this
    │   ├── ApiKeyInvalidError     an API key cannot be made as asked (role, tenant, name)
    │   └── ApiKeyNotFoundError    no such API key
    └── kept.api.ApiError          an HTTP endpoint answers with a status and a stable code

Messages are built by the exception class from the context it carries (the file, line,
column, offending value and nearest valid value for manifest problems; the store name for
store errors), so the CLI and the HTTP API only have to print ``str(exc)``.

The library's errors carry no HTTP status: the HTTP API maps each class to a status and a
stable code in one table (:mod:`kept.api.problems`); the CLI to an exit code
(:mod:`kept.cli._common`). Every error is exported from ``kept``; ``kept.api.ApiError``, the
HTTP layer's own, is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ApiKeyInvalidError",
    "ApiKeyNotFoundError",
    "AuditError",
    "AuthError",
    "ConsentError",
    "ControlError",
    "ControlUnavailableError",
    "DeidentifyError",
    "ExampleError",
    "KeptError",
    "LeaseLost",
    "LifecycleError",
    "LifecycleInputError",
    "LinkExpiredError",
    "MailError",
    "ManifestError",
    "NotPermittedError",
    "ParamsError",
    "PermissionDeniedError",
    "PlanChangedError",
    "Problem",
    "RateLimited",
    "RecordsError",
    "RequestError",
    "RequestNotFoundError",
    "RetentionError",
    "SettingsError",
    "StoreConfigError",
    "StoreError",
    "StoreUnavailableError",
    "SupportError",
    "UnknownIdentityKindError",
    "VerificationError",
]


class KeptError(Exception):
    """Root of every error Kept raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a manifest, located in its source file."""

    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    value: str | None = None
    suggestion: str | None = None

    def location(self) -> str:
        if self.file is None:
            return "<manifest>"
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.value is not None and repr(self.value) not in self.message:
            text += f" (value: {self.value!r})"
        if self.suggestion is not None:
            text += f"; did you mean {self.suggestion!r}?"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file) if self.file else None,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "value": self.value,
            "suggestion": self.suggestion,
        }


class ManifestError(KeptError):
    """The manifest cannot be read. ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(
            problems, key=lambda p: (str(p.file or ""), p.line or 0, p.column or 0)
        )
        count = len(self.problems)
        head = f"the manifest has {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class StoreError(KeptError):
    """A store cannot be reached, read or written."""

    def __init__(self, store: str, message: str) -> None:
        self.store = store
        self.message = message
        super().__init__(f"store {store!r}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its store and message (raised in a worker process, e.g. by ``kept
        scan``'s, and raised again in the scanning process)."""
        return (type(self), (self.store, self.message))


class StoreConfigError(StoreError):
    """A store's configuration is wrong: an unset ${VAR}, an unknown driver, a bad URL."""


class StoreUnavailableError(StoreError):
    """A store cannot be reached: its server is down, or its SQLite file does not exist (Kept
    never creates a store). The CLI exits with code 4."""


class SettingsError(KeptError):
    """A ``KEPT_*`` setting (from the environment or a ``.env`` file) is invalid; the message
    names each variable, its value (hidden for keys) and what was expected."""


class ControlError(KeptError):
    """Kept's control-plane database cannot be opened or migrated."""


class ControlUnavailableError(ControlError):
    """The control database's server cannot be reached (the CLI exits with code 4)."""


class AuditError(KeptError):
    """The audit log cannot be written or read."""


class RequestError(KeptError):
    """A rights request is malformed (e.g. a bad identity) or cannot be carried out."""

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        self.request_id = request_id
        prefix = f"request {request_id}: " if request_id else ""
        super().__init__(prefix + message)


class PlanChangedError(RequestError):
    """Executing with ``--plan HASH`` found data different from the approved dry run."""


class UnknownIdentityKindError(RequestError):
    """A request names an identity kind the manifest does not declare (a typo such as
    ``emial``): it would match nobody, so it is refused instead."""

    def __init__(self, kinds: Iterable[str], declared: Iterable[str]):
        self.kinds = sorted(set(kinds))
        self.declared = sorted(set(declared))
        known = ", ".join(self.declared) or "none"
        super().__init__(
            f"identity kind {', '.join(repr(k) for k in self.kinds)} is not declared in the "
            f"manifest (declared kinds: {known})"
        )


class ParamsError(RequestError):
    """A request's parameters do not fit its kind or the manifest.

    ``code`` is stable (the API answers it): ``unknown_field``, ``field_unreachable``,
    ``duplicate_field``, ``changes_missing``, ``change_invalid``, ``unknown_purpose``,
    ``reason_missing``, ``params_not_allowed``, ``params_invalid``, ``unknown_policy``.
    """

    def __init__(self, message: str, *, code: str, names: Sequence[str] = ()) -> None:
        self.code = code
        self.names = list(names)
        super().__init__(message)


class LifecycleError(RequestError):
    """A lifecycle step does not fit the request's state (e.g. approving a denied request).
    Its subclasses say what else went wrong."""


class RequestNotFoundError(LifecycleError):
    """No such request, or not with the token presented (the two are told apart by nobody)."""


class LifecycleInputError(LifecycleError):
    """A lifecycle step's input is invalid: an unknown denial reason, state or kind, an
    extension without a reason, a plan asked of a request that has none."""


class NotPermittedError(LifecycleError):
    """A step this actor may not take: approving a request held for four eyes by its own
    submitter, or downloading with a link that is not genuine."""


class LinkExpiredError(LifecycleError):
    """A download link that was genuine but has expired."""


class VerificationError(LifecycleError):
    """A verification code is wrong, expired, used up or locked after too many tries;
    ``code`` says which (stable: the API answers it)."""

    def __init__(self, message: str, *, request_id: str, code: str) -> None:
        self.code = code
        super().__init__(message, request_id=request_id)


class RateLimited(LifecycleError):  # noqa: N818 - the HTTP 429 reason, like httpx's names
    """Too many hits in a bucket; ``retry_after`` is how many seconds until the next is allowed."""

    def __init__(self, what: str, retry_after: int) -> None:
        self.retry_after = max(1, retry_after)
        super().__init__(f"too many {what}; try again in {self.retry_after} seconds")


class LeaseLost(LifecycleError):  # noqa: N818 - a condition, like asyncio's CancelledError
    """The worker's lease on a job expired and another worker took the job over."""


class ConsentError(KeptError):
    """A consent record or decision names an unknown purpose, opt-out or recipient, or an
    unsubscribe token does not verify."""


class SupportError(KeptError):
    """A support-access grant cannot be given, found or revoked as asked."""


class RetentionError(KeptError):
    """A retention sweep or a legal hold cannot be carried out (e.g. a tenant's own period is
    outside its rule's bounds, or a hold names nothing)."""


class RecordsError(KeptError):
    """A notice, record of processing, source, notification or breach cannot be made."""


class ExampleError(KeptError):
    """An example is unknown or its sample database cannot be generated."""


class DeidentifyError(KeptError):
    """A de-identified export cannot be made as declared, or would leak an identity."""


class MailError(KeptError):
    """A message could not be sent (SMTP refused it, or the outbox cannot be written)."""


class AuthError(KeptError):
    """An API caller presented no key, or one that is unknown, revoked or expired."""


class PermissionDeniedError(AuthError):
    """The caller is known, but its role (or tenant) may not do this."""


class ApiKeyInvalidError(AuthError):
    """An API key cannot be made as asked: an unknown role, a tenant missing or extra, no name."""


class ApiKeyNotFoundError(AuthError):
    """No API key with this id."""
