"""vCloudPoint's sample database: accounts, devices, technical support and push notifications.

The tables are what vCloudPoint's privacy statement implies (see ``README.md`` beside this
file): accounts (including temporary accounts an agent creates for a caller, pending
activation), product registrations, support tickets with remote-access credentials, phone calls
with a recording-consent flag and recordings only where consent was given, communication and
survey records, shipping records, payment methods (cards masked to the last four digits plus a
processor token), payments, push-notification registrations and notifications, security IP
logs, opt-in device analytics that hold no identifier, consents, and the directory of the
support agents who take the calls (vCloudPoint's own staff, out of reach of customer requests).

Everything is SQLAlchemy Core with portable types, so the same generator fills SQLite,
PostgreSQL and MariaDB. The data is deterministic for a seed; timestamps are spread over the
last four and a half years before ``now``, so retention rules find rows on both sides of each
period (notifications around seven days, communication records around three years, resolved
and open tickets that still hold credentials).
"""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa

from kept.examples import fake
from kept.examples._sample import Sample, fk, naive_utc, pk, timestamp, write

__all__ = ["TABLES", "generate", "metadata"]

HISTORY_DAYS = 4.5 * 365

metadata = sa.MetaData()


accounts = sa.Table(
    "accounts",
    metadata,
    pk(autoincrement=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("full_name", sa.String(120), nullable=False),
    sa.Column("phone", sa.String(20), index=True),
    sa.Column("company", sa.String(120)),
    sa.Column("street", sa.String(120)),
    sa.Column("city", sa.String(80)),
    sa.Column("postal_code", sa.String(16)),
    sa.Column("country", sa.String(2)),
    sa.Column("status", sa.String(20), nullable=False),  # active | pending_activation
    sa.Column("created_by", sa.String(10), nullable=False),  # self | agent
    timestamp("created_at", nullable=False),
    timestamp("activated_at"),
    timestamp("child_reported_at"),
)

devices = sa.Table(
    "devices",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id"),
    sa.Column("model", sa.String(40), nullable=False),
    sa.Column("serial_number", sa.String(24), nullable=False, unique=True),
    sa.Column("firmware_version", sa.String(16), nullable=False),
    sa.Column("registration_ip", sa.String(45), nullable=False),
    timestamp("registered_at", nullable=False),
    sa.Column("warranty_until", sa.Date, nullable=False),
)

support_tickets = sa.Table(
    "support_tickets",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id", nullable=True, ondelete="SET NULL"),
    fk("device_id", "devices.id", nullable=True, ondelete="SET NULL"),
    sa.Column("channel", sa.String(10), nullable=False),  # web | chat | phone
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("product_model", sa.String(40), nullable=False),
    sa.Column("technical_details", sa.Text, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),  # open | escalated | resolved
    sa.Column("escalated_to", sa.String(40)),
    timestamp("opened_at", nullable=False),
    timestamp("resolved_at"),
)

remote_access_credentials = sa.Table(
    "remote_access_credentials",
    metadata,
    pk(autoincrement=True),
    fk("ticket_id", "support_tickets.id"),
    sa.Column("host", sa.String(45), nullable=False),
    sa.Column("port", sa.Integer, nullable=False),
    sa.Column("protocol", sa.String(10), nullable=False),
    sa.Column("login", sa.String(64), nullable=False),
    sa.Column("secret", sa.String(128), nullable=False),
    timestamp("provided_at", nullable=False),
)

support_calls = sa.Table(
    "support_calls",
    metadata,
    pk(autoincrement=True),
    fk("ticket_id", "support_tickets.id"),
    sa.Column("caller_phone", sa.String(20), nullable=False, index=True),
    timestamp("started_at", nullable=False),
    sa.Column("duration_seconds", sa.Integer, nullable=False),
    sa.Column("recording_consent", sa.Boolean, nullable=False),
    timestamp("consent_asked_at", nullable=False),
    sa.Column("agent_code", sa.String(12), nullable=False),
)

AGENTS = 40
"""Support agents; a call names one by its code (``AG-001`` ... ``AG-040``)."""

support_agents = sa.Table(
    "support_agents",
    metadata,
    pk(),
    sa.Column("agent_code", sa.String(12), nullable=False, unique=True),
    sa.Column("display_name", sa.String(80), nullable=False),
    sa.Column("work_email", sa.String(120), nullable=False),
)

call_recordings = sa.Table(
    "call_recordings",
    metadata,
    pk(autoincrement=True),
    fk("call_id", "support_calls.id"),
    sa.Column("audio_uri", sa.String(255), nullable=False),
    sa.Column("duration_seconds", sa.Integer, nullable=False),
    sa.Column("size_bytes", sa.Integer, nullable=False),
    timestamp("recorded_at", nullable=False),
    sa.UniqueConstraint("call_id", name="uq_call_recordings_call"),
)

communications = sa.Table(
    "communications",
    metadata,
    pk(autoincrement=True),
    fk("ticket_id", "support_tickets.id"),
    sa.Column("channel", sa.String(12), nullable=False),  # web | chat | email | phone_note
    sa.Column("direction", sa.String(8), nullable=False),  # inbound | outbound
    sa.Column("body", sa.Text, nullable=False),
    timestamp("sent_at", nullable=False),
)

surveys = sa.Table(
    "surveys",
    metadata,
    pk(autoincrement=True),
    fk("ticket_id", "support_tickets.id"),
    sa.Column("score", sa.Integer, nullable=False),
    sa.Column("comment", sa.String(500)),
    timestamp("submitted_at", nullable=False),
)

shipments = sa.Table(
    "shipments",
    metadata,
    pk(autoincrement=True),
    fk("ticket_id", "support_tickets.id"),
    sa.Column("recipient_name", sa.String(120), nullable=False),
    sa.Column("street", sa.String(120), nullable=False),
    sa.Column("city", sa.String(80), nullable=False),
    sa.Column("postal_code", sa.String(16), nullable=False),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("phone", sa.String(20), nullable=False, index=True),
    sa.Column("email", sa.String(254), nullable=False, index=True),
    sa.Column("carrier", sa.String(60), nullable=False),
    sa.Column("carrier_country", sa.String(2), nullable=False),
    sa.Column("tracking_number", sa.String(32), nullable=False),
    sa.Column("item", sa.String(80), nullable=False),
    timestamp("shipped_at", nullable=False),
)

payment_methods = sa.Table(
    "payment_methods",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id"),
    sa.Column("kind", sa.String(12), nullable=False),  # card | bank_account
    sa.Column("holder_name", sa.String(120), nullable=False),
    sa.Column("card_brand", sa.String(12)),
    sa.Column("card_last4", sa.String(4)),
    sa.Column("card_expiry", sa.String(7)),
    sa.Column("card_token", sa.String(64)),
    sa.Column("iban", sa.String(34)),
    timestamp("created_at", nullable=False),
)

payments = sa.Table(
    "payments",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id", nullable=True, ondelete="SET NULL"),
    fk("payment_method_id", "payment_methods.id", nullable=True, ondelete="SET NULL"),
    fk("ticket_id", "support_tickets.id", nullable=True),
    sa.Column("amount_cents", sa.Integer, nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("reason", sa.String(20), nullable=False),  # support_fee | shipping | spare_part
    sa.Column("processor_ref", sa.String(40), nullable=False),
    timestamp("paid_at", nullable=False),
)

push_registrations = sa.Table(
    "push_registrations",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id", nullable=True, ondelete="SET NULL"),
    sa.Column("hardware_model", sa.String(40), nullable=False),
    sa.Column("serial_number", sa.String(24), nullable=False),
    sa.Column("device_uid", sa.String(36), nullable=False, unique=True),
    sa.Column("destination_device_id", sa.String(64)),
    sa.Column("push_token", sa.String(200)),
    sa.Column("email", sa.String(254), index=True),
    timestamp("registered_at", nullable=False),
)

notifications = sa.Table(
    "notifications",
    metadata,
    pk(autoincrement=True),
    fk("registration_id", "push_registrations.id"),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("title", sa.String(120), nullable=False),
    sa.Column("body", sa.String(500), nullable=False),
    timestamp("created_at", nullable=False),
    timestamp("sent_at"),
)

security_logs = sa.Table(
    "security_logs",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id", nullable=True, ondelete="SET NULL"),
    sa.Column("ip_address", sa.String(45), nullable=False, index=True),
    sa.Column("user_agent", sa.String(200), nullable=False),
    sa.Column("event", sa.String(30), nullable=False),
    timestamp("occurred_at", nullable=False),
    sa.Column("under_investigation", sa.Boolean, nullable=False),
    timestamp("archived_at"),
)

device_analytics = sa.Table(
    "device_analytics",
    metadata,
    pk(autoincrement=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("model", sa.String(40), nullable=False),
    sa.Column("firmware_version", sa.String(16), nullable=False),
    sa.Column("region", sa.String(8), nullable=False),
    sa.Column("metric", sa.String(40), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
)

consents = sa.Table(
    "consents",
    metadata,
    pk(autoincrement=True),
    fk("account_id", "accounts.id"),
    sa.Column("purpose", sa.String(32), nullable=False),  # device_analytics | call_recording
    sa.Column("granted", sa.Boolean, nullable=False),
    fk("call_id", "support_calls.id", nullable=True),
    sa.Column("method", sa.String(20), nullable=False),  # in_app | phone_agent
    timestamp("recorded_at", nullable=False),
)

TABLES: tuple[str, ...] = tuple(t.name for t in metadata.sorted_tables)
"""The example's tables, parents before children."""

# ----------------------------------------------------------------------------- vocabulary

MODELS = ("S100", "V1", "A1", "N100", "N130")
FIRMWARE = ("2.1.3", "2.2.0", "2.3.1", "2.4.0", "3.0.2")
SUBJECTS = (
    "Thin client cannot connect to the host",
    "Black screen after firmware update",
    "USB device not recognised",
    "Audio drops during video calls",
    "vMatrix licence activation fails",
    "Display resolution limited to 1024x768",
    "Device keeps rebooting",
    "Keyboard input lags in remote sessions",
)
FREQUENCY = ("every morning", "after sleep", "about once an hour", "on every start", "sometimes")
STEPS = (
    "power-cycle the client with the host running",
    "attach a USB webcam during a session",
    "switch the display to 1920x1080",
    "update firmware from the previous release",
    "start 20 concurrent sessions",
)
RESOLUTIONS = (
    "firmware update fixed it",
    "host network driver updated",
    "replacement unit shipped",
    "configuration corrected",
    "known issue, fix scheduled",
)
INBOUND = (
    "The problem is back since yesterday.",
    "I attached the screenshot you asked for.",
    "Restarting the host did not help.",
    "Which firmware version should we install?",
    "The replacement arrived, thank you.",
)
OUTBOUND = (
    "Please update the firmware to the latest release and restart the device.",
    "Could you send the vMatrix log bundle from the host?",
    "We have escalated the ticket to our engineers.",
    "A replacement unit is on its way.",
    "Can we close the ticket, or do you still see the problem?",
)
SURVEY_COMMENTS = (
    "Quick and helpful.",
    "Took too long to get a reply.",
    "The engineer solved it remotely.",
    "Good support, clear instructions.",
    None,
    None,
)
CARRIERS = (  # fictional logistics partners: name, country
    ("Nordic Freight AS", "NO"),
    ("EuroParcel GmbH", "DE"),
    ("Pacific Express Ltd", "CN"),
    ("Atlantic Courier Inc", "US"),
    ("Channel Logistics Ltd", "GB"),
)
ITEMS = ("replacement unit", "spare power adapter", "spare VGA cable", "replacement mainboard")
NOTIFICATION_TEXTS = (
    ("vMatrix Server Manager", "Host connection lost", "A client lost its host connection."),
    ("vMatrix Server Manager", "Licence expires soon", "A vMatrix licence expires in 14 days."),
    ("Firmware Update", "New firmware available", "Firmware 3.0.2 is ready to install."),
    ("Technical Support", "New reply on your ticket", "Support replied to your ticket."),
)
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/17.5",
    "Mozilla/5.0 (X11; Linux x86_64) Firefox/127.0",
    "vMatrix-Server-Manager/3.0",
)
SECURITY_EVENTS = ("sign_in", "sign_in_failed", "api_request", "ticket_view", "download")
METRICS = ("session_minutes", "reconnects", "frame_rate_avg", "usb_errors")
COMPANIES = ("Fjord Schools", "Nordlys Clinic", "Harbor Library", "Summit Labs", "Aurora Office")


# ----------------------------------------------------------------------------- generation


def generate(
    engine: sa.Engine, *, people: int = 300, seed: int = 0, now: dt.datetime | None = None
) -> dict[str, int]:
    """(Re)create vCloudPoint's tables in ``engine`` and fill them; returns rows per table.

    ``people`` is the number of accounts; the other tables scale with it. The same ``seed``
    and ``now`` give the same rows on every database.
    """
    sample = Sample(metadata, random.Random(seed), naive_utc(now))
    _fill(sample, people)
    write(engine, sample)
    return sample.counts(TABLES)


def _fill(s: Sample, people: int) -> None:
    for index in range(1, people + 1):
        person = fake.person(s.rng, index)
        account_id, created = _account(s, person)
        temporary = s.rows["accounts"][-1]["created_by"] == "agent"
        device_ids = [] if temporary else _devices(s, account_id, created)
        if not temporary:  # device analytics are opt-in (VCP-11), asked in the app
            _consent(s, account_id, "device_analytics", s.rng.random() < 0.35, "in_app", created)
        if not temporary and s.rng.random() < 0.8:
            _payment_methods(s, account_id, person, created)
        tickets = 1 if temporary else s.rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]
        for _ in range(tickets):
            _ticket(s, account_id, person, created, device_ids, phone_only=temporary)
        for device_id in device_ids:
            if s.rng.random() < 0.6:
                _push_registration(s, account_id, device_id)
        _security_logs(s, account_id, created)
    _anonymous_security_logs(s, people // 2)
    _device_analytics(s, people * 4 // 3)
    _agents(s)


def _agents(s: Sample) -> None:
    """The support agents' directory (drawn from nothing random: the other rows stay as they
    were)."""
    for n in range(1, AGENTS + 1):
        s.add(
            "support_agents",
            agent_code=f"AG-{n:03d}",
            display_name=f"Support agent {n:03d}",
            work_email=f"agent{n:03d}@support.vcloudpoint.example",
        )


def _account(s: Sample, person: fake.Person) -> tuple[int, dt.datetime]:
    created = s.ago(HISTORY_DAYS)
    temporary = s.rng.random() < 0.1
    activated: dt.datetime | None = created
    if temporary:  # created by an agent for a caller; the caller must enable it (VCP-36)
        activated = s.after(created, 24 * 10) if s.rng.random() < 0.6 else None
    full = not temporary
    account_id = s.add(
        "accounts",
        {
            "email": person.email,
            "full_name": person.full_name,
            "phone": person.phone,
            "company": s.rng.choice(COMPANIES) if full and s.rng.random() < 0.6 else None,
            "street": person.street if full else None,
            "city": person.city if full else None,
            "postal_code": person.postal_code if full else None,
            "country": person.country if full else None,
            "status": "active" if activated else "pending_activation",
            "created_by": "agent" if temporary else "self",
            "created_at": created,
            "activated_at": activated,
            "child_reported_at": s.after(created, 24 * 90) if s.rng.random() < 0.01 else None,
        },
    )
    return account_id, created


def _devices(s: Sample, account_id: int, created: dt.datetime) -> list[int]:
    ids = []
    for _ in range(s.rng.choice((1, 1, 2, 3))):
        model = s.rng.choice(MODELS)
        registered = s.between(created)
        ids.append(
            s.add(
                "devices",
                {
                    "account_id": account_id,
                    "model": model,
                    "serial_number": f"VCP{model}{s.rng.randint(10**9, 10**10 - 1)}",
                    "firmware_version": s.rng.choice(FIRMWARE),
                    "registration_ip": fake.ipv4(s.rng),
                    "registered_at": registered,
                    "warranty_until": (registered + dt.timedelta(days=730)).date(),
                },
            )
        )
    return ids


def _consent(
    s: Sample,
    account_id: int,
    purpose: str,
    granted: bool,
    method: str,
    when: dt.datetime,
    call_id: int | None = None,
) -> None:
    s.add(
        "consents",
        {
            "account_id": account_id,
            "purpose": purpose,
            "granted": granted,
            "call_id": call_id,
            "method": method,
            "recorded_at": when,
        },
    )


def _payment_methods(s: Sample, account_id: int, person: fake.Person, created: dt.datetime) -> None:
    kinds = s.rng.choices((("card",), ("bank_account",), ("card", "bank_account")), (65, 25, 10))
    for kind in kinds[0]:
        card = kind == "card"
        expiry = s.now + dt.timedelta(days=s.rng.randint(30, 5 * 365))
        s.add(
            "payment_methods",
            {
                "account_id": account_id,
                "kind": kind,
                "holder_name": person.full_name,
                "card_brand": "VISA" if card else None,
                "card_last4": fake.card_number(s.rng)[-4:] if card else None,
                "card_expiry": f"{expiry:%Y-%m}" if card else None,
                "card_token": "tok_" + fake.token(s.rng, 24) if card else None,
                "iban": None if card else fake.iban(s.rng),
                "created_at": s.between(created),
            },
        )


def _ticket(
    s: Sample,
    account_id: int,
    person: fake.Person,
    created: dt.datetime,
    device_ids: list[int],
    *,
    phone_only: bool,
) -> None:
    rng = s.rng
    device_id = rng.choice(device_ids) if device_ids else None
    model = (
        s.rows["devices"][device_id - 1]["model"] if device_id is not None else rng.choice(MODELS)
    )
    firmware = rng.choice(FIRMWARE)
    opened = (
        s.between(created, created + dt.timedelta(days=1)) if phone_only else s.between(created)
    )
    recent = (s.now - opened).days < 30
    still_open = rng.random() < (0.6 if recent else 0.04)
    escalated_to = rng.choices((None, "engineering", "repair_centre"), (72, 20, 8))[0]
    subject = rng.choice(SUBJECTS)
    resolution = "pending" if still_open else rng.choice(RESOLUTIONS)
    channel = "phone" if phone_only else rng.choices(("web", "chat", "phone"), (40, 25, 35))[0]
    ticket_id = s.add(
        "support_tickets",
        {
            "account_id": account_id,
            "device_id": device_id,
            "channel": channel,
            "subject": subject,
            "description": f"{subject}. Model {model}, firmware {firmware}; happens "
            f"{rng.choice(FREQUENCY)}.",
            "product_model": model,
            "technical_details": f"Reproduce: {rng.choice(STEPS)}. Environment: {model} on "
            f"firmware {firmware}, {rng.randint(2, 60)} clients per host. "
            f"Resolution: {resolution}.",
            "status": ("escalated" if escalated_to else "open") if still_open else "resolved",
            "escalated_to": escalated_to,
            "opened_at": opened,
            "resolved_at": None if still_open else s.after(opened, 24 * 20),
        },
    )
    ticket = s.rows["support_tickets"][-1]
    if rng.random() < 0.4:
        _credentials(s, ticket_id, opened)
    if channel == "phone":
        for _ in range(rng.choice((1, 2))):
            _call(s, account_id, ticket_id, person.phone, opened)
    _communications(s, ticket_id, channel, opened)
    if ticket["resolved_at"] is not None and rng.random() < 0.5:
        s.add(
            "surveys",
            {
                "ticket_id": ticket_id,
                "score": rng.randint(1, 5),
                "comment": rng.choice(SURVEY_COMMENTS),
                "submitted_at": s.after(ticket["resolved_at"], 72),
            },
        )
    if rng.random() < 0.35:
        _shipment(s, account_id, ticket_id, person, model, opened)
    elif rng.random() < 0.25:
        _payment(s, account_id, ticket_id, "support_fee", opened)


def _credentials(s: Sample, ticket_id: int, opened: dt.datetime) -> None:
    protocol, port = s.rng.choice((("rdp", 3389), ("ssh", 22), ("vnc", 5900)))
    s.add(
        "remote_access_credentials",
        {
            "ticket_id": ticket_id,
            "host": fake.ipv4(s.rng),
            "port": port,
            "protocol": protocol,
            "login": s.rng.choice(("administrator", "support", "vcp-remote", "itadmin")),
            "secret": "enc:" + fake.token(s.rng, 40),
            "provided_at": s.after(opened, 6),
        },
    )


def _call(s: Sample, account_id: int, ticket_id: int, phone: str, opened: dt.datetime) -> None:
    """A support call: the agent asks for recording consent first (VCP-33); a recording
    exists only when it was given."""
    started = s.after(opened, 24 * 3)
    consent = s.rng.random() < 0.7
    duration = s.rng.randint(120, 2400)
    call_id = s.add(
        "support_calls",
        {
            "ticket_id": ticket_id,
            "caller_phone": phone,
            "started_at": started,
            "duration_seconds": duration,
            "recording_consent": consent,
            "consent_asked_at": started,
            "agent_code": f"AG-{s.rng.randint(1, AGENTS):03d}",
        },
    )
    _consent(s, account_id, "call_recording", consent, "phone_agent", started, call_id)
    if consent:
        s.add(
            "call_recordings",
            {
                "call_id": call_id,
                "audio_uri": f"recordings/{started:%Y/%m}/call-{call_id:06d}.opus",
                "duration_seconds": duration,
                "size_bytes": duration * 4000,
                "recorded_at": started,
            },
        )


def _communications(s: Sample, ticket_id: int, channel: str, opened: dt.datetime) -> None:
    own = {"web": "web", "chat": "chat", "phone": "phone_note"}[channel]
    when = opened
    for i in range(s.rng.randint(2, 5)):
        inbound = i % 2 == 0
        when = s.after(when, 48)
        s.add(
            "communications",
            {
                "ticket_id": ticket_id,
                "channel": own if inbound else s.rng.choice((own, "email")),
                "direction": "inbound" if inbound else "outbound",
                "body": s.rng.choice(INBOUND if inbound else OUTBOUND),
                "sent_at": when,
            },
        )


def _shipment(
    s: Sample,
    account_id: int,
    ticket_id: int,
    person: fake.Person,
    model: str,
    opened: dt.datetime,
) -> None:
    # Mostly to the account holder; sometimes to a colleague at the same site.
    to = person if s.rng.random() < 0.85 else fake.person(s.rng, 100_000 + ticket_id)
    carrier, carrier_country = s.rng.choice(CARRIERS)
    item = s.rng.choice(ITEMS)
    shipped = s.after(opened, 24 * 5)
    s.add(
        "shipments",
        {
            "ticket_id": ticket_id,
            "recipient_name": to.full_name,
            "street": to.street,
            "city": to.city,
            "postal_code": to.postal_code,
            "country": to.country,
            "phone": to.phone,
            "email": to.email,
            "carrier": carrier,
            "carrier_country": carrier_country,
            "tracking_number": f"{carrier[:2].upper()}{s.rng.randint(10**9, 10**10 - 1)}",
            "item": f"{item} {model}" if item.startswith("replacement") else item,
            "shipped_at": shipped,
        },
    )
    if s.rng.random() < 0.8:
        _payment(s, account_id, ticket_id, "spare_part" if "spare" in item else "shipping", shipped)


def _payment(s: Sample, account_id: int, ticket_id: int, reason: str, when: dt.datetime) -> None:
    methods = [m for m in s.rows["payment_methods"] if m["account_id"] == account_id]
    if not methods:
        return
    s.add(
        "payments",
        {
            "account_id": account_id,
            "payment_method_id": s.rng.choice(methods)["id"],
            "ticket_id": ticket_id,
            "amount_cents": s.rng.randint(15, 400) * 100,
            "currency": s.rng.choice(("EUR", "USD", "GBP")),
            "reason": reason,
            "processor_ref": "pi_" + fake.token(s.rng, 24),
            "paid_at": s.after(when, 2),
        },
    )


def _push_registration(s: Sample, account_id: int, device_id: int) -> None:
    device = s.rows["devices"][device_id - 1]
    account = s.rows["accounts"][account_id - 1]
    registration_id = s.add(
        "push_registrations",
        {
            "account_id": account_id,
            "hardware_model": device["model"],
            "serial_number": device["serial_number"],
            "device_uid": s.uuid4(),
            "destination_device_id": s.rng.choice(("ios-", "android-")) + fake.token(s.rng, 20),
            "push_token": fake.token(s.rng, 152),
            "email": account["email"],
            "registered_at": s.after(device["registered_at"], 24 * 30),
        },
    )
    # Notifications of the last three weeks: the seven-day recall window (VCP-52) has rows
    # on both sides.
    for _ in range(s.rng.randint(0, 4)):
        source, title, body = s.rng.choice(NOTIFICATION_TEXTS)
        created = s.ago(21)
        s.add(
            "notifications",
            {
                "registration_id": registration_id,
                "source": source,
                "title": title,
                "body": body,
                "created_at": created,
                "sent_at": s.after(created, 0.01) if s.rng.random() < 0.97 else None,
            },
        )


def _security_log(s: Sample, account_id: int | None, occurred: dt.datetime) -> None:
    old = (s.now - occurred).days > 180
    s.add(
        "security_logs",
        {
            "account_id": account_id,
            "ip_address": fake.ipv4(s.rng),
            "user_agent": s.rng.choice(USER_AGENTS),
            "event": s.rng.choice(SECURITY_EVENTS),
            "occurred_at": occurred,
            "under_investigation": s.rng.random() < 0.03,
            "archived_at": s.after(occurred + dt.timedelta(days=90), 24 * 90) if old else None,
        },
    )


def _security_logs(s: Sample, account_id: int, created: dt.datetime) -> None:
    start = max(created, s.now - dt.timedelta(days=730))
    for _ in range(s.rng.randint(2, 5)):
        _security_log(s, account_id, s.between(start))


def _anonymous_security_logs(s: Sample, count: int) -> None:
    """Web-service requests of visitors who are not signed in (no account)."""
    for _ in range(count):
        _security_log(s, None, s.ago(730))


def _device_analytics(s: Sample, count: int) -> None:
    """Opt-in device analytics (VCP-11): aggregated per day, model and region, no identifier."""
    for _ in range(count):
        s.add(
            "device_analytics",
            {
                "day": s.ago(730).date(),
                "model": s.rng.choice(MODELS),
                "firmware_version": s.rng.choice(FIRMWARE),
                "region": s.rng.choice(("EU", "NA", "APAC", "OTHER")),
                "metric": s.rng.choice(METRICS),
                "value": s.rng.randint(0, 5000),
            },
        )
