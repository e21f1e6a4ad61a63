"""The privacy manifest as Pydantic models.

Datasets follow the fideslang Dataset shape (``dataset`` → ``collections`` → ``fields`` with
``data_categories`` and ``fides_meta``) so that a Fides dataset file is read unchanged; Kept adds
``erase`` (per-field and per-collection erasure actions) and ``tenant_column``. Everything else
(organization, notice, stores, purposes, recipients, subjects, rights, prohibitions) is Kept's
own. Semantic rules that need the whole manifest (taxonomy keys, duplicates) live in
:mod:`kept.manifest.validation`; consistency findings live in :mod:`kept.check`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from kept.manifest.base import KeptModel, Key, TaxonomyKey
from kept.manifest.consent import ConsentConfig
from kept.manifest.data_checks import DataChecks
from kept.manifest.operations import ChildrenConfig, Deidentification, SupportConfig
from kept.manifest.rectification import Rectification
from kept.manifest.request_policy import DefaultPolicy, RequestPolicy
from kept.manifest.retention import Retention

__all__ = [
    "CheckConfig",
    "Collection",
    "CollectionMeta",
    "Contact",
    "Dataset",
    "DatasetField",
    "DatasetMeta",
    "Erasure",
    "ErasureAction",
    "FieldMeta",
    "IdentityKind",
    "LegalBasis",
    "Location",
    "LocationPolicy",
    "Manifest",
    "Notice",
    "Organization",
    "ProhibitedCategory",
    "ProhibitedRecipient",
    "ProhibitedTracker",
    "ProhibitedUse",
    "Prohibitions",
    "Purpose",
    "PurposeLimit",
    "Recipient",
    "RecipientNotify",
    "RecipientRole",
    "Reference",
    "Right",
    "RightOffer",
    "Safeguard",
    "Source",
    "SourceKind",
    "Store",
    "SubjectGroup",
    "TaxonomyKey",
    "Waiver",
]

Location = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
"""Where data is: an ISO 3166-1 alpha-2 country (``US``, ``NO``) or an ISO 3166-2 subdivision
(``NO-03``: Oslo, ``US-CA``); checked against ``pycountry`` when the manifest is read."""


def _locations(one: str | None, many: list[str]) -> list[str]:
    return ([one] if one else []) + [m for m in many if m != one]


# --------------------------------------------------------------------------- organization


class Contact(KeptModel):
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    address: str | None = None


class Organization(KeptModel):
    name: str
    legal_name: str | None = None
    description: str | None = None
    website: str | None = None
    country: str | None = None
    contacts: list[Contact] = []
    dpo: Contact | None = None
    representative: Contact | None = None
    supervisory_authority: Contact | None = None
    jurisdictions: list[Literal["eu", "eea", "uk", "us", "us-ca", "no", "ch", "sg", "jp", "other"]]
    response_deadline_days: int | None = Field(default=None, ge=1, le=366)
    response_deadline_firm: bool = True
    minimum_age: int | None = Field(default=None, ge=0, le=21)
    security_measures: str | None = None  # Art. 30(1)(g): a general description, for the ROPA


class Notice(KeptModel):
    """The published privacy notice (policy) this manifest states."""

    version: str
    effective: dt.date | None = None
    last_updated: dt.date | None = None
    url: str | None = None
    language: str = "en"
    review_every_months: int | None = Field(default=None, ge=1)
    last_reviewed: dt.date | None = None
    # What Art. 13/14 require that the rest of the manifest cannot say (docs/records.md).
    provision_requirement: str | None = None
    automated_decisions: str | None = None
    children: str | None = None
    safeguards_copy: str | None = None


# --------------------------------------------------------------------------- stores


class Safeguard(str, Enum):
    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    DPF = "dpf"
    DEROGATION = "derogation"
    CONSENT = "consent"


class Store(KeptModel):
    """A database Kept reads and writes: a SQLAlchemy URL whose secrets come from ${VAR}."""

    name: Key
    url: str
    datasets: list[Key] = []
    db_schema: str | None = Field(default=None, alias="schema")
    description: str | None = None
    location: Location | None = None
    """Where the store's data is kept (``US``, or ``NO-03`` for Oslo); ``locations`` for a store
    kept in several places (replicas, backups). Checked against the manifest's ``locations``."""
    locations: list[Location] = []
    transfer_safeguard: Safeguard | None = None
    """The safeguard under which a store outside the policy's locations is kept there."""

    @property
    def all_locations(self) -> list[str]:
        return _locations(self.location, self.locations)


