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


def test_every_error_class_in_the_library_is_exported() -> None:
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(kept.__path__, "kept."):
        if ".examples." in info.name or "migrations" in info.name or "__main__" in info.name:
            continue
        importlib.import_module(info.name)

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        for sub in list(found):
            found |= subclasses(sub)
        return found

    from kept.api.problems import ApiError  # the HTTP layer's own

    names = {c.__name__ for c in subclasses(kept.KeptError) - {ApiError}}
    assert names <= set(kept.__all__), names - set(kept.__all__)


def test_library_errors_carry_no_http_status() -> None:
    import inspect

    for name in kept.errors.__all__:
        obj = getattr(kept.errors, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert "status" not in inspect.signature(obj.__init__).parameters, name
