"""Fides masking strategies, with Fides' names, parameters and meaning.

A Fides dataset field's ``fides_meta.masking_strategy_override`` and a Fides erasure rule's
``masking_strategy`` name one of these (``{strategy: ..., configuration: {...}}``):

=========================  ==================================================================
``null_rewrite``           the value becomes NULL
``string_rewrite``         the value becomes ``rewrite_value`` (+ the format suffix)
``random_string_rewrite``  a random string of ``length`` (default 30) lowercase letters and
                           digits, drawn per row (+ the format suffix)
``hash``                   hex SHA-256 or SHA-512 (``algorithm``) of the value + a secret salt
``hmac``                   hex HMAC-SHA-256/512 of the value + a secret salt, with a secret key
``aes_encrypt``            AES-GCM (``mode: GCM``), convergent: the nonce is the first 12 bytes
                           of an HMAC of the value, so equal values encrypt equally; base64
``ip_mask``                IPv4: the /24 network address; IPv6: the /48 network, exploded;
                           anything else is left as it is
``preserve``               the value is kept as it is
=========================  ==================================================================

``format_preservation: {suffix: "@example.com"}`` appends a suffix to the masked value; a field
with a ``fides_meta.length`` has masked strings cut to that length (as Fides does). Fides draws
the salts and keys per request and keeps them in its cache; Kept derives them from the
installation's secret (the control database's key), so a value hashes to the same digest in
every request and can still be matched by someone holding the secret.

``null_rewrite``, ``string_rewrite`` and ``preserve`` are set-based (a constant in the table's
one UPDATE); the deterministic ones (``hash``, ``hmac``, ``aes_encrypt``, ``ip_mask``) are
computed once per distinct value in Python and applied from a temporary mapping table in the
same UPDATE; ``random_string_rewrite`` needs a value per row: one batched UPDATE by primary key.
A strategy that is unknown, has a wrong parameter, or does not fit the field's declared
``data_type`` is a manifest problem, reported by ``kept check`` with the field and strategy.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
import string
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:
    from kept.execution.plan import Step
    from kept.execution.traverse import StoreTraversal

__all__ = ["STRATEGIES", "Masking", "mask_column", "masking_problem", "parse_masking"]

STRATEGIES: dict[str, str] = {
    "null_rewrite": "the value becomes NULL",
    "string_rewrite": "the value becomes rewrite_value (+ format_preservation.suffix)",
    "random_string_rewrite": "a random string of `length` (30) lowercase letters and digits",
    "hash": "hex SHA-256/SHA-512 (`algorithm`) of the value and a secret salt",
    "hmac": "hex HMAC-SHA-256/512 (`algorithm`) of the value and a secret salt, keyed",
    "aes_encrypt": "AES-GCM (`mode: GCM`) with a convergent nonce, base64",
    "ip_mask": "IPv4 /24 or IPv6 /48 network address",
    "preserve": "the value is kept as it is",
}

_PARAMETERS: dict[str, set[str]] = {
    "null_rewrite": set(),
    "string_rewrite": {"rewrite_value", "format_preservation"},
    "random_string_rewrite": {"length", "format_preservation"},
    "hash": {"algorithm", "format_preservation"},
    "hmac": {"algorithm", "format_preservation"},
    "aes_encrypt": {"mode", "format_preservation"},
    "ip_mask": set(),
    "preserve": set(),
}
_STRING_ONLY = {"string_rewrite", "random_string_rewrite", "hash", "hmac", "aes_encrypt", "ip_mask"}
_ALGORITHMS = {"SHA-256": hashlib.sha256, "SHA-512": hashlib.sha512}
_RANDOM_ALPHABET = string.ascii_lowercase + string.digits
_UPDATE_BATCH = 1000


class MaskingConfigError(ValueError):
    """A masking strategy or one of its parameters cannot be honoured."""


@dataclass(frozen=True)
class Masking:
    """One Fides masking strategy with its parameters, checked."""

    strategy: str
    rewrite_value: str | None = None
    length: int = 30
    algorithm: str = "SHA-256"
    suffix: str = ""
    truncate: int | None = None

    @property
    def constant(self) -> bool:
        """Set-based: the same value (NULL or the rewrite) for every row."""
        return self.strategy in {"null_rewrite", "string_rewrite"}

    @property
    def per_row(self) -> bool:
        return self.strategy == "random_string_rewrite"

    def constant_value(self) -> str | None:
        if self.strategy == "null_rewrite":
            return None
        return self._finish(self.rewrite_value or "")

    def masker(self, secret: bytes) -> Callable[[Any], Any]:
        """The function masking one value (None stays None), keyed by the Kept ``secret``."""
        strategy = self.strategy
        if strategy == "hash":
            salt = _derive(secret, "hash.salt").hex()
            algorithm = _ALGORITHMS[self.algorithm]
            return self._each(lambda v: algorithm((v + salt).encode()).hexdigest())
        if strategy == "hmac":
            key, salt = _derive(secret, "hmac.key").hex(), _derive(secret, "hmac.salt").hex()
            digest = _ALGORITHMS[self.algorithm]
            return self._each(
                lambda v: hmac.new(key.encode(), (v + salt).encode(), digest).hexdigest()
            )
        if strategy == "aes_encrypt":
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            gcm = AESGCM(_derive(secret, "aes.key"))
            key_hmac = _derive(secret, "aes.key_hmac").hex().encode()
            salt_hmac = _derive(secret, "aes.salt_hmac").hex()

            def encrypt(value: str) -> str:
                nonce = hmac.new(key_hmac, (value + salt_hmac).encode(), hashlib.sha256)
                iv = nonce.digest()[:12]
                return base64.b64encode(gcm.encrypt(iv, value.encode(), iv)).decode()

            return self._each(encrypt)
        if strategy == "ip_mask":
            return self._each(_mask_ip, finish=False)
        if strategy == "random_string_rewrite":
            return self._each(
                lambda _: "".join(secrets.choice(_RANDOM_ALPHABET) for _ in range(self.length))
            )
        if strategy == "preserve":
            return lambda value: value
        constant = self.constant_value()
        return lambda value: constant

    def _each(self, mask: Callable[[str], str], *, finish: bool = True) -> Callable[[Any], Any]:
        def one(value: Any) -> Any:
            if value is None:
                return None
            masked = mask(str(value))
            return self._finish(masked) if finish else masked

        return one

    def _finish(self, masked: str) -> str:
        masked += self.suffix
        return masked[: self.truncate] if self.truncate else masked


def _derive(secret: bytes, label: str) -> bytes:
    """A 32-byte secret of its own for each use, derived from Kept's secret."""
    return hmac.new(secret or b"kept", f"kept.masking.{label}".encode(), hashlib.sha256).digest()