# --------------------------------------------------------------------------- datasets


class SourceKind(str, Enum):
    DATA_SUBJECT = "data_subject"
    RESELLER = "reseller"
    PUBLIC_REGISTER = "public_register"
    CONTROLLER = "controller"
    OTHER = "other"


class Source(KeptModel):
    """Where a collection's or a field's data comes from (GDPR Art. 14(2)(f), 15(1)(g)).

    ``column`` names a column of the same row that says which source each row came from
    (e.g. the reseller's name); ``public`` marks publicly accessible sources.
    """

    kind: SourceKind
    name: str | None = None
    column: str | None = None
    public: bool = False
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"kind": data} if isinstance(data, str) else data


class ErasureAction(str, Enum):
    DELETE_ROW = "delete_row"
    NULLIFY = "nullify"
    FIXED = "fixed"
    HASH = "hash"
    HMAC = "hmac"
    KEEP = "keep"


class Erasure(KeptModel):
    """What an erasure does to a field (or, on a collection, to the row)."""

    action: ErasureAction
    value: Any = None
    ground: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = {"action": data}
        if isinstance(data, dict) and data.get("action") == "null":
            # YAML reads a bare `null` as "nothing"; the quoted word means the action.
            data = {**data, "action": "nullify"}
        return data

    @model_validator(mode="after")
    def _needs(self) -> Erasure:
        if self.action is ErasureAction.KEEP and not self.ground:
            raise ValueError("'keep' needs a 'ground': the legal reason the value is kept")
        if self.action is ErasureAction.FIXED and self.value is None:
            raise ValueError("'fixed' needs a 'value' to write in place of the personal data")
        return self


class Reference(KeptModel):
    dataset: Key
    field: str
    direction: Literal["to", "from"] | None = None


class FieldMeta(KeptModel):
    """fideslang's ``fides_meta`` for a field; every Fides key is accepted."""

    references: list[Reference] | None = None
    identity: str | list[str] | None = None
    """The identity kind the field holds, or several (``[email, phone_number]``): the field is
    then matched against each kind's identities."""
    primary_key: bool | None = None
    data_type: str | None = None
    length: int | None = None
    return_all_elements: bool | None = None
    read_only: bool | None = None
    custom_request_field: str | None = None
    masking_strategy_override: dict[str, Any] | None = None
    redact: str | None = None

    @property
    def identity_kinds(self) -> tuple[str, ...]:
        """The identity kinds the field holds (none, one or several)."""
        if self.identity is None:
            return ()
        return (self.identity,) if isinstance(self.identity, str) else tuple(self.identity)


class DatasetField(KeptModel):
    name: str
    description: str | None = None
    data_categories: list[TaxonomyKey] | None = None
    data_uses: list[TaxonomyKey] | None = None
    data_purposes: list[str] | None = None
    data_subjects: list[TaxonomyKey] | None = None
    fides_meta: FieldMeta | None = None
    fields: list[DatasetField] | None = None
    erase: Erasure | None = None
    rectify: Literal["self", "staff"] | None = None
    """Who applies a person's own rectification of this field (``docs/manifest.md``)."""
    source: Source | None = None

    @property
    def is_identity(self) -> bool:
        return bool(self.fides_meta and self.fides_meta.identity)

    @property
    def is_primary_key(self) -> bool:
        return bool(self.fides_meta and self.fides_meta.primary_key)

    @property
    def references(self) -> list[Reference]:
        return list(self.fides_meta.references or []) if self.fides_meta else []


class CollectionMeta(KeptModel):
    after: list[str] | None = None
    erase_after: list[str] | None = None
    skip_processing: bool | None = None
    masking_strategy_override: dict[str, Any] | None = None
    partitioning: dict[str, Any] | None = None
    redact: str | None = None


