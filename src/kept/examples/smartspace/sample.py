"""VividTech SmartSpace's sample database: a multi-tenant smart-locker platform.

Three tenants (Acme, Globex, Initech), each with its settings (retention within the
platform's bounds, enforced by CHECK constraints), users synced from Microsoft Entra ID (name,
e-mail, phone, role; no password column: authentication is Entra ID's), lockers with GPS
coordinates, packages with sender and recipient details (including external recipients who
have no account and are known only by e-mail or phone), the e-mail and SMS notification log,
support tickets and feedback, access logs, cookie records and the tenant's billing reference at
the payment processor (no card data). Every table carries ``tenant_id``.

Everything is SQLAlchemy Core with portable types, so the same generator fills SQLite,
PostgreSQL and MariaDB. The data is deterministic for a seed; timestamps are spread over the
last four and a half years before ``now``, so tenant retention settings (30 days to 3 years)
find rows on both sides.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import sqlalchemy as sa

from kept.examples import fake
from kept.examples._sample import Row, Sample, fk, naive_utc, pk, timestamp, write

__all__ = ["BOUNDS", "TABLES", "generate", "metadata"]

HISTORY_DAYS = 4.5 * 365

# The platform's bounds for the retention a tenant administrator may set (VTS-25), in days.
BOUNDS: dict[str, tuple[int, int]] = {
    "package_retention_days": (30, 1095),
    "log_retention_days": (7, 365),
    "notification_retention_days": (7, 365),
}

metadata = sa.MetaData()


def _tenant() -> sa.Column[int]:
    return fk("tenant_id", "tenants.id")


tenants = sa.Table(
    "tenants",
    metadata,
    pk(autoincrement=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("street", sa.String(120), nullable=False),
    sa.Column("city", sa.String(80), nullable=False),
    sa.Column("postal_code", sa.String(16), nullable=False),
    sa.Column("country", sa.String(2), nullable=False),
    timestamp("created_at", nullable=False),
)

tenant_settings = sa.Table(
    "tenant_settings",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    *(sa.Column(name, sa.Integer, nullable=False) for name in BOUNDS),
    sa.Column("employees_see_only_own", sa.Boolean, nullable=False),
    sa.Column("sms_notifications", sa.Boolean, nullable=False),
    timestamp("updated_at", nullable=False),
    sa.UniqueConstraint("tenant_id", name="uq_tenant_settings_tenant"),
    *(
        sa.CheckConstraint(f"{name} BETWEEN {low} AND {high}", name=f"ck_{name}_bounds")
        for name, (low, high) in BOUNDS.items()
    ),
)

tenant_billing = sa.Table(
    "tenant_billing",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    sa.Column("processor", sa.String(40), nullable=False),
    sa.Column("customer_ref", sa.String(40), nullable=False),
    sa.Column("payment_method_ref", sa.String(40), nullable=False),
    sa.Column("billing_contact_name", sa.String(120)),
    sa.Column("billing_contact_email", sa.String(254), index=True),
    sa.Column("billing_contact_phone", sa.String(20), index=True),
    timestamp("updated_at", nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    sa.Column("entra_object_id", sa.String(36), nullable=False, unique=True),
    sa.Column("email", sa.String(254), nullable=False, index=True),
    sa.Column("display_name", sa.String(120), nullable=False),
    sa.Column("phone", sa.String(20), index=True),
    sa.Column("job_title", sa.String(80)),
    sa.Column("role", sa.String(20), nullable=False),  # tenant_admin | mailroom | employee
    sa.Column("status", sa.String(10), nullable=False),  # active | disabled
    timestamp("created_at", nullable=False),
    timestamp("synced_at", nullable=False),
    timestamp("last_login_at"),
    sa.Column("notice_version_seen", sa.String(20)),
    timestamp("minor_reported_at"),
)

lockers = sa.Table(
    "lockers",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    sa.Column("site_name", sa.String(80), nullable=False),
    sa.Column("latitude", sa.Double, nullable=False),
    sa.Column("longitude", sa.Double, nullable=False),
    sa.Column("compartments", sa.Integer, nullable=False),
    timestamp("installed_at", nullable=False),
)

packages = sa.Table(
    "packages",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    sa.Column("tracking_number", sa.String(40), nullable=False),
    sa.Column("carrier", sa.String(40), nullable=False),
    sa.Column("description", sa.String(200)),
    sa.Column("sender_name", sa.String(120)),
    sa.Column("sender_company", sa.String(120)),
    fk("recipient_user_id", "users.id", nullable=True, ondelete="SET NULL"),
    sa.Column("recipient_name", sa.String(120)),
    sa.Column("recipient_email", sa.String(254), index=True),
    sa.Column("recipient_phone", sa.String(20), index=True),
    sa.Column("delivery_street", sa.String(120)),
    sa.Column("delivery_postal_code", sa.String(16)),
    sa.Column("delivery_city", sa.String(80)),
    fk("locker_id", "lockers.id", nullable=True),
    sa.Column("compartment", sa.Integer),
    sa.Column("status", sa.String(16), nullable=False),  # in_locker | picked_up | returned
    timestamp("received_at", nullable=False),
    timestamp("notified_at"),
    timestamp("picked_up_at"),
    fk("handled_by_user_id", "users.id", nullable=True, ondelete="SET NULL"),
)

notifications = sa.Table(
    "notifications",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    fk("package_id", "packages.id"),
    fk("user_id", "users.id", nullable=True, ondelete="SET NULL"),
    sa.Column("channel", sa.String(8), nullable=False),  # email | sms
    sa.Column("to_email", sa.String(254), index=True),
    sa.Column("to_phone", sa.String(20), index=True),
    sa.Column("template", sa.String(40), nullable=False),
    sa.Column("delivery_status", sa.String(12), nullable=False),
    sa.Column("provider_message_id", sa.String(64), nullable=False),
    timestamp("sent_at", nullable=False),
)

support_tickets = sa.Table(
    "support_tickets",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    fk("user_id", "users.id"),
    sa.Column("kind", sa.String(10), nullable=False),  # support | feedback
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),  # open | closed
    timestamp("created_at", nullable=False),
    timestamp("closed_at"),
)

access_logs = sa.Table(
    "access_logs",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    fk("user_id", "users.id", nullable=True),
    sa.Column("ip_address", sa.String(45), nullable=False, index=True),
    sa.Column("user_agent", sa.String(200), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("status_code", sa.Integer, nullable=False),
    timestamp("occurred_at", nullable=False),
)

cookie_records = sa.Table(
    "cookie_records",
    metadata,
    pk(autoincrement=True),
    _tenant(),
    fk("user_id", "users.id", nullable=True),
    sa.Column("cookie_id", sa.String(64), nullable=False, index=True),
    sa.Column("cookie_name", sa.String(40), nullable=False),
    sa.Column("category", sa.String(12), nullable=False),  # essential|preference|analytics|security
    sa.Column("persistent", sa.Boolean, nullable=False),
    timestamp("set_at", nullable=False),
    timestamp("expires_at"),
)

TABLES: tuple[str, ...] = tuple(t.name for t in metadata.sorted_tables)
"""The example's tables, parents before children."""