def _mask_ip(value: str) -> str:
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return value
    if address.version == 4:
        return str(ipaddress.IPv4Network(f"{value}/24", strict=False).network_address)
    return ipaddress.IPv6Network(f"{value}/48", strict=False).network_address.exploded


def parse_masking(
    spec: Mapping[str, Any], *, data_type: str | None = None, length: int | None = None
) -> Masking:
    """A Fides ``{strategy, configuration}`` as a :class:`Masking`, or
    :class:`MaskingConfigError` saying what cannot be honoured."""
    name = spec.get("strategy")
    if not isinstance(name, str) or name not in STRATEGIES:
        raise MaskingConfigError(
            f"unknown masking strategy {name!r} (known: {', '.join(sorted(STRATEGIES))})"
        )
    extra = set(spec) - {"strategy", "configuration"}
    if extra:
        raise MaskingConfigError(f"{name}: unknown key(s) {', '.join(sorted(map(str, extra)))}")
    config = spec.get("configuration") or {}
    if not isinstance(config, Mapping):
        raise MaskingConfigError(f"{name}: 'configuration' must be a mapping")
    unknown = set(config) - _PARAMETERS[name]
    if unknown:
        allowed = ", ".join(sorted(_PARAMETERS[name])) or "none"
        raise MaskingConfigError(
            f"{name}: unknown parameter(s) {', '.join(sorted(map(str, unknown)))} "
            f"(allowed: {allowed})"
        )
    if data_type is not None and name in _STRING_ONLY and data_type != "string":
        raise MaskingConfigError(
            f"{name} masks strings only; the field's data_type is {data_type!r} "
            "(use null_rewrite or preserve, or declare data_type: string)"
        )
    suffix = ""
    preservation = config.get("format_preservation")
    if preservation is not None:
        if not isinstance(preservation, Mapping) or not isinstance(preservation.get("suffix"), str):
            raise MaskingConfigError(f"{name}: format_preservation needs a string 'suffix'")
        suffix = preservation["suffix"]
    rewrite = config.get("rewrite_value")
    if name == "string_rewrite" and not isinstance(rewrite, str):
        raise MaskingConfigError("string_rewrite needs a string 'rewrite_value'")
    size = config.get("length", 30)
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 4096:
        raise MaskingConfigError(f"{name}: 'length' must be a whole number from 1 to 4096")
    algorithm = config.get("algorithm", "SHA-256")
    if algorithm not in _ALGORITHMS:
        raise MaskingConfigError(f"{name}: 'algorithm' must be SHA-256 or SHA-512")
    if config.get("mode", "GCM") != "GCM":
        raise MaskingConfigError(f"{name}: 'mode' must be GCM (the only mode Fides supports)")
    if name == "aes_encrypt":
        try:
            import cryptography  # noqa: F401 - a declared dependency; said plainly if missing
        except ImportError as exc:  # pragma: no cover - installed with Kept
            raise MaskingConfigError("aes_encrypt needs the 'cryptography' package") from exc
    return Masking(
        strategy=name,
        rewrite_value=rewrite if isinstance(rewrite, str) else None,
        length=size,
        algorithm=str(algorithm),
        suffix=suffix,
        truncate=length if name != "null_rewrite" else None,
    )