class Collection(KeptModel):
    name: str
    description: str | None = None
    data_categories: list[TaxonomyKey] | None = None
    data_uses: list[TaxonomyKey] | None = None
    data_purposes: list[str] | None = None
    data_subjects: list[TaxonomyKey] | None = None
    fields: list[DatasetField] = []
    fides_meta: CollectionMeta | None = None
    erase: Erasure | None = None
    tenant_column: str | None = None
    lookup: bool | None = None
    """Rows shared by many people (staff, tenants, products): a traversal may reach them but
    never goes on from them to other rows (so never to other people)."""
    reachable: bool | None = None
    """``false``: out of reach of a person's request on purpose (a staff directory, anonymous
    visitor data, organisation records), like fideslang's ``fides_meta.skip_processing``;
    ``unreachable_reason`` says why."""
    unreachable_reason: str | None = Field(default=None, min_length=1)
    source: Source | None = None

    @model_validator(mode="after")
    def _reason_given(self) -> Collection:
        if self.reachable is False and not self.unreachable_reason:
            raise ValueError(
                f"collection {self.name!r} says reachable: false without unreachable_reason: "
                "say why a person's request must not reach it (staff directory, anonymous "
                "visitor data, organisation records...)"
            )
        return self

    def field(self, name: str) -> DatasetField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def skipped(self) -> bool:
        """Whether rights requests leave this collection out on purpose: ``reachable: false``,
        or fideslang's ``fides_meta.skip_processing: true`` (unless ``reachable: true``)."""
        if self.reachable is not None:
            return not self.reachable
        return bool(self.fides_meta and self.fides_meta.skip_processing)


class DatasetMeta(KeptModel):
    resource_id: str | None = None
    after: list[str] | None = None
    namespace: dict[str, Any] | None = None
    redact: str | None = None


class Dataset(KeptModel):
    fides_key: Key
    organization_fides_key: str | None = None
    tags: list[str] | None = None
    name: str | None = None
    description: str | None = None
    meta: dict[str, Any] | None = None
    data_categories: list[TaxonomyKey] | None = None
    data_uses: list[TaxonomyKey] | None = None
    data_purposes: list[str] | None = None
    data_subjects: list[TaxonomyKey] | None = None
    fides_meta: DatasetMeta | None = None
    collections: list[Collection]
    tenant_column: str | None = None

    def collection(self, name: str) -> Collection | None:
        return next((c for c in self.collections if c.name == name), None)


# --------------------------------------------------------------------------- processing