# ----------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _TenantSpec:
    name: str
    domain: str
    city: str
    country: str
    latitude: float
    longitude: float
    share: float  # share of the users
    settings: tuple[int, int, int]  # package, log, notification retention (days)
    sms: bool


DEFAULT_SETTINGS = (365, 180, 90)  # package, log, notification retention (days)
TENANTS = (
    # Acme shortened its retention (packages 90 days, logs 30 days); Globex keeps the defaults.
    _TenantSpec("Acme Corporation", "acme.example", "Oslo", "NO", 59.9139, 10.7522, 0.45,
                (90, 30, 90), True),
    _TenantSpec("Globex AB", "globex.example", "Stockholm", "SE", 59.3293, 18.0686, 0.35,
                DEFAULT_SETTINGS, True),
    _TenantSpec("Initech AS", "initech.example", "Bergen", "NO", 60.3913, 5.3221, 0.20,
                (180, 90, 60), False),
)  # fmt: skip
JOB_TITLES = (
    "Engineer",
    "Accountant",
    "Sales Manager",
    "Office Manager",
    "Designer",
    "Analyst",
    "Consultant",
    "Team Lead",
)
SITES = ("HQ Lobby", "HQ Floor 3", "Warehouse Gate", "Annex Entrance", "Canteen", "Garage")
CARRIERS = ("PostNord", "Bring", "DHL Express", "UPS", "Budbee", "Instabox")
SENDER_COMPANIES = ("Nordic Books", "Office Supplies AS", "Tech Parts AB", "Fjord Outdoor", None)
DESCRIPTIONS = (
    "Small parcel",
    "Document envelope",
    "Box (medium)",
    "Large box",
    "Temperature-sensitive parcel",
    "Fragile parcel",
)
SUPPORT_SUBJECTS = (
    ("support", "Locker compartment does not open"),
    ("support", "Notification SMS not received"),
    ("support", "Cannot sign in after Entra ID change"),
    ("support", "Package shows wrong locker"),
    ("feedback", "Suggestion: weekly pickup summary"),
    ("feedback", "The new dashboard is much faster"),
)
SUPPORT_BODIES = (
    "It happened twice this week at the same locker.",
    "Several colleagues in our office see the same.",
    "Please advise, the mailroom is waiting.",
    "No urgency, just letting you know.",
)
ACTIONS = (
    "sign_in",
    "package.list",
    "package.view",
    "package.pickup",
    "locker.status",
    "settings.update",
    "report.export",
)
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/126.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/17.5",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Mobile Safari/17.5",
    "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile",
)
COOKIES = (  # name, category, persistent (VTS-28)
    ("ss_session", "essential", False),
    ("ss_csrf", "security", False),
    ("ss_prefs", "preference", True),
    ("ss_analytics", "analytics", True),
)
NOTICE_VERSION = "2025-01"  # "Last Updated: January 2025" (VTS-01)
NOTICE_DATE = dt.datetime(2025, 1, 1)