def masking_problem(
    spec: Mapping[str, Any] | None, *, data_type: str | None = None, length: int | None = None
) -> str | None:
    """What is wrong with a masking strategy, or None when it can be honoured."""
    if not spec:
        return None
    try:
        parse_masking(spec, data_type=data_type, length=length)
    except MaskingConfigError as exc:
        return str(exc)
    return None


def mask_column(
    walk: StoreTraversal,
    step: Step,
    t: sa.TableClause,
    column: str,
    masking: Masking,
    secret: bytes,
    originals: dict[str, set[str]],
) -> sa.ColumnElement[Any] | None:
    """What the table's one UPDATE sets ``column`` to; None when the column was already
    masked here (per-row strategies: batched UPDATEs by primary key, before the table's
    UPDATE). The original values are recorded in ``originals`` for the verification."""
    if masking.constant:
        return sa.literal(masking.constant_value())
    mask = masking.masker(secret)
    seen: set[str] = set()
    pk = walk.pk(step)
    per_row: list[dict[str, Any]] = []
    for _, row in walk.rows(step, [*pk, column], stream=False):
        value = row[column]
        if value is None:
            continue
        seen.add(str(value))
        if masking.per_row:
            per_row.append({**{f"k_{i}": row[c] for i, c in enumerate(pk)}, "m": mask(value)})
    if masking.per_row:
        originals[f"{step.index}.{column}"] = seen
        statement = (
            sa.update(t)
            .where(sa.and_(*[t.c[c] == sa.bindparam(f"k_{i}") for i, c in enumerate(pk)]))
            .values({column: sa.bindparam("m")})
        )
        for start in range(0, len(per_row), _UPDATE_BATCH):
            walk.conn.execute(statement, per_row[start : start + _UPDATE_BATCH])
        return None
    mapping_rows = [{"v": v, "h": mask(v)} for v in sorted(seen)]
    # a value that masks to itself (an already masked IP address) is not "left behind"
    originals[f"{step.index}.{column}"] = {r["v"] for r in mapping_rows if r["v"] != r["h"]}
    name = f"kept_m{step.index}_{uuid.uuid4().hex[:6]}"
    walk.conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {name} (v VARCHAR(2048), h VARCHAR(4096))")
    mapping = sa.table(name, sa.column("v"), sa.column("h"))
    if mapping_rows:
        walk.conn.execute(mapping.insert(), mapping_rows)
    return sa.select(mapping.c.h).where(mapping.c.v == t.c[column]).scalar_subquery()
