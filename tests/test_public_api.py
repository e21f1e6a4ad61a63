"""The public surface is explicit: a new public name must be added here on purpose."""

from __future__ import annotations

import kept
import kept.breach
import kept.check
import kept.errors
import kept.manifest
import kept.notice
import kept.ropa


def test_top_level_exports() -> None:
    assert kept.__all__ == sorted(kept.__all__)
    assert set(kept.__all__) == {*kept.errors.__all__, "__version__"}  # every public error
    assert {"KeptError", "ManifestError", "RequestError", "SupportError"} <= set(kept.__all__)


def test_every_error_derives_from_the_root() -> None:
    for name in kept.errors.__all__:
        obj = getattr(kept.errors, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, kept.KeptError), name


def test_subpackage_exports_exist() -> None:
    for module in (kept.check, kept.manifest, kept.notice, kept.ropa, kept.breach):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"
