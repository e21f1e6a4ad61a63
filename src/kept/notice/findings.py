"""``kept check`` findings for notice items the manifest cannot fill, and for sources."""

from __future__ import annotations

from collections.abc import Iterator

from kept.findings import Finding
from kept.manifest.loader import LoadedManifest
from kept.notice.document import build_notice, data_sources

__all__ = ["NOTICE_CODES", "notice_findings"]

NOTICE_CODES: dict[str, str] = {
    "notice-no-controller": "the notice cannot name the controller (no organization)",
    "notice-no-controller-contact": "the notice cannot say how to reach the controller",
    "notice-no-representative": (
        "a controller outside the EEA that serves the EU names no representative"
    ),
    "notice-no-dpo": "no data protection officer with contact details (waive where not required)",
    "notice-no-purposes": "the manifest declares no purpose for the notice",
    "notice-no-retention": "a purpose states no retention period or criteria",
    "notice-missing-right": "a right the notice must name is not among the manifest's rights",
    "notice-no-right-channel": "the notice cannot say how to exercise a right",
    "notice-no-complaint": "the notice cannot name the right to complain to an authority",
    "notice-no-safeguard-copy": "transfers under SCCs or BCRs, but how to get a copy is unstated",
    "notice-no-provision-requirement": "whether the data must be provided, and why, is not stated",
    "notice-no-automated-decisions": "whether automated decisions or profiling happen is unstated",
    "notice-no-children": "whether the services are meant for children is not stated",
    "unknown-source-column": "a declared source names a column its collection does not declare",
}


def notice_findings(loaded: LoadedManifest) -> Iterator[Finding]:
    m = loaded.manifest
    # A manifest that declares no notice does not claim to state one (a data map alone, a
    # test): its notice items are not held against Art. 13/14.
    if m.notice is not None:
        for gap in build_notice(m, language="en").gaps:
            yield Finding(gap.code, gap.message, gap.target, position=loaded.locate(gap.path))
    for ds, coll, src, fname in data_sources(m):
        if src.column and coll.field(src.column) is None:
            where = f"{ds}.{coll.name}" + (f".{fname}" if fname else "")
            yield Finding(
                "unknown-source-column",
                f"the source of {where} names column {src.column!r}, which collection "
                f"{coll.name!r} does not declare",
                f"source:{where}",
                table=coll.name,
                column=src.column,
            )
