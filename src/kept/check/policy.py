"""Checks of the manifest against itself and the law: legal bases, transfers, prohibitions,
and the data map's references, identities and reachability."""

from __future__ import annotations

from collections.abc import Iterator

from kept.check.limits import limit_findings
from kept.findings import Finding
from kept.jurisdictions import needs_transfer_safeguard
from kept.manifest.datamap import DataMap
from kept.manifest.loader import LoadedManifest
from kept.manifest.models import RecipientRole
from kept.taxonomy import is_under

__all__ = ["datamap_findings", "policy_findings"]

# Recipients that are not "third parties" for the no-third-party-marketing promise: processors
# act on the company's instructions; group companies are inside the group the promise names.
_NOT_THIRD_PARTIES = (
    RecipientRole.PROCESSOR,
    RecipientRole.SUBPROCESSOR,
    RecipientRole.GROUP_COMPANY,
)


def policy_findings(loaded: LoadedManifest) -> Iterator[Finding]:
    m = loaded.manifest
    for p, purpose in enumerate(m.purposes):
        if purpose.legal_basis is None:
            yield Finding(
                "no-legal-basis",
                f"purpose {purpose.key!r} ({purpose.name}) has no legal basis",
                f"purpose:{purpose.key}",
                position=loaded.locate(("purposes", p)),
            )
    jurisdictions: list[str] = list(m.organization.jurisdictions) if m.organization else []
    marketing = {p.key for p in m.purposes if is_under(p.data_use, "marketing")}
    for r, rec in enumerate(m.recipients):
        where = loaded.locate(("recipients", r))
        target = f"recipient:{rec.name}"
        for country in rec.all_countries:
            laws = needs_transfer_safeguard(jurisdictions, country)
            if laws and rec.transfer_safeguard is None:
                yield Finding(
                    "transfer-without-safeguard",
                    f"recipient {rec.name!r} receives data in {country}, which has no adequacy "
                    f"decision under {', '.join(laws).upper()}, and no transfer_safeguard is "
                    "declared (scc, bcr, dpf, derogation or consent)",
                    target,
                    position=where,
                )
        if m.prohibitions.no_sale and rec.sale:
            yield Finding(
                "sale-prohibited",
                f"recipient {rec.name!r} is marked as a sale, but the policy promises no sale",
                target,
                position=where,
            )
        if m.prohibitions.no_sharing and rec.sharing:
            yield Finding(
                "sharing-prohibited",
                f"recipient {rec.name!r} is marked as sharing, but the policy promises no sharing",
                target,
                position=where,
            )
        used = marketing.intersection(rec.purposes)
        if m.prohibitions.no_third_party_marketing and used and rec.role not in _NOT_THIRD_PARTIES:
            yield Finding(
                "third-party-marketing",
                f"third party {rec.name!r} ({rec.role.value}) receives data for marketing "
                f"purposes {sorted(used)}, but the policy promises no third-party marketing",
                target,
                position=where,
            )
    yield from _prohibited_declarations(loaded)
    yield from limit_findings(loaded)


def _prohibited_declarations(loaded: LoadedManifest) -> Iterator[Finding]:
    never = loaded.manifest.prohibitions.never
    if not never:
        return
    dm = DataMap.build(loaded.manifest)
    for node, path in dm.paths.items():
        for f_index, fld in enumerate(dm.collections[node].fields):
            for c, category in enumerate(fld.data_categories or []):
                for rule in never:
                    if is_under(category, rule.data_category):
                        yield Finding(
                            "prohibited-category",
                            f"{node}.{fld.name} is declared as {category}, which the policy "
                            f"prohibits: {rule.reason}",
                            f"field:{node}.{fld.name}",
                            category=category,
                            position=loaded.locate(
                                (*path, "fields", f_index, "data_categories", c)
                            ),
                        )


def datamap_findings(loaded: LoadedManifest, dm: DataMap) -> Iterator[Finding]:
    m = loaded.manifest
    for dangling in dm.dangling:
        ref = dangling.reference
        yield Finding(
            "dangling-reference",
            f"{dangling.origin} references {ref.dataset}.{ref.field}, but {dangling.reason}",
            f"field:{dangling.origin}",
            position=loaded.locate(dangling.path),
        )
    if not dm.identities and any(dm.personal(n) for n in dm.collections):
        yield Finding(
            "no-identity",
            "no field is declared as an identity (fides_meta.identity), so rights requests "
            "cannot find anyone",
            "manifest",
        )
    reachable = dm.reachable()
    for node in sorted(dm.collections):
        if dm.skipped(node):
            if dm.personal(node):
                yield Finding(
                    "skipped-collection",
                    f"collection {node} holds personal data and is left out of rights requests "
                    f"on purpose: {dm.skip_reason(node)}",
                    f"collection:{node}",
                    position=loaded.locate(dm.paths[node]),
                )
            continue
        if dm.personal(node) and node not in reachable and dm.identities:
            yield Finding(
                "unreachable",
                f"collection {node} holds personal data but no reference path leads to it "
                "from an identity; a rights request would miss it",
                f"collection:{node}",
                position=loaded.locate(dm.paths[node]),
            )
    for d, dataset in enumerate(m.dataset):
        if m.store_for(dataset.fides_key) is None:
            yield Finding(
                "unbound-dataset",
                f"dataset {dataset.fides_key!r} is not held by any store: list it under a "
                "store's 'datasets'",
                f"dataset:{dataset.fides_key}",
                position=loaded.locate(("dataset", d)),
            )
