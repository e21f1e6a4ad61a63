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
from kept.manifest.operations import ChildrenConfig, Deidentification, SupportConfig
from kept.manifest.rectification import Rectification
from kept.manifest.request_policy import DefaultPolicy, RequestPolicy
from kept.manifest.retention import Retention

__all__ = [
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
    "Manifest",
    "Notice",
    "Organization",
    "ProhibitedCategory",
    "Prohibitions",
    "Purpose",
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


class Store(KeptModel):
    """A database Kept reads and writes: a SQLAlchemy URL whose secrets come from ${VAR}."""

    name: Key
    url: str
    datasets: list[Key] = []
    db_schema: str | None = Field(default=None, alias="schema")
    description: str | None = None


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
    source: Source | None = None

    def field(self, name: str) -> DatasetField | None:
        return next((f for f in self.fields if f.name == name), None)


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


class Safeguard(str, Enum):
    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    DPF = "dpf"
    DEROGATION = "derogation"
    CONSENT = "consent"


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
    transfer_safeguard: Safeguard | None = None
    sale: bool = False
    sharing: bool = False
    url: str | None = None
    notify: RecipientNotify | None = None

    @property
    def all_countries(self) -> list[str]:
        return ([self.country] if self.country else []) + list(self.countries)


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


class Prohibitions(KeptModel):
    """What must never exist: data categories anywhere, sale, third-party marketing."""

    never: list[ProhibitedCategory] = []
    no_sale: bool = False
    no_sharing: bool = False
    no_third_party_marketing: bool = False


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
    waivers: list[Waiver] = []
    consent: ConsentConfig = ConsentConfig()
    retention: Retention = Retention()
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
