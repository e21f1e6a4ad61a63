"""Kept: a privacy policy that runs.

The public surface of the library; the CLI (``kept``) and the HTTP API are thin layers over it.
"""

from kept.errors import (
    AuditError,
    ControlError,
    ExampleError,
    KeptError,
    ManifestError,
    Problem,
    StoreConfigError,
    StoreError,
)

__version__ = "0.2.0.dev0"

__all__ = [
    "AuditError",
    "ControlError",
    "ExampleError",
    "KeptError",
    "ManifestError",
    "Problem",
    "StoreConfigError",
    "StoreError",
    "__version__",
]
