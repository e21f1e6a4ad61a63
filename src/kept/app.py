"""The composition root: one :class:`Kept` object per process, built from (settings, manifest).

It owns what every way in shares — the control database's engine, the stores' engines, the
audit log, the mailer, the clock, the secret key — and the services built on them: the rights
service (:attr:`Kept.rights`), the request lifecycle (:attr:`Kept.requests`), the consent
service and the support grants. The HTTP API (:func:`kept.api.create_app`), every CLI
command (:func:`kept.cli._common.open_kept`) and the workers (:meth:`Kept.worker`) receive it
instead of opening their own::

    from kept.app import Kept

    with Kept.open("vcp/kept.yaml") as kept:          # settings from KEPT_* and .env
        result = kept.rights.access(identities, out_dir)
        record = kept.requests.get(request_id)

Everything is made on first use, so a command that needs only the control database opens no
store. :meth:`Kept.close` releases all of it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from kept.audit import AuditLog
from kept.control import open_control, secret_key
from kept.mail import Mailer, make_mailer
from kept.manifest.loader import LoadedManifest, load_manifest
from kept.settings import KeptSettings, activate, deactivate, load_settings

if TYPE_CHECKING:
    from kept.consent.decision import ConsentService
    from kept.requests.exportfiles import ExportFiles
    from kept.requests.lifecycle import Lifecycle
    from kept.requests.verification import CodePolicy, RateLimit
    from kept.requests.worker import Worker
    from kept.rights import RightsService
    from kept.stores import StoreEngines
    from kept.support import SupportGrants

__all__ = ["Clock", "Kept"]

Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Kept:
    """Kept for one manifest: settings, control database, stores, audit log, mailer, clock,
    secret key and services, made once and shared.

    ``control`` is an engine already open on the control database (default: opened, and
    migrated, from ``settings.control_url``; the object then owns and disposes of it).
    ``review``, ``client_limit``, ``address_limit`` and ``codes`` configure the request
    lifecycle (``kept serve``'s options). While open, the object's settings are the ones
    :func:`kept.settings.current_settings` returns, so that code deep in the library agrees
    with it.
    """

    def __init__(
        self,
        settings: KeptSettings,
        loaded: LoadedManifest,
        *,
        control: sa.Engine | None = None,
        clock: Clock = _utcnow,
        mailer: Mailer | None = None,
        actor: str = "kept",
        review: Collection[str] = (),
        client_limit: RateLimit | None = None,
        address_limit: RateLimit | None = None,
        codes: CodePolicy | None = None,
    ) -> None:
        self.settings = settings
        self.loaded = loaded
        self.clock = clock
        self.actor = actor
        self._owns_control = control is None
        self.control = control if control is not None else open_control(self.control_url)
        self._mailer = mailer
        self._lifecycle_options: dict[str, Any] = {
            "review": review,
            "client_limit": client_limit,
            "address_limit": address_limit,
            "codes": codes,
        }
        self._secret: bytes | None = None
        self._lock = threading.Lock()
        self._closers: list[Callable[[], None]] = []
        self._closed = False
        self._consent: dict[str, ConsentService] = {}
        self._support: dict[str, SupportGrants] = {}
        activate(settings)

    @classmethod
    def open(
        cls,
        manifest: Path | str | LoadedManifest | None = None,
        settings: KeptSettings | None = None,
        *,
        database: str | None = None,
        **options: Any,
    ) -> Kept:
        """Kept for ``manifest`` (a path, a loaded manifest, or by default ``KEPT_MANIFEST``),
        with ``settings`` (default: from the environment and ``.env``); ``database`` overrides
        ``KEPT_DATABASE_URL`` (a command's ``--database``). ``options`` go to :class:`Kept`."""
        if settings is None:
            settings = load_settings(database_url=database)
        elif database is not None:
            settings = settings.model_copy(update={"database_url": database})
        if isinstance(manifest, LoadedManifest):
            loaded = manifest
        else:
            loaded = load_manifest(Path(manifest) if manifest is not None else settings.manifest)
        return cls(settings, loaded, **options)

    # -- what it owns ----------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        """The manifest's file (``kept.yaml`` in its folder for a folder of YAML files)."""
        root = self.loaded.root
        return root if root.is_file() else root / "kept.yaml"

    @property
    def control_url(self) -> str:
        """The control database's URL (``KEPT_DATABASE_URL``, else ``kept.db`` beside the
        manifest)."""
        return self.settings.control_url(self.manifest_path)

    @cached_property
    def engines(self) -> StoreEngines:
        """The stores' engines, each connected on first use and kept until :meth:`close`."""
        from kept.execution.session import open_engines

        engines = open_engines(self.loaded)
        self._closers.append(engines.close)
        return engines

    @cached_property
    def audit(self) -> AuditLog:
        """The audit log, keyed with ``KEPT_AUDIT_KEY`` when it is set."""
        return AuditLog(self.control, audit_key=self.settings.audit_key_bytes())

    @property
    def mailer(self) -> Mailer:
        """SMTP (``KEPT_SMTP_URL``) or the outbox beside the control database."""
        if self._mailer is None:
            self._mailer = make_mailer(
                self.settings.smtp(), self.settings.mail_from, str(self.control.url)
            )
        return self._mailer

    @property
    def secret(self) -> bytes:
        """Kept's secret key: ``KEPT_SECRET_KEY``, else the key generated in the control
        database when it was created (read once)."""
        if self._secret is None:
            with self.control.connect() as conn:
                self._secret = secret_key(conn, self.settings.secret_bytes())
        return self._secret

    @cached_property
    def exports(self) -> ExportFiles:
        """Where access exports wait for download (``KEPT_EXPORT_DIR``, else beside the
        control database)."""
        from kept.requests.exportfiles import ExportFiles

        return ExportFiles.configured(
            self.settings.export_dir, self.loaded.directory, self.control.url
        )

    # -- the services ----------------------------------------------------------------------

    @cached_property
    def rights(self) -> RightsService:
        """The rights service: one call per use case (access, erasure, rectification,
        restriction), shared by the CLI, the API's workers and ``kept worker``."""
        from kept.rights import RightsService

        control = self.control
        if control.dialect.name in ("mysql", "mariadb"):  # as the lifecycle's: no gap locks
            control = control.execution_options(isolation_level="READ COMMITTED")
        return RightsService(
            self.loaded,
            control,
            actor=self.actor,
            engines=self.engines,
            secret=self.secret,
            owns_resources=False,
        )

    @cached_property
    def requests(self) -> Lifecycle:
        """The request lifecycle (intake, verification, decisions, deadlines)."""
        from kept.requests.lifecycle import Lifecycle

        options = {k: v for k, v in self._lifecycle_options.items() if v is not None}
        return Lifecycle(
            self.control,
            self.loaded,
            mailer=self.mailer,
            clock=self.clock,
            exports=self.exports,
            secret=self.secret,
            audit=self.audit,
            **options,
        )

    def consent(self, actor: str | None = None) -> ConsentService:
        """The consent service (one per actor name, made on first use)."""
        from kept.consent.decision import ConsentService

        name = actor or self.actor
        with self._lock:
            if name not in self._consent:
                self._consent[name] = ConsentService(self.loaded.manifest, self.control, actor=name)
            return self._consent[name]

    def support(self, actor: str | None = None) -> SupportGrants:
        """The support-access grants (one per actor name, made on first use)."""
        from kept.support import SupportGrants

        name = actor or self.actor
        with self._lock:
            if name not in self._support:
                self._support[name] = SupportGrants(self.loaded.manifest, self.control, actor=name)
            return self._support[name]

    def worker(self, **options: Any) -> Worker:
        """A worker on the request queue, running jobs through :attr:`rights`; ``options``
        go to :class:`kept.requests.Worker` (``name``, ``lease``, ``poll``, ``sweeps``...)."""
        from kept.requests.worker import Worker

        return Worker(self.requests, rights=self.rights, **options)

    # -- lifetime --------------------------------------------------------------------------

    def on_close(self, closer: Callable[[], None]) -> None:
        """Call ``closer`` first when the object closes (e.g. stop a worker thread)."""
        self._closers.append(closer)

    def close(self) -> None:
        """Release everything: stop what registered, close the stores' engines, dispose of
        the control database (when the object opened it)."""
        if self._closed:
            return
        self._closed = True
        for closer in reversed(self._closers):
            closer()
        self._closers.clear()
        if self._owns_control:
            self.control.dispose()
        deactivate(self.settings)

    def __enter__(self) -> Kept:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