# ----------------------------------------------------------------------------- generation


def generate(
    engine: sa.Engine, *, people: int = 300, seed: int = 0, now: dt.datetime | None = None
) -> dict[str, int]:
    """(Re)create SmartSpace's tables in ``engine`` and fill them; returns rows per table.

    ``people`` is the number of users across the tenants; a third as many external package
    recipients (without an account) come on top. The same ``seed`` and ``now`` give the same
    rows on every database.
    """
    sample = Sample(metadata, random.Random(seed), naive_utc(now))
    _fill(sample, max(people, len(TENANTS)))
    write(engine, sample)
    return sample.counts(TABLES)


def _fill(s: Sample, people: int) -> None:
    users_by_tenant: dict[int, list[Row]] = {}
    lockers_by_tenant: dict[int, list[Row]] = {}
    index = 0
    for spec in TENANTS:
        tenant_id, created = _tenant_rows(s, spec)
        lockers_by_tenant[tenant_id] = _lockers(s, tenant_id, spec, created)
        count = max(1, round(people * spec.share))
        users = []
        for n in range(count):
            index += 1
            users.append(_user(s, tenant_id, spec, created, index, n))
        users_by_tenant[tenant_id] = users
    externals = [fake.person(s.rng, 500_000 + i) for i in range(max(1, people // 3))]
    for tenant_id, users in users_by_tenant.items():
        spec = TENANTS[tenant_id - 1]
        for _ in range(len(users) * 3):
            _package(s, tenant_id, spec, users, lockers_by_tenant[tenant_id], externals)
        for user in users:
            _activity(s, tenant_id, user)


def _tenant_rows(s: Sample, spec: _TenantSpec) -> tuple[int, dt.datetime]:
    created = s.ago(HISTORY_DAYS) - dt.timedelta(days=60)
    tenant_id = s.add(
        "tenants",
        {
            "name": spec.name,
            "street": fake.street(s.rng),
            "city": spec.city,
            "postal_code": f"{s.rng.randint(1000, 9999)}",
            "country": spec.country,
            "created_at": created,
        },
    )
    packages_days, log_days, notification_days = spec.settings
    s.add(
        "tenant_settings",
        {
            "tenant_id": tenant_id,
            "package_retention_days": packages_days,
            "log_retention_days": log_days,
            "notification_retention_days": notification_days,
            "employees_see_only_own": True,  # VTS-11: the administrator decides
            "sms_notifications": spec.sms,
            "updated_at": s.between(created),
        },
    )
    contact = fake.person(s.rng, 900_000 + tenant_id)
    s.add(
        "tenant_billing",
        {
            "tenant_id": tenant_id,
            "processor": "payment-processor",
            "customer_ref": "cus_" + fake.token(s.rng, 14),
            "payment_method_ref": "pm_" + fake.token(s.rng, 24),
            "billing_contact_name": contact.full_name,
            "billing_contact_email": _work_email(contact, spec, 900_000 + tenant_id),
            "billing_contact_phone": contact.phone,
            "updated_at": s.between(created),
        },
    )
    return tenant_id, created


def _work_email(person: fake.Person, spec: _TenantSpec, index: int) -> str:
    return f"{person.first_name.lower()}.{person.last_name.lower()}{index}@{spec.domain}"


def _lockers(s: Sample, tenant_id: int, spec: _TenantSpec, created: dt.datetime) -> list[Row]:
    rows = []
    for site in s.rng.sample(SITES, s.rng.randint(3, len(SITES))):
        for bank in range(1, s.rng.randint(2, 4)):
            s.add(
                "lockers",
                {
                    "tenant_id": tenant_id,
                    "site_name": f"{spec.name.split()[0]} {site} {bank}",
                    "latitude": round(spec.latitude + s.rng.uniform(-0.02, 0.02), 6),
                    "longitude": round(spec.longitude + s.rng.uniform(-0.04, 0.04), 6),
                    "compartments": s.rng.choice((24, 36, 48)),
                    "installed_at": s.after(created, 24 * 60),
                },
            )
            rows.append(s.rows["lockers"][-1])
    return rows


def _user(
    s: Sample, tenant_id: int, spec: _TenantSpec, tenant_created: dt.datetime, index: int, n: int
) -> Row:
    """A user as synced from Microsoft Entra ID: no password (VTS-02, VTS-03)."""
    person = fake.person(s.rng, index)
    role = "tenant_admin" if n < 2 else "mailroom" if n < 5 else "employee"
    created = s.between(tenant_created)
    last_login = s.between(created) if s.rng.random() < 0.9 else None
    s.add(
        "users",
        {
            "tenant_id": tenant_id,
            "entra_object_id": s.uuid4(),
            "email": _work_email(person, spec, index),
            "display_name": person.full_name,
            "phone": person.phone if s.rng.random() < 0.85 else None,
            "job_title": "Mailroom Clerk" if role == "mailroom" else s.rng.choice(JOB_TITLES),
            "role": role,
            "status": "active" if n < 5 or s.rng.random() < 0.92 else "disabled",
            "created_at": created,
            "synced_at": s.ago(2),
            "last_login_at": last_login,
            # VTS-34: the notice version the user saw at their last sign-in.
            "notice_version_seen": NOTICE_VERSION
            if last_login and last_login >= NOTICE_DATE
            else None,
            # VTS-31: a parent reported that the user is under 18.
            "minor_reported_at": s.ago(30) if s.rng.random() < 0.005 else None,
        },
    )
    return s.rows["users"][-1]


def _package(
    s: Sample,
    tenant_id: int,
    spec: _TenantSpec,
    users: list[Row],
    lockers: list[Row],
    externals: list[fake.Person],
) -> None:
    rng = s.rng
    received = s.ago(HISTORY_DAYS)
    recipient: Row | None = None
    external: fake.Person | None = None
    if rng.random() < 0.75:
        recipient = rng.choice(users)
        received = max(received, recipient["created_at"])
    else:  # VTS-05: a recipient without an account, known by e-mail and/or phone
        external = rng.choice(externals)
    staff = [u for u in users if u["role"] == "mailroom"] or users
    locker = rng.choice(lockers)
    age = (s.now - received).days
    status = "in_locker" if age < 3 else rng.choices(("picked_up", "returned"), (95, 5))[0]
    notified = s.after(received, 0.5)
    email, phone = _contact(rng, external)
    sender_company = rng.choice(SENDER_COMPANIES)
    sender = fake.person(rng, 700_000 + len(s.rows["packages"]))
    package_id = s.add(
        "packages",
        {
            "tenant_id": tenant_id,
            "tracking_number": f"{rng.choice('ABCDEFGH')}{rng.randint(10**11, 10**12 - 1)}",
            "carrier": rng.choice(CARRIERS),
            "description": rng.choice(DESCRIPTIONS),
            "sender_name": sender.full_name if sender_company is None else None,
            "sender_company": sender_company,
            "recipient_user_id": recipient["id"] if recipient else None,
            "recipient_name": recipient["display_name"] if recipient else _name(external),
            "recipient_email": recipient["email"] if recipient else email,
            "recipient_phone": recipient["phone"] if recipient else phone,
            "delivery_street": external.street if external else None,
            "delivery_postal_code": external.postal_code if external else None,
            "delivery_city": external.city if external else None,
            "locker_id": locker["id"],
            "compartment": rng.randint(1, locker["compartments"]),
            "status": status,
            "received_at": received,
            "notified_at": notified,
            "picked_up_at": s.after(notified, 24 * 4) if status == "picked_up" else None,
            "handled_by_user_id": rng.choice(staff)["id"],
        },
    )
    _notifications(s, tenant_id, spec, package_id, recipient)


def _name(person: fake.Person | None) -> str | None:
    return person.full_name if person else None


def _contact(rng: random.Random, person: fake.Person | None) -> tuple[str | None, str | None]:
    """The e-mail and phone on an external recipient's package: at least one of them, so the
    recipient can be found (VTS-05)."""
    if person is None:
        return None, None
    email = person.email if rng.random() < 0.9 else None
    phone = person.phone if email is None or rng.random() < 0.7 else None
    return email, phone


def _notifications(
    s: Sample, tenant_id: int, spec: _TenantSpec, package_id: int, recipient: Row | None
) -> None:
    """Package-status messages by e-mail and, where the tenant enabled it, SMS (VTS-09)."""
    package = s.rows["packages"][package_id - 1]
    email, phone = package["recipient_email"], package["recipient_phone"]
    templates = ["package_arrived"]
    if package["status"] != "in_locker" and s.rng.random() < 0.2:
        templates.append("pickup_reminder")
    if package["status"] == "returned":
        templates.append("package_returned")
    sent = package["notified_at"]
    for template in templates:
        channels = [c for c, to in (("email", email), ("sms", phone)) if to]
        if not spec.sms:
            channels = [c for c in channels if c == "email"]
        for channel in channels:
            s.add(
                "notifications",
                {
                    "tenant_id": tenant_id,
                    "package_id": package_id,
                    "user_id": recipient["id"] if recipient else None,
                    "channel": channel,
                    "to_email": email if channel == "email" else None,
                    "to_phone": phone if channel == "sms" else None,
                    "template": template,
                    "delivery_status": s.rng.choices(("delivered", "failed"), (97, 3))[0],
                    "provider_message_id": fake.token(s.rng, 32),
                    "sent_at": sent,
                },
            )
        sent = s.after(sent, 24 * 2)


def _activity(s: Sample, tenant_id: int, user: Row) -> None:
    """Support requests, access-log lines and cookies of one user."""
    rng = s.rng
    tickets = rng.choice((1, 2, 3) if user["role"] == "tenant_admin" else (0, 1, 1, 2))
    for _ in range(tickets):
        kind, subject = rng.choice(SUPPORT_SUBJECTS)
        created = s.between(user["created_at"])
        still_open = (s.now - created).days < 14 and rng.random() < 0.5
        s.add(
            "support_tickets",
            {
                "tenant_id": tenant_id,
                "user_id": user["id"],
                "kind": kind,
                "subject": subject,
                "body": rng.choice(SUPPORT_BODIES),
                "status": "open" if still_open else "closed",
                "created_at": created,
                "closed_at": None if still_open else s.after(created, 24 * 10),
            },
        )
    start = max(user["created_at"], s.now - dt.timedelta(days=730))
    agent = rng.choice(USER_AGENTS)
    for _ in range(rng.randint(3, 8)):
        s.add(
            "access_logs",
            {
                "tenant_id": tenant_id,
                "user_id": user["id"],
                "ip_address": fake.ipv4(rng),
                "user_agent": agent,
                "action": rng.choice(ACTIONS),
                "status_code": rng.choices((200, 302, 403, 500), (85, 8, 5, 2))[0],
                "occurred_at": s.between(start),
            },
        )
    for name, category, persistent in rng.sample(COOKIES, rng.randint(1, len(COOKIES))):
        set_at = s.between(start)
        s.add(
            "cookie_records",
            {
                "tenant_id": tenant_id,
                "user_id": user["id"],
                "cookie_id": fake.token(rng, 32),
                "cookie_name": name,
                "category": category,
                "persistent": persistent,
                "set_at": set_at,
                "expires_at": set_at + dt.timedelta(days=365) if persistent else None,
            },
        )
