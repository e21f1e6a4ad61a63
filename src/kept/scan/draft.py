"""From a read schema and the classifier's findings to a draft dataset: categories with their
evidence, identities, references and the erase action each column's constraints allow.

Nothing here touches a database; :mod:`kept.scan.run` reads, this module decides,
:mod:`kept.scan.render` writes YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kept.check.classify import Classification
from kept.check.classify_names import PERSON_TABLES, words_of
from kept.scan.schema import Column, ForeignKey, Table

__all__ = ["CollectionDraft", "FieldDraft", "RefDraft", "draft_collections"]

HMAC_LENGTH = 64  # hex digits of the HMAC-SHA256 Kept writes
_ROLE_WORDS = frozenset(
    "rep representative manager reports supervisor assigned assignee agent staff support "
    "approver reviewer owner by creator author editor moderator salesrep".split()
)
NOT_PERSONAL = "system.operations"


@dataclass
class RefDraft:
    table: str
    column: str
    direction: str | None  # "to", "from"; None when not traversed
    inferred: bool
    note: str


@dataclass
class FieldDraft:
    name: str
    category: str
    column: Column
    found: Classification | None = None
    identity: str | None = None
    references: list[RefDraft] = field(default_factory=list)
    erase: str | dict[str, object] | None = None
    erase_reason: str = ""

    @property
    def personal(self) -> bool:
        return self.category.startswith("user")


@dataclass
class CollectionDraft:
    name: str
    table: Table
    fields: list[FieldDraft] = field(default_factory=list)

    @property
    def personal(self) -> bool:
        return any(f.personal for f in self.fields)


def _is_person_table(name: str) -> bool:
    words = words_of(name)
    return bool(words) and words[-1] in PERSON_TABLES


def draft_collections(
    tables: dict[str, Table], found: dict[str, dict[str, Classification]], dataset: str
) -> list[CollectionDraft]:
    """One draft collection per table (views are left out: they hold no rows of their own)."""
    drafts: dict[str, CollectionDraft] = {}
    for name, table in tables.items():
        if table.view:
            continue
        coll = CollectionDraft(name, table)
        for cname, column in table.columns.items():
            hit = found.get(name, {}).get(cname)
            category = hit.category if hit else NOT_PERSONAL
            coll.fields.append(FieldDraft(cname, category, column, hit))
        drafts[name] = coll
    personal_tables = {n for n, c in drafts.items() if c.personal}
    for coll in drafts.values():
        _identities(coll)
    owners = {n for n, c in drafts.items() if any(f.identity for f in c.fields)}
    lowered = {n.lower(): n for n in drafts}
    for coll in drafts.values():
        _references(coll, drafts, lowered, personal_tables, owners, dataset)
        for fld in coll.fields:
            _erase(fld, coll)
    return list(drafts.values())


def _identities(coll: CollectionDraft) -> None:
    """E-mail columns of tables of people are identities; else a phone; else, in a table of
    people, its single-column primary key."""
    person = _is_person_table(coll.name) or any(
        f.category.startswith("user.name") for f in coll.fields
    )
    if not person:
        return
    for kind, category in (("email", "user.contact.email"), ("phone_number", "user.contact.")):
        matches = [f for f in coll.fields if f.category.startswith(category)]
        if kind == "phone_number":
            matches = [f for f in matches if "phone" in f.category]
        if matches:
            matches[0].identity = kind
            return
    pk = coll.table.primary_key
    if len(pk) == 1:
        fld = next(f for f in coll.fields if f.name == pk[0])
        fld.identity = "user_id"


def _pk_of(table: Table) -> str | None:
    return table.primary_key[0] if len(table.primary_key) == 1 else None


def _references(
    coll: CollectionDraft,
    drafts: dict[str, CollectionDraft],
    lowered: dict[str, str],
    personal: set[str],
    owners: set[str],
    dataset: str,
) -> None:
    by_name = {f.name: f for f in coll.fields}
    declared: set[str] = set()
    for fk in coll.table.foreign_keys:
        if len(fk.columns) != 1 or fk.table not in drafts:
            continue
        declared.add(fk.columns[0])
        _link(coll, by_name[fk.columns[0]], fk, drafts, personal, owners, inferred=False)
    for fld in coll.fields:
        if fld.name in declared or fld.column.primary_key:
            continue
        words = words_of(fld.name)
        if len(words) < 2 or words[-1] not in ("id", "by", "number", "no"):
            continue
        stem = "_".join(words[:-1])
        candidates = [stem, stem + "s", stem + "es", "".join(words[:-1])]
        if words[-1] == "by":
            candidates = ["users", "user", "staff", "employees", "accounts"]
        target = next((lowered[c] for c in candidates if c in lowered), None)
        if target is None or target == coll.name:
            continue
        pk = _pk_of(drafts[target].table)
        if pk is None:
            continue
        fk = ForeignKey((fld.name,), target, (pk,))
        _link(coll, fld, fk, drafts, personal, owners, inferred=True)
    del dataset


def _link(
    coll: CollectionDraft,
    fld: FieldDraft,
    fk: ForeignKey,
    drafts: dict[str, CollectionDraft],
    personal: set[str],
    owners: set[str],
    *,
    inferred: bool,
) -> None:
    target = fk.table
    how = "inferred from the name, no foreign key" if inferred else "foreign key"
    role = any(w in _ROLE_WORDS for w in words_of(fld.name))
    if target == coll.name:
        ref = RefDraft(target, fk.referred[0], None, inferred, f"{how}; a row of the same table")
    elif role or (coll.name in owners and target in owners):
        ref = RefDraft(
            target,
            fk.referred[0],
            None,
            inferred,
            f"{how}; a person in another role (staff, manager), not this row's owner",
        )
    elif target in personal:
        ref = RefDraft(target, fk.referred[0], "from", inferred, how)
    elif coll.name in owners and drafts[target].personal:
        ref = RefDraft(target, fk.referred[0], "to", inferred, how)
    else:
        ref = RefDraft(target, fk.referred[0], None, inferred, f"{how}; no personal data there")
    fld.references.append(ref)
    if fld.category == NOT_PERSONAL and ref.direction is not None and target in owners:
        fld.category = "user.unique_id"  # it names a person


def _erase(fld: FieldDraft, coll: CollectionDraft) -> None:
    """The least destructive action the column's constraints allow."""
    if not fld.personal or fld.column.primary_key or fld.references:
        return
    col = fld.column
    if col.unique:
        if col.kind == "text" and (col.length is None or col.length >= HMAC_LENGTH):
            fld.erase, fld.erase_reason = "hmac", "unique: an HMAC keeps values distinct"
        else:
            fld.erase = "delete_row"
            fld.erase_reason = "unique and too short for an HMAC: the row goes"
        return
    if col.checked:
        fld.erase, fld.erase_reason = "delete_row", "a check constraint limits its values"
        return
    if col.nullable:
        fld.erase, fld.erase_reason = "nullify", "nullable"
        return
    if col.kind == "text":
        fld.erase = {"action": "fixed", "value": ""}
        fld.erase_reason = "NOT NULL text: an empty string"
        return
    fld.erase = "delete_row"
    fld.erase_reason = f"NOT NULL {col.type} without a neutral value: the row goes"
    del coll
