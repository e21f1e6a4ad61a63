"""Kept's exceptions: one root, a small documented tree.

    KeptError                      root: every error Kept raises on purpose
    ├── ManifestError              the manifest cannot be read; carries every Problem found
    ├── StoreError                 a store cannot be reached, read or written
    │   ├── StoreConfigError       a store's URL or environment is wrong (e.g. ${VAR} unset)
    │   └── StoreUnavailableError  a store's server is down or its SQLite file is missing
    ├── ControlError               Kept's own control-plane database cannot be used
    │   └── ControlUnavailableError  its server is down (API 503 control_unavailable)
    ├── AuditError                 the audit log cannot be written or read
    ├── RequestError               a rights request is malformed or cannot be carried out
    │   ├── PlanChangedError       the data changed since the approved dry-run plan
    │   └── kept.requests.LifecycleError  a lifecycle step does not fit the request's state
    │       ├── kept.requests.VerificationError  an e-mailed code is wrong, expired or used
    │       └── kept.requests.RateLimited        too many submissions or codes
    ├── RetentionError             a sweep or a legal hold cannot be carried out
    ├── ExampleError               an example name is unknown or its sample cannot be generated
    ├── RecordsError               a notice, record of processing, source, recipient notification
    │                              or breach record names something unknown or cannot be made
    ├── ConsentError               a consent record or decision names something unknown, or a
    │                              signed unsubscribe token is forged, tampered with or garbled
    ├── kept.mail.MailError        a message cannot be sent (SMTP) or written (outbox)
    ├── AuthError                  an API caller is unknown, or not allowed to do what it asked
    └── kept.api.ApiError          an HTTP endpoint answers with a status and a stable code

Messages are built by the exception class from the context it carries (the file, line,
column, offending value and nearest valid value for manifest problems; the store name for
store errors), so the CLI and the HTTP API only have to print ``str(exc)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "AuditError",
    "AuthError",
    "ConsentError",
    "ControlError",
    "ControlUnavailableError",
    "ExampleError",
    "KeptError",
    "ManifestError",
    "PlanChangedError",
    "Problem",
    "RecordsError",
    "RequestError",
    "RetentionError",
    "StoreConfigError",
    "StoreError",
    "StoreUnavailableError",
    "SupportError",
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
        super().__init__(f"store {store!r}: {message}")


class StoreConfigError(StoreError):
    """A store's configuration is wrong: an unset ${VAR}, an unknown driver, a bad URL."""


class StoreUnavailableError(StoreError):
    """A store cannot be reached: its server is down, or its SQLite file does not exist (Kept
    never creates a store). The CLI exits with code 4."""


class ControlError(KeptError):
    """Kept's control-plane database cannot be opened or migrated."""


class ControlUnavailableError(ControlError):
    """The control database's server cannot be reached (CLI exit 4, API 503)."""


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


class AuthError(KeptError):
    """An API caller presented no key or an unknown one (401), or may not do this (403)."""

    def __init__(self, message: str, *, status: int = 401) -> None:
        self.status = status
        super().__init__(message)