class LegalBasis(str, Enum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_INTEREST = "public_interest"
    LEGITIMATE_INTERESTS = "legitimate_interests"


class Purpose(KeptModel):
    """Why data is processed: a fideslang data use with a legal basis."""

    key: Key
    name: str
    description: str | None = None
    data_use: TaxonomyKey
    legal_basis: LegalBasis | None = None
    legitimate_interest: str | None = None
    data_categories: list[TaxonomyKey] = []
    data_subjects: list[TaxonomyKey] = []
    retention: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _interest_stated(self) -> Purpose:
        if self.legal_basis is LegalBasis.LEGITIMATE_INTERESTS and not self.legitimate_interest:
            raise ValueError(
                "legal_basis 'legitimate_interests' needs 'legitimate_interest': "
                "the interest pursued (GDPR Art. 13(1)(d))"
            )
        return self


class RecipientRole(str, Enum):
    PROCESSOR = "processor"
    SUBPROCESSOR = "subprocessor"
    CONTROLLER = "controller"
    JOINT_CONTROLLER = "joint_controller"
    GROUP_COMPANY = "group_company"
    THIRD_PARTY = "third_party"
    PUBLIC_AUTHORITY = "public_authority"


class RecipientNotify(KeptModel):
    """How a recipient is told of an erasure, rectification or restriction (GDPR Art. 19).

    ``email``: a message to ``address``; ``webhook``: a JSON POST to ``url`` signed with
    HMAC-SHA256 (header ``X-Kept-Signature: sha256=<hex>``) keyed by the environment variable
    ``secret_env``; ``manual``: someone tells them and confirms it in Kept. Unconfirmed past
    ``deadline_days`` the notification is escalated.
    """

    method: Literal["email", "webhook", "manual"]
    address: str | None = None
    url: str | None = None
    secret_env: str | None = None
    deadline_days: int = Field(default=14, ge=1, le=365)

    @model_validator(mode="after")
    def _target(self) -> RecipientNotify:
        if self.method == "email" and not self.address:
            raise ValueError("notify method 'email' needs 'address'")
        if self.method == "webhook" and not (self.url and self.secret_env):
            raise ValueError("notify method 'webhook' needs 'url' and 'secret_env'")
        return self


class Recipient(KeptModel):
    """Who receives personal data: a processor, a group company, a partner, an authority."""

    name: str
    role: RecipientRole
    description: str | None = None
    purposes: list[Key] = []
    data_categories: list[TaxonomyKey] = []
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = []
    location: Location | None = None
    """Where the recipient holds the data, when a subdivision says more than a country
    (``NO-03``); ``locations`` for several. Their countries count as the recipient's countries."""
    locations: list[Location] = []
    transfer_safeguard: Safeguard | None = None
    sale: bool = False
    sharing: bool = False
    url: str | None = None
    notify: RecipientNotify | None = None

    @property
    def all_countries(self) -> list[str]:
        found = ([self.country] if self.country else []) + list(self.countries)
        for place in self.all_locations:
            if place[:2] not in found:
                found.append(place[:2])
        return found

    @property
    def all_locations(self) -> list[str]:
        """The declared locations, then each declared country not already inside one."""
        places = _locations(self.location, self.locations)
        countries = ([self.country] if self.country else []) + list(self.countries)
        return places + [c for c in countries if c not in {p[:2] for p in places}]


class SubjectGroup(KeptModel):
    """A kind of person whose data is processed (customers, package recipients, staff)."""

    key: TaxonomyKey
    name: str | None = None
    description: str | None = None
    has_account: bool | None = None


class Right(str, Enum):
    ACCESS = "access"
    PORTABILITY = "portability"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    OBJECTION = "objection"
    WITHDRAW_CONSENT = "withdraw_consent"
    MARKETING_OPT_OUT = "marketing_opt_out"
    SALE_OPT_OUT = "sale_opt_out"
    GROUP_SHARING_OPT_OUT = "group_sharing_opt_out"
    AUTOMATED_DECISIONS = "automated_decisions"
    COMPLAINT = "complaint"


class RightOffer(KeptModel):
    right: Right
    channels: list[str] = []
    note: str | None = None
    full_deletion: bool = False
    """For ``erasure``: the policy promises deletion without exception ("deleted entirely");
    whatever an erasure keeps is then reported as a ``conflict`` with both grounds."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"right": data} if isinstance(data, str) else data


class ProhibitedCategory(KeptModel):
    data_category: TaxonomyKey
    reason: str

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"data_category": data, "reason": "prohibited by the policy"}
        return data


class ProhibitedUse(KeptModel):
    """A data use no declaration may make: of any data, or of one category (and those under
    it). A bare string is the data use."""

    data_use: TaxonomyKey
    data_category: TaxonomyKey | None = None
    reason: str = "prohibited by the policy"

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"data_use": data} if isinstance(data, str) else data


class ProhibitedRecipient(KeptModel):
    """A kind of recipient that must not exist: every condition given must hold for a recipient
    to match (its role among ``roles``, it receives ``data_category`` or a category under it,
    one of its purposes has ``data_use`` or a use under it, its name is not in ``except``: the
    closed list of vendors a policy names)."""

    roles: list[RecipientRole] = []
    data_category: TaxonomyKey | None = None
    data_use: TaxonomyKey | None = None
    except_: list[str] = Field(default=[], alias="except")
    reason: str = "prohibited by the policy"

    @model_validator(mode="after")
    def _says_something(self) -> ProhibitedRecipient:
        if not (self.roles or self.data_category or self.data_use or self.except_):
            raise ValueError(
                "a prohibited recipient needs 'roles', 'data_category', 'data_use' or "
                "'except': which recipients are prohibited"
            )
        return self


class ProhibitedTracker(KeptModel):
    """A kind of tracker that must not be in the inventory: of a tracker ``category``
    (``marketing``), serving a purpose whose use is ``data_use`` or under it, or by a
    ``provider``. Every condition given must hold."""

    category: str | None = None
    data_use: TaxonomyKey | None = None
    provider: str | None = None
    reason: str = "prohibited by the policy"

    @model_validator(mode="after")
    def _says_something(self) -> ProhibitedTracker:
        if not (self.category or self.data_use or self.provider):
            raise ValueError(
                "a prohibited tracker needs 'category', 'data_use' or 'provider': "
                "which trackers are prohibited"
            )
        known = ("essential", "security", "preference", "analytics", "marketing")
        if self.category is not None and self.category not in known:
            raise ValueError(
                f"unknown tracker category {self.category!r} (one of: {', '.join(known)})"
            )
        return self


class Prohibitions(KeptModel):
    """What must never exist: data categories anywhere, sale, third-party marketing, data uses,
    kinds of recipient and kinds of tracker."""

    never: list[ProhibitedCategory] = []
    no_sale: bool = False
    no_sharing: bool = False
    no_third_party_marketing: bool = False
    uses: list[ProhibitedUse] = []
    recipients: list[ProhibitedRecipient] = []
    trackers: list[ProhibitedTracker] = []


class PurposeLimit(KeptModel):
    """Purpose limitation: a data category (and every category under it) may be used only for
    the listed ``purposes`` (keys of ``purposes:``) and ``data_uses`` (a use or one under it)."""

    data_category: TaxonomyKey
    purposes: list[Key] = []
    data_uses: list[TaxonomyKey] = []
    reason: str | None = None

    @model_validator(mode="after")
    def _allows_something(self) -> PurposeLimit:
        if not (self.purposes or self.data_uses):
            raise ValueError(
                f"the purpose limitation of {self.data_category!r} needs 'purposes' or "
                "'data_uses': what the category may be used for (to forbid every use, list "
                "it under prohibitions.never)"
            )
        return self


class LocationPolicy(KeptModel):
    """Where the policy says personal data is (``allowed``), and which transfer safeguards make
    a store or recipient elsewhere acceptable (``safeguards``; default: any declared one;
    ``adequacy`` also accepts a country with an adequacy decision without a declared one)."""

    allowed: list[Location] = []
    safeguards: list[Safeguard] | None = None
    reason: str | None = None


class CustomTaxonomyEntry(KeptModel):
    """A custom data category, use or subject in fideslang's own format."""

    fides_key: Key
    parent_key: Key | None = None
    name: str | None = None
    description: str | None = None
    organization_fides_key: str | None = None
    is_default: bool | None = None
    tags: list[str] | None = None
    version_added: str | None = None
    version_deprecated: str | None = None
    replaced_by: str | None = None
    active: bool | None = None


class Waiver(KeptModel):
    """A finding of ``kept check`` accepted on purpose, with the reason (like a lint ``noqa``).

    ``code`` is the finding's code (``transfer-without-safeguard``); ``target`` the finding's
    target (``recipient:HubSpot``), where ``*`` matches any run of characters.
    """

    code: str
    target: str = "*"
    reason: str


class CheckConfig(KeptModel):
    """Settings of ``kept check``: ``severity`` sets a finding code's severity (``error``,
    ``warning`` or ``note``) in place of its default (docs/check.md)."""

    severity: dict[str, Literal["error", "warning", "note"]] = {}


class IdentityKind(KeptModel):
    """An identity kind requests may name, and how its values are compared (see
    :mod:`kept.execution.identity`). A kind used by a field's ``fides_meta.identity`` and not
    listed here gets the default normalisation of its name."""

    kind: Key
    normalise: Literal["email", "phone", "casefold", "trim", "exact"] | None = None
    region: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    description: str | None = None


# --------------------------------------------------------------------------- manifest


class Manifest(KeptModel):
    """A whole privacy manifest (one file, or several merged)."""

    kept: int = 1
    organization: Organization | None = None
    notice: Notice | None = None
    stores: list[Store] = []
    dataset: list[Dataset] = []
    data_category: list[CustomTaxonomyEntry] = []
    data_use: list[CustomTaxonomyEntry] = []
    data_subject: list[CustomTaxonomyEntry] = []
    purposes: list[Purpose] = []
    recipients: list[Recipient] = []
    data_subjects: list[SubjectGroup] = []
    rights: list[RightOffer] = []
    prohibitions: Prohibitions = Prohibitions()
    purpose_limitation: list[PurposeLimit] = []
    locations: LocationPolicy = LocationPolicy()
    waivers: list[Waiver] = []
    check: CheckConfig = CheckConfig()
    consent: ConsentConfig = ConsentConfig()
    retention: Retention = Retention()
    data_checks: DataChecks = DataChecks()
    support: SupportConfig = SupportConfig()
    deidentify: list[Deidentification] = []
    children: ChildrenConfig = ChildrenConfig()
    policy: list[RequestPolicy] = []  # Fides policies (request policies with their rules)
    default_policy: DefaultPolicy | None = None

    identities: list[IdentityKind] = []

    rectification: Rectification = Rectification()

    def dataset_by_key(self, key: str) -> Dataset | None:
        return next((d for d in self.dataset if d.fides_key == key), None)

    def store_for(self, dataset_key: str) -> Store | None:
        """The store holding a dataset: the one listing it, or the only store."""
        for store in self.stores:
            if dataset_key in store.datasets:
                return store
        unlisted = [s for s in self.stores if not s.datasets]
        return unlisted[0] if len(unlisted) == 1 else None

    def purpose(self, key: str) -> Purpose | None:
        return next((p for p in self.purposes if p.key == key), None)
