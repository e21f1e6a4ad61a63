"""The export's ``summary.html``: what Kept holds about the person, grouped by purpose, in
plain words, with the Art. 15 information; the machine-readable JSON and CSV are beside it in
the zip. One self-contained page (its style inline: it is opened from a file)."""

from __future__ import annotations

from typing import Any

from kept.manifest.models import Manifest, RecipientRole, Right, Safeguard
from kept.taxonomy import is_under
from kept.web.templating import environment
from kept.web.words import BASES, RIGHTS, ROLES, SAFEGUARDS, category_name, plain

__all__ = ["summary_html"]


def _table_categories(manifest: Manifest, label: str) -> set[str]:
    dataset_key, _, collection_name = label.partition(".")
    dataset = manifest.dataset_by_key(dataset_key)
    collection = dataset.collection(collection_name) if dataset else None
    if collection is None:
        return set()
    found = set(collection.data_categories or [])
    for field in collection.fields:
        found.update(field.data_categories or [])
    return found


def _readable_table(label: str) -> str:
    return label.partition(".")[2].replace("_", " ").capitalize() or label


def summary_html(info: dict[str, Any], manifest: Manifest, portability: bool) -> str:
    """The page for an export's ``info`` (what ``supplementary.json`` holds)."""
    tables = {
        label: (count, _table_categories(manifest, label))
        for label, count in info["rows_per_table"].items()
        if count
    }
    named = {p["purpose"] for p in info["purposes"]}
    groups = []
    placed: set[str] = set()
    for purpose in manifest.purposes:
        if purpose.name not in named:
            continue
        keys = purpose.data_categories
        rows = []
        for label, (count, cats) in tables.items():
            shared = {c for c in cats if any(is_under(c, k) or is_under(k, c) for k in keys)}
            if shared:
                rows.append(
                    (
                        _readable_table(label),
                        label,
                        count,
                        sorted({category_name(manifest, c) for c in shared}),
                    )
                )
                placed.add(label)
        groups.append(
            {
                "name": purpose.name,
                "description": plain(purpose.description),
                "basis": BASES[purpose.legal_basis] if purpose.legal_basis else "not stated",
                "interest": plain(purpose.legitimate_interest),
                "retention": plain(purpose.retention),
                "rows": rows,
            }
        )
    other = [
        (_readable_table(label), label, count, sorted({category_name(manifest, c) for c in cats}))
        for label, (count, cats) in tables.items()
        if label not in placed
    ]
    recipients = [
        {
            "name": r["name"],
            "role": ROLES.get(_role(r["role"]), r["role"]),
            "countries": ", ".join(r["countries"]),
            "safeguard": SAFEGUARDS.get(_safeguard(r["transfer_safeguard"]), None),
        }
        for r in info["recipients"]
    ]
    rights = [RIGHTS.get(_right(r), r) for r in info["rights"]]
    complaint = info["right_to_complain"]
    if isinstance(complaint, dict):
        complaint = ", ".join(str(v) for v in complaint.values() if v)
    return (
        environment()
        .get_template("export/summary.html")
        .render(
            title="Your data (portable copy)" if portability else "Your personal data",
            portable=portability,
            info=info,
            organization=manifest.organization.name if manifest.organization else "",
            groups=groups,
            other=other,
            categories=sorted({category_name(manifest, c) for c in info["categories"]}),
            recipients=recipients,
            rights=rights,
            complaint=complaint,
            sources=", ".join(plain(s) for s in info["sources"]),
        )
    )


def _role(value: str) -> Any:
    return RecipientRole(value)


def _safeguard(value: str | None) -> Any:
    return Safeguard(value) if value else None


def _right(value: str) -> Any:
    return Right(value)
