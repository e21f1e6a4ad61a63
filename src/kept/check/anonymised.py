"""The data check of columns declared ``anonymised`` (``deidentify:`` in the manifest).

A column that the manifest says holds no personal data (a bug report's technical details, an
analytics table's truncated addresses) must not start receiving raw values. A sample of each
such column is checked against the identity values of every person in the stores and against
the detectors of personal values; a hit is an ``anonymised-holds-personal-data`` finding with
the count, never the value.
"""

from __future__ import annotations

import sqlalchemy as sa

from kept.check.detect import detect_by_values
from kept.deidentify import declaration, identity_fingerprints, identity_hits
from kept.findings import Finding
from kept.manifest.loader import LoadedManifest
from kept.stores import StoreEngines

__all__ = ["anonymised_findings"]


def anonymised_findings(
    loaded: LoadedManifest,
    engines: StoreEngines,
    sample: int = 1000,
    *,
    stores: set[str] | None = None,
) -> list[Finding]:
    """A finding per anonymised column holding identity values or personal-looking values;
    with ``stores``, only the columns held by those stores (the others could not be read)."""
    declared = [
        d
        for d in loaded.manifest.deidentify
        if d.anonymised and (stores is None or declaration(loaded, d.collection)[1] in stores)
    ]
    if not declared:
        return []
    fingerprints = identity_fingerprints(loaded, engines, stores=stores)
    findings: list[Finding] = []
    for item in declared:
        _, store_name, meta = declaration(loaded, item.collection)
        store = next(s for s in loaded.manifest.stores if s.name == store_name)
        for name in item.anonymised:
            column = sa.table(meta.name, sa.column(name), schema=store.db_schema).c[name]
            with engines.get(store_name).connect() as conn:
                values = list(
                    conn.execute(
                        sa.select(column).where(column.is_not(None)).limit(sample)
                    ).scalars()
                )
            hits: dict[str, int] = {}
            identity_hits(((name, v) for v in values), fingerprints, hits)
            looks = detect_by_values(values)
            if not hits and looks is None:
                continue
            why = (
                f"{hits[name]} of {len(values)} sampled values hold identity values of people"
                if hits
                else looks.reason
                if looks
                else ""
            )
            findings.append(
                Finding(
                    "anonymised-holds-personal-data",
                    f"{item.collection}.{name} is declared anonymised but {why}",
                    target=f"{item.collection}.{name}",
                    store=store_name,
                    table=meta.name,
                    column=name,
                    category=looks.category if looks else None,
                )
            )
    return findings
