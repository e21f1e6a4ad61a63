"""Kept: a privacy policy that runs.

The public surface of the library; the CLI (``kept``) and the HTTP API are thin layers over it.
"""

from kept.errors import (
    AuditError,
    AuthError,
    ConsentError,
    ControlError,
    ControlUnavailableError,
    ExampleError,
    KeptError,
    ManifestError,
    PlanChangedError,
    Problem,
    RecordsError,
    RequestError,
    RetentionError,
    StoreConfigError,
    StoreError,
    StoreUnavailableError,
    SupportError,
)

__version__ = "0.2.0.dev0"

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
    "__version__",
]
