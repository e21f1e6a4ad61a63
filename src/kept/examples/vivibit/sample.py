"""VIVIBIT's sample database: a hardware maker's store, accounts, devices, support and web.

:func:`generate` creates the tables below (SQLAlchemy Core, portable to SQLite, PostgreSQL and
MariaDB) and fills them with deterministic fake data for ``people`` people, spread over the five
years before ``now`` (seven for orders and invoices):

- accounts, login_history, trusted_devices, password_resets (§2.2);
- orders, order_items, invoices: billing and shipping addresses, payment-processor references
  (§2.1, §3.2);
- product_registrations, device_events: serial numbers, warranty end, device logs (§2.3);
- support_tickets, support_attachments (diagnostic bundles, configuration dumps),
  support_access_grants (§3.5, §8);
- marketing_preferences (§3.8, §13);
- web_cookies, web_analytics_events, ad_pixel_events (§2.4, §5, §6);
- reseller_records: people received from channel partners, with the source (§2.5);
- integration_connections: third-party services a customer connected (§7).

The first two people are the acceptance scenario's: Anna (an EEA customer with every kind of
record) and Ben (a Californian customer with ad-pixel events). Ad-pixel events exist only for
browsers whose owner allowed advertising and did not opt out of sale/sharing.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass

import sqlalchemy as sa

from kept.examples import fake
from kept.examples._sample import (
    Row,
    Sample,
    boolean,
    check_people,
    fk,
    integer,
    pk,
    timestamp,
    utcnow,
    varchar,
    write,
)

__all__ = ["METADATA", "generate"]

Device = tuple[int, str, str, dt.datetime, int]
"""A device sold: (order item id, 0 when bought from a reseller; model; serial; bought at;
warranty months)."""
# Accounting records (orders, invoices) reach further back, so that statutory bookkeeping
# periods of five or six years have rows on both sides.
ACCOUNTING_SPAN_DAYS = 7 * 365
METADATA = sa.MetaData()


ACCOUNTS = sa.Table(
    "accounts",
    METADATA,
    pk(),
    varchar("email", 254, unique=True),
    varchar("username", 64, unique=True),
    varchar("full_name", 120),
    varchar("phone", 20),
    varchar("company", 120),
    varchar("job_title", 80),
    varchar("password_hash", 100),
    boolean("mfa_enabled"),
    timestamp("email_verified_at"),
    varchar("country", 2),
    varchar("privacy_region", 8),
    varchar("role", 16),
    varchar("status", 16, nullable=False),
    timestamp("created_at", nullable=False),
    timestamp("last_login_at"),
)
LOGIN_HISTORY = sa.Table(
    "login_history",
    METADATA,
    pk(),
    fk("account_id", "accounts.id"),
    timestamp("occurred_at", nullable=False),
    varchar("ip_address", 45, nullable=False),
    varchar("user_agent", 200),
    varchar("method", 20, nullable=False),
    boolean("success", nullable=False),
    varchar("approx_location", 60),
)
TRUSTED_DEVICES = sa.Table(
    "trusted_devices",
    METADATA,
    pk(),
    fk("account_id", "accounts.id"),
    varchar("device_label", 60, nullable=False),
    varchar("device_token", 64, nullable=False, unique=True),
    timestamp("created_at", nullable=False),
    timestamp("last_seen_at"),
    varchar("last_ip", 45),
    timestamp("revoked_at"),
)
PASSWORD_RESETS = sa.Table(
    "password_resets",
    METADATA,
    pk(),
    fk("account_id", "accounts.id"),
    timestamp("requested_at", nullable=False),
    varchar("requested_ip", 45),
    varchar("token_hash", 64, nullable=False),
    timestamp("used_at"),
)
ORDERS = sa.Table(
    "orders",
    METADATA,
    pk(),
    varchar("order_number", 20, nullable=False, unique=True),
    fk("account_id", "accounts.id", nullable=True),
    varchar("email", 254, nullable=False, index=True),
    varchar("phone", 20),
    timestamp("placed_at", nullable=False),
    varchar("status", 16, nullable=False),
    varchar("currency", 3, nullable=False),
    integer("total_minor", nullable=False),
    varchar("billing_name", 120, nullable=False),
    varchar("billing_company", 120),
    varchar("billing_street", 120, nullable=False),
    varchar("billing_postal_code", 12, nullable=False),
    varchar("billing_city", 60, nullable=False),
    varchar("billing_country", 2, nullable=False),
    varchar("shipping_name", 120, nullable=False),
    varchar("shipping_street", 120, nullable=False),
    varchar("shipping_postal_code", 12, nullable=False),
    varchar("shipping_city", 60, nullable=False),
    varchar("shipping_country", 2, nullable=False),
    varchar("payment_processor", 20, nullable=False),
    varchar("payment_reference", 40, nullable=False),
    varchar("card_brand", 12),
    varchar("card_last4", 4),
    varchar("carrier", 12),
    varchar("tracking_number", 24),
)
ORDER_ITEMS = sa.Table(
    "order_items",
    METADATA,
    pk(),
    fk("order_id", "orders.id"),
    varchar("sku", 20, nullable=False),
    varchar("product_model", 40, nullable=False),
    integer("quantity", nullable=False),
    integer("unit_price_minor", nullable=False),
    varchar("serial_number", 24),
)
INVOICES = sa.Table(
    "invoices",
    METADATA,
    pk(),
    varchar("invoice_number", 20, nullable=False, unique=True),
    fk("order_id", "orders.id"),
    timestamp("issued_at", nullable=False),
    varchar("billing_name", 120, nullable=False),
    varchar("billing_company", 120),
    varchar("billing_address", 250, nullable=False),
    varchar("currency", 3, nullable=False),
    integer("net_minor", nullable=False),
    integer("tax_minor", nullable=False),
    varchar("tax_country", 2, nullable=False),
)
PRODUCT_REGISTRATIONS = sa.Table(
    "product_registrations",
    METADATA,
    pk(),
    fk("account_id", "accounts.id"),
    varchar("serial_number", 24, nullable=False, unique=True),
    varchar("hardware_id", 17),
    varchar("product_model", 40, nullable=False),
    varchar("sku", 20, nullable=False),
    varchar("firmware_version", 16),
    varchar("purchase_source", 16, nullable=False),
    timestamp("purchased_at", nullable=False),
    timestamp("registered_at", nullable=False),
    timestamp("warranty_ends_at", nullable=False),
    varchar("entitlement", 24, nullable=False),
    varchar("last_connected_ip", 45),
    timestamp("last_seen_at"),
)
DEVICE_EVENTS = sa.Table(
    "device_events",
    METADATA,
    pk(),
    fk("registration_id", "product_registrations.id"),
    timestamp("occurred_at", nullable=False),
    varchar("level", 8, nullable=False),
    varchar("event_code", 32, nullable=False),
    varchar("message", 200, nullable=False),
    varchar("firmware_version", 16),
)
SUPPORT_TICKETS = sa.Table(
    "support_tickets",
    METADATA,
    pk(),
    varchar("ticket_number", 16, nullable=False, unique=True),
    fk("account_id", "accounts.id", nullable=True),
    varchar("email", 254, index=True),
    fk("registration_id", "product_registrations.id", nullable=True),
    varchar("kind", 12, nullable=False),
    varchar("channel", 12, nullable=False),
    varchar("subject", 200),
    sa.Column("body", sa.Text),
    varchar("status", 12, nullable=False),
    timestamp("opened_at", nullable=False),
    timestamp("resolved_at"),
)
SUPPORT_ATTACHMENTS = sa.Table(
    "support_attachments",
    METADATA,
    pk(),
    fk("ticket_id", "support_tickets.id"),
    varchar("kind", 20, nullable=False),
    varchar("access_scope", 20, nullable=False),
    varchar("filename", 120, nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    varchar("storage_uri", 200, nullable=False),
    varchar("lan_ip", 45),
    timestamp("uploaded_at", nullable=False),
)
SUPPORT_ACCESS_GRANTS = sa.Table(
    "support_access_grants",
    METADATA,
    pk(),
    fk("ticket_id", "support_tickets.id"),
    fk("account_id", "accounts.id"),
    varchar("scope", 20, nullable=False),
    varchar("basis", 24, nullable=False),
    varchar("approved_by", 24, nullable=False),
    varchar("reason", 200),
    varchar("agent_ref", 16, nullable=False),
    timestamp("granted_at", nullable=False),
    timestamp("expires_at", nullable=False),
)
MARKETING_PREFERENCES = sa.Table(
    "marketing_preferences",
    METADATA,
    pk(),
    fk("account_id", "accounts.id", nullable=True),
    varchar("email", 254, nullable=False, unique=True),
    boolean("newsletter", nullable=False),
    boolean("product_updates", nullable=False),
    boolean("event_invitations", nullable=False),
    boolean("promotions", nullable=False),
    varchar("status", 14, nullable=False),
    varchar("consent_basis", 16, nullable=False),
    varchar("privacy_region", 8, nullable=False),
    varchar("source", 20, nullable=False),
    timestamp("subscribed_at", nullable=False),
    timestamp("unsubscribed_at"),
    varchar("unsubscribe_channel", 20),
)
WEB_COOKIES = sa.Table(
    "web_cookies",
    METADATA,
    varchar("cookie_id", 36, nullable=False, primary_key=True),
    fk("account_id", "accounts.id", nullable=True),
    varchar("privacy_region", 8, nullable=False),
    boolean("analytics_allowed", nullable=False),
    boolean("advertising_allowed", nullable=False),
    boolean("sale_share_opt_out", nullable=False),
    boolean("gpc_signal", nullable=False),
    timestamp("choice_recorded_at"),
    timestamp("first_seen_at", nullable=False),
    timestamp("last_seen_at", nullable=False),
)
WEB_ANALYTICS_EVENTS = sa.Table(
    "web_analytics_events",
    METADATA,
    pk(),
    sa.Column("cookie_id", sa.String(36), sa.ForeignKey("web_cookies.cookie_id"), index=True),
    timestamp("occurred_at", nullable=False),
    varchar("event_type", 16, nullable=False),
    varchar("page_path", 200, nullable=False),
    varchar("referrer", 200),
    varchar("ip_address", 45, nullable=False),
    varchar("approx_country", 2),
    varchar("approx_city", 60),
    varchar("browser", 40),
    varchar("os", 40),
    varchar("device_type", 12),
    integer("load_time_ms"),
)
AD_PIXEL_EVENTS = sa.Table(
    "ad_pixel_events",
    METADATA,
    pk(),
    sa.Column("cookie_id", sa.String(36), sa.ForeignKey("web_cookies.cookie_id"), index=True),
    timestamp("occurred_at", nullable=False),
    varchar("platform", 20, nullable=False),
    varchar("event_name", 20, nullable=False),
    varchar("page_path", 200, nullable=False),
    varchar("ip_address", 45, nullable=False),
    varchar("click_id", 64),
)
RESELLER_RECORDS = sa.Table(
    "reseller_records",
    METADATA,
    pk(),
    varchar("reseller", 80, nullable=False),
    varchar("source_type", 16, nullable=False),
    varchar("external_ref", 24, nullable=False),
    timestamp("received_at", nullable=False),
    fk("account_id", "accounts.id", nullable=True),
    varchar("customer_name", 120, nullable=False),
    varchar("customer_email", 254, nullable=False, index=True),
    varchar("customer_phone", 20),
    varchar("customer_company", 120),
    varchar("customer_country", 2),
    varchar("product_model", 40, nullable=False),
    varchar("serial_number", 24, nullable=False),
    timestamp("purchased_at", nullable=False),
)
INTEGRATION_CONNECTIONS = sa.Table(
    "integration_connections",
    METADATA,
    pk(),
    fk("account_id", "accounts.id"),
    varchar("provider", 24, nullable=False),
    varchar("external_account_ref", 40, nullable=False),
    varchar("scopes", 120, nullable=False),
    varchar("status", 14, nullable=False),
    timestamp("connected_at", nullable=False),
    timestamp("disconnected_at"),
)

# --------------------------------------------------------------------------- reference data

REGIONS = (("eea", 45), ("uk", 15), ("us-ca", 12), ("us", 13), ("sg", 8), ("jp", 7))
EEA_COUNTRIES = ("NO", "SE", "DK", "DE", "FR", "IE", "NL")
CITIES = {
    "NO": ("Oslo", "Bergen", "Trondheim"),
    "SE": ("Stockholm", "Gothenburg", "Malmo"),
    "DK": ("Copenhagen", "Aarhus"),
    "DE": ("Berlin", "Munich", "Hamburg"),
    "FR": ("Paris", "Lyon"),
    "IE": ("Dublin", "Cork"),
    "NL": ("Amsterdam", "Utrecht"),
    "GB": ("London", "Manchester", "Leeds"),
    "US": ("Austin", "Seattle", "Chicago", "Boston"),
    "US-CA": ("San Francisco", "Los Angeles", "San Diego"),
    "SG": ("Singapore",),
    "JP": ("Tokyo", "Osaka"),
}
PHONE_PREFIX = {"SG": ("+65", 8), "JP": ("+81", 10), "IE": ("+353", 9), "NL": ("+31", 9)}
CURRENCY = {"eea": "EUR", "uk": "GBP", "us-ca": "USD", "us": "USD", "sg": "SGD", "jp": "JPY"}
TAX_RATE = {"eea": 0.25, "uk": 0.20, "us-ca": 0.0725, "us": 0.06, "sg": 0.09, "jp": 0.10}
# model, sku, price (minor units of EUR, converted loosely), warranty in months
PRODUCTS = (
    ("VB-NAS 2200", "VB-N2200", 39900, 24),
    ("VB-NAS 4400", "VB-N4400", 79900, 36),
    ("VB-RACK 8", "VB-R8000", 249900, 36),
    ("VB-SW 24G", "VB-S24G", 45900, 24),
    ("VB-UPS 1500", "VB-U1500", 32900, 24),
    ("VB-SSD 2T", "VB-D2T", 18900, 60),
)
FIRMWARE = ("3.8.2", "4.0.1", "4.1.0", "4.2.1", "4.3.0")
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148",
    "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36",
)
BROWSERS = (
    ("Firefox", "Windows", "desktop"),
    ("Safari", "macOS", "desktop"),
    ("Chrome", "Linux", "desktop"),
    ("Safari", "iOS", "mobile"),
    ("Chrome", "Android", "mobile"),
)
PAGES = (
    "/",
    "/products/nas",
    "/products/nas/vb-nas-4400",
    "/products/rack",
    "/products/switches",
    "/support/downloads",
    "/support/kb/raid-rebuild",
    "/store/cart",
    "/store/checkout",
    "/blog/backup-strategy-3-2-1",
)
REFERRERS = (
    None,
    "https://www.google.com/",
    "https://duckduckgo.com/",
    "https://www.reddit.com/r/homelab/",
    "https://news.ycombinator.com/",
    "https://www.bing.com/",
)
TICKETS = (
    ("technical", "Volume degraded after firmware update"),
    ("technical", "Web console unreachable after network change"),
    ("technical", "Fan noise after RAID rebuild"),
    ("technical", "Snapshots fail with a quota error"),
    ("warranty", "Warranty replacement request: drive bay not detected"),
    ("warranty", "Power supply failed within warranty"),
    ("rma", "RMA for a unit dead on arrival"),
    ("billing", "Copy of invoice requested"),
)
BODIES = (
    "After updating to firmware {fw} the {model} reports volume 1 as degraded. "
    "Disks pass the quick test. Diagnostic bundle attached.",
    "Since the router was replaced the {model} no longer answers on the management port. "
    "The status light is solid. Configuration export attached.",
    "The {model} became loud after the rebuild finished and stays at full fan speed.",
    "Scheduled snapshots on the {model} stopped last week with a quota error in the log.",
    "The {model} does not detect the disk in bay 3. Tried two different disks.",
)
DEVICE_EVENTS_TEXT = (
    ("info", "FW_UPDATE_OK", "Firmware updated successfully"),
    ("info", "SCRUB_DONE", "Volume scrub completed without errors"),
    ("warning", "SMART_WARN", "SMART warning on disk 2: reallocated sectors increased"),
    ("warning", "FAN_LOW", "Fan 1 speed below threshold"),
    ("error", "VOL_DEGRADED", "Volume 1 degraded: member disk missing"),
    ("error", "UPS_ON_BATTERY", "Running on battery power"),
    ("info", "BACKUP_OK", "Backup job completed"),
)
RESELLERS = (
    ("Nordic Storage Distribution AS", "distributor"),
    ("Rackworks Trading Ltd", "reseller"),
    ("Pacific Data Gear Pte Ltd", "reseller"),
    ("Tokyo Server Supply KK", "distributor"),
    ("Marketplace: StorageMart", "marketplace"),
)
INTEGRATIONS = (
    ("aws_s3", "s3:PutObject s3:ListBucket"),
    ("google_drive", "drive.file"),
    ("microsoft_365", "Files.ReadWrite"),
    ("slack", "chat:write"),
    ("okta", "openid profile"),
)
AD_PLATFORMS = ("meta_pixel", "google_ads", "linkedin_insight")
AD_EVENTS = ("PageView", "ViewContent", "AddToCart", "Purchase")


@dataclass(frozen=True)
class _Who:
    """One person of the sample: their fake identity and where they live."""

    index: int
    p: fake.Person
    region: str  # the jurisdiction profile: eea, uk, us-ca, us, sg, jp
    country: str
    city: str
    phone: str
    company: str | None


class _Sample(Sample):
    """Builds every table's rows in memory, deterministically from one random generator."""

    # ------------------------------------------------------------------ helpers

    def phone(self, country: str) -> str:
        if country in PHONE_PREFIX:
            prefix, digits = PHONE_PREFIX[country]
            return prefix + "".join(self.rng.choice(string.digits) for _ in range(digits))
        return fake.phone(self.rng, country)

    # ------------------------------------------------------------------ people

    def person(self, index: int) -> _Who:
        rng = self.rng
        p = fake.person(rng, index)
        region = rng.choices([r for r, _ in REGIONS], [w for _, w in REGIONS])[0]
        names: tuple[str, str] | None = None
        if index == 0:  # the scenario's EEA customer
            region, names = "eea", ("Anna", "Schmidt")
        elif index == 1:  # the scenario's Californian customer
            region, names = "us-ca", ("Ben", "Walker")
        if names is not None:
            p.first_name, p.last_name = names
            p.full_name = " ".join(names)
            p.email = fake.email_for(rng, *names, index)
        country = {"eea": rng.choice(EEA_COUNTRIES), "uk": "GB", "sg": "SG", "jp": "JP"}
        code = "DE" if index == 0 else country.get(region, "US")
        city_key = "US-CA" if region == "us-ca" else code
        return _Who(
            index=index,
            p=p,
            region=region,
            country=code,
            city=rng.choice(CITIES[city_key]),
            phone=self.phone(code),
            company=rng.choice([None, None, f"{p.last_name} IT Services", "Acme Hosting"]),
        )

    def account(self, who: _Who, first_order: dt.datetime | None) -> int:
        rng, p = self.rng, who.p
        created = self.when()
        if first_order is not None and first_order < created:
            created = first_order - dt.timedelta(days=rng.randint(0, 30), minutes=5)
        verified = rng.random() < 0.9
        return self.add(
            ACCOUNTS,
            email=p.email,
            username=f"{p.first_name.lower()}{who.index}",
            full_name=p.full_name,
            phone=who.phone if rng.random() < 0.6 else None,
            company=who.company,
            job_title=rng.choice([None, "IT manager", "System administrator", "Engineer"]),
            password_hash="$2b$12$" + self.token(53),
            mfa_enabled=rng.random() < 0.4,
            email_verified_at=self.when(after=created) if verified else None,
            country=who.country,
            privacy_region=who.region,
            role=rng.choice(["owner", "owner", "admin", "user"]),
            status="active" if rng.random() < 0.95 else "disabled",
            created_at=created,
            last_login_at=self.when(after=created),
        )

    def logins(self, account_id: int, created: dt.datetime, who: _Who) -> None:
        rng = self.rng
        for _ in range(rng.randint(2, 20)):
            success = rng.random() < 0.92
            self.add(
                LOGIN_HISTORY,
                account_id=account_id,
                occurred_at=self.when(after=created),
                ip_address=fake.ipv4(rng),
                user_agent=rng.choice(USER_AGENTS),
                method=rng.choice(["password", "password", "password+totp", "sso_google"]),
                success=success,
                approx_location=f"{who.country} / {who.city}",
            )

    def devices(self, account_id: int, created: dt.datetime, count: int) -> None:
        rng = self.rng
        for _ in range(count):
            browser, system, _kind = rng.choice(BROWSERS)
            since = self.when(after=created)
            revoked = self.when(after=since) if rng.random() < 0.2 else None
            self.add(
                TRUSTED_DEVICES,
                account_id=account_id,
                device_label=f"{browser} on {system}",
                device_token=self.token(48),
                created_at=since,
                last_seen_at=self.when(after=since),
                last_ip=fake.ipv4(rng),
                revoked_at=revoked,
            )
        if rng.random() < 0.25:
            asked = self.when(after=created)
            self.add(
                PASSWORD_RESETS,
                account_id=account_id,
                requested_at=asked,
                requested_ip=fake.ipv4(rng),
                token_hash=self.token(64),
                used_at=self.when(after=asked) if rng.random() < 0.7 else None,
            )

    # ------------------------------------------------------------------ orders

    def order(
        self,
        who: _Who,
        account_id: int | None,
        placed: dt.datetime,
        *,
        delivered: bool = False,
    ) -> list[Device]:
        """One order with its items and invoice; returns the devices it sold."""
        rng, p = self.rng, who.p
        region = who.region
        order_id = len(self.rows["orders"]) + 1
        status = rng.choices(
            ["delivered", "shipped", "returned", "refunded", "cancelled"], [80, 6, 6, 4, 4]
        )[0]
        status = "delivered" if delivered else status
        sold = []
        total = 0
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            model, sku, price, months = rng.choice(PRODUCTS)
            serial = self.serial(sku, placed) if status != "cancelled" else None
            item = self.add(
                ORDER_ITEMS,
                order_id=order_id,
                sku=sku,
                product_model=model,
                quantity=1,
                unit_price_minor=price,
                serial_number=serial,
            )
            total += price
            if serial is not None:
                sold.append((item, model, serial, placed, months))
        street, postal = p.street, p.postal_code
        gift = rng.random() < 0.1
        self.add(
            ORDERS,
            order_number=f"VB{placed:%y%m}-{order_id:06d}",
            account_id=account_id,
            email=p.email,
            phone=who.phone,
            placed_at=placed,
            status=status,
            currency=CURRENCY[region],
            total_minor=total,
            billing_name=p.full_name,
            billing_company=who.company,
            billing_street=street,
            billing_postal_code=postal,
            billing_city=who.city,
            billing_country=who.country,
            shipping_name=p.full_name if not gift else fake.person(rng, 0).full_name,
            shipping_street=street if not gift else fake.street(rng),
            shipping_postal_code=postal,
            shipping_city=who.city,
            shipping_country=who.country,
            **self.payment(),
            **self.shipment(status),
        )
        if status != "cancelled":
            self.invoice(order_id, who, placed, total)
        return sold

    def payment(self) -> Row:
        rng = self.rng
        processor = rng.choice(["stripe", "stripe", "paypal", "klarna"])
        if processor == "stripe":
            return {
                "payment_processor": "stripe",
                "payment_reference": "pi_" + self.token(24),
                "card_brand": rng.choice(["visa", "mastercard", "amex"]),
                "card_last4": f"{rng.randint(0, 9999):04d}",
            }
        prefix = "PAYID-" if processor == "paypal" else "kl_"
        return {
            "payment_processor": processor,
            "payment_reference": prefix + self.token(20).upper(),
            "card_brand": None,
            "card_last4": None,
        }

    def shipment(self, status: str) -> Row:
        if status == "cancelled":
            return {"carrier": None, "tracking_number": None}
        carrier = self.rng.choice(["UPS", "DHL", "FedEx"])
        if carrier == "UPS":
            number = "1Z" + self.token(16).upper()
        else:
            digits = 10 if carrier == "DHL" else 12
            number = "".join(self.rng.choice(string.digits) for _ in range(digits))
        return {"carrier": carrier, "tracking_number": number}

    def invoice(self, order_id: int, who: _Who, placed: dt.datetime, total: int) -> None:
        p = who.p
        rate = TAX_RATE[who.region]
        tax = round(total * rate / (1 + rate))
        number = len(self.rows["invoices"]) + 1
        self.add(
            INVOICES,
            invoice_number=f"INV-{placed:%Y}-{number:06d}",
            order_id=order_id,
            issued_at=placed + dt.timedelta(hours=self.rng.randint(1, 48)),
            billing_name=p.full_name,
            billing_company=who.company,
            billing_address=f"{p.street}, {p.postal_code} {who.city}, {who.country}",
            currency=CURRENCY[who.region],
            net_minor=total - tax,
            tax_minor=tax,
            tax_country=who.country,
        )

    def serial(self, sku: str, when: dt.datetime) -> str:
        alphabet = string.ascii_uppercase + string.digits
        tail = "".join(self.rng.choice(alphabet) for _ in range(6))
        return f"{sku.replace('-', '')}-{when:%y%W}-{tail}"

    # ------------------------------------------------------------------ devices

    def register(
        self,
        account_id: int,
        device: Device,
        source: str,
        extended: bool = False,
    ) -> int:
        rng = self.rng
        _item, model, serial, bought, months = device
        registered = bought + dt.timedelta(days=rng.randint(1, 40))
        registered = min(registered, self.now)
        months += 12 if extended else 0
        connected = rng.random() < 0.7
        sku = next(s for m, s, _, _ in PRODUCTS if m == model)
        reg_id = self.add(
            PRODUCT_REGISTRATIONS,
            account_id=account_id,
            serial_number=serial,
            hardware_id=self.mac(),
            product_model=model,
            sku=sku,
            firmware_version=rng.choice(FIRMWARE),
            purchase_source=source,
            purchased_at=bought,
            registered_at=registered,
            warranty_ends_at=bought + dt.timedelta(days=round(months * 30.44)),
            entitlement="extended_warranty" if extended else "standard",
            last_connected_ip=fake.ipv4(rng) if connected else None,
            last_seen_at=self.when(after=registered) if connected else None,
        )
        if connected:
            for _ in range(rng.randint(1, 12)):
                level, code, text = rng.choice(DEVICE_EVENTS_TEXT)
                self.add(
                    DEVICE_EVENTS,
                    registration_id=reg_id,
                    occurred_at=self.when(after=registered),
                    level=level,
                    event_code=code,
                    message=text,
                    firmware_version=rng.choice(FIRMWARE),
                )
        return reg_id

    def mac(self) -> str:
        tail = [self.rng.randint(0, 255) for _ in range(3)]
        return "00:11:32:" + ":".join(f"{b:02X}" for b in tail)

    # ------------------------------------------------------------------ support

    def ticket(
        self,
        who: _Who,
        account_id: int | None,
        registration: tuple[int, str] | None,
        opened: dt.datetime,
        force_open: bool = False,
    ) -> None:
        rng = self.rng
        kind, subject = rng.choice(TICKETS)
        model = registration[1] if registration else rng.choice(PRODUCTS)[0]
        body = rng.choice(BODIES).format(fw=rng.choice(FIRMWARE), model=model)
        is_open = force_open or rng.random() < 0.15
        ticket_id = self.add(
            SUPPORT_TICKETS,
            ticket_number=f"T{opened:%y}-{len(self.rows['support_tickets']) + 1:06d}",
            account_id=account_id,
            email=who.p.email,
            registration_id=registration[0] if registration else None,
            kind="technical" if force_open else kind,
            channel=rng.choice(["web_form", "web_form", "email", "chat"]),
            subject=subject,
            body=body,
            status="open" if is_open else rng.choice(["resolved", "closed"]),
            opened_at=opened,
            resolved_at=None if is_open else self.when(after=opened),
        )
        if kind == "billing" and not force_open:
            return
        self.attachments(ticket_id, model, opened, force_open)
        if account_id is not None:
            self.grants(ticket_id, account_id, opened, force_open)

    def attachments(self, ticket_id: int, model: str, opened: dt.datetime, both: bool) -> None:
        rng = self.rng
        kinds = ["diagnostic_bundle"]
        if both or rng.random() < 0.4:
            kinds.append("config_dump")
        for kind in kinds:
            at = self.when(after=opened)
            stem = model.lower().replace(" ", "-")
            metadata_only = kind == "diagnostic_bundle"
            self.add(
                SUPPORT_ATTACHMENTS,
                ticket_id=ticket_id,
                kind=kind,
                access_scope="service_metadata" if metadata_only else "user_content",
                filename=f"{kind.replace('_', '-')}-{stem}-{at:%Y%m%d}.tar.gz",
                size_bytes=rng.randint(200_000, 80_000_000),
                storage_uri=f"s3://vivibit-support-eu/{ticket_id}/{self.token(20)}.tar.gz",
                lan_ip=None
                if metadata_only
                else f"192.168.{rng.randint(0, 9)}.{rng.randint(2, 250)}",
                uploaded_at=at,
            )

    def grants(self, ticket_id: int, account_id: int, opened: dt.datetime, force: bool) -> None:
        """The ticket itself authorises service-metadata access (VIV-11); user content needs
        the customer's grant with an expiry (VIV-23); break-glass needs a recorded reason."""
        rng = self.rng
        agent = f"agent-{rng.randint(1, 40):03d}"
        at = self.when(after=opened)
        self.add(
            SUPPORT_ACCESS_GRANTS,
            ticket_id=ticket_id,
            account_id=account_id,
            scope="service_metadata",
            basis="support_ticket",
            approved_by="customer",
            reason=None,
            agent_ref=agent,
            granted_at=at,
            expires_at=at + dt.timedelta(days=14),
        )
        roll = rng.random()
        if force or roll < 0.3:
            scope = rng.choice(["user_content", "device_settings"])
            self.add(
                SUPPORT_ACCESS_GRANTS,
                ticket_id=ticket_id,
                account_id=account_id,
                scope=scope,
                basis="customer_authorization",
                approved_by="customer",
                reason="Customer authorised access to inspect the volume configuration",
                agent_ref=agent,
                granted_at=at,
                expires_at=at + dt.timedelta(days=rng.choice([1, 3, 7])),
            )
        elif roll < 0.33:
            self.add(
                SUPPORT_ACCESS_GRANTS,
                ticket_id=ticket_id,
                account_id=account_id,
                scope="device_settings",
                basis="break_glass",
                approved_by="security_officer",
                reason=f"Security incident INC-{at:%Y}-{rng.randint(1, 99):03d}: "
                "suspected credential stuffing",
                agent_ref=agent,
                granted_at=at,
                expires_at=at + dt.timedelta(hours=4),
            )

    # ------------------------------------------------------------------ marketing and web

    def newsletter(self, who: _Who, account_id: int | None, force: bool) -> None:
        rng = self.rng
        region = who.region
        since = self.when()
        left = not force and rng.random() < 0.25
        # VIV-14: opt-in consent in the EEA and UK (soft opt-in for customers); notice elsewhere
        basis = "notice"
        if region in ("eea", "uk"):
            basis = "opt_in" if account_id is None else "soft_opt_in"
        self.add(
            MARKETING_PREFERENCES,
            account_id=account_id,
            email=who.p.email,
            newsletter=True,
            product_updates=rng.random() < 0.7,
            event_invitations=rng.random() < 0.3,
            promotions=rng.random() < 0.5,
            status="unsubscribed" if left else "subscribed",
            consent_basis=basis,
            privacy_region=region,
            source=rng.choice(["footer_form", "checkout", "account_settings", "event_signup"]),
            subscribed_at=since,
            unsubscribed_at=self.when(after=since) if left else None,
            unsubscribe_channel=(
                rng.choice(["email_link", "email_link", "preference_centre", "support_request"])
                if left
                else None
            ),
        )

    def browser(
        self, region: str, country: str, account_id: int | None, force: str | None = None
    ) -> None:
        """A browser with its cookie choices, analytics events and ad-pixel events.

        ``force``: ``"analytics"`` (Anna: analytics allowed, ads refused) or ``"ads"`` (Ben:
        a Californian who allowed everything and has not opted out yet)."""
        rng = self.rng
        opt_in = region in ("eea", "uk")  # the EEA and UK need consent first; elsewhere opt-out
        gpc = region.startswith("us") and rng.random() < 0.1
        if opt_in:
            analytics, ads, opt_out = rng.random() < 0.6, rng.random() < 0.35, False
        else:
            analytics, ads = True, True
            opt_out = gpc or rng.random() < 0.2
        if force == "analytics":
            analytics, ads, opt_out, gpc = True, False, False, False
        elif force == "ads":
            analytics, ads, opt_out, gpc = True, True, False, False
        first = self.when()
        cookie = "".join(self.rng.choice("0123456789abcdef") for _ in range(32))
        cookie = f"{cookie[:8]}-{cookie[8:12]}-{cookie[12:16]}-{cookie[16:20]}-{cookie[20:]}"
        self.add(
            WEB_COOKIES,
            cookie_id=cookie,
            account_id=account_id,
            privacy_region=region,
            analytics_allowed=analytics,
            advertising_allowed=ads,
            sale_share_opt_out=opt_out,
            gpc_signal=gpc,
            choice_recorded_at=first if opt_in or opt_out else None,
            first_seen_at=first,
            last_seen_at=self.when(after=first),
        )
        ip = fake.ipv4(rng)
        if analytics:
            self.page_views(cookie, first, ip, country, rng.randint(3, 15))
        if ads and not opt_out:
            self.pixels(cookie, first, ip, rng.randint(2, 10))

    def page_views(
        self, cookie: str, first: dt.datetime, ip: str, country: str, count: int
    ) -> None:
        rng = self.rng
        browser, system, kind = rng.choice(BROWSERS)
        for _ in range(count):
            self.add(
                WEB_ANALYTICS_EVENTS,
                cookie_id=cookie,
                occurred_at=self.when(after=first),
                event_type=rng.choice(["page_view", "page_view", "click", "add_to_cart"]),
                page_path=rng.choice(PAGES),
                referrer=rng.choice(REFERRERS),
                ip_address=ip if rng.random() < 0.8 else fake.ipv4(rng),
                approx_country=country,
                approx_city=rng.choice(CITIES.get(country, ("Unknown",))),
                browser=browser,
                os=system,
                device_type=kind,
                load_time_ms=rng.randint(180, 4200),
            )

    def pixels(self, cookie: str, first: dt.datetime, ip: str, count: int) -> None:
        rng = self.rng
        for _ in range(count):
            platform = rng.choice(AD_PLATFORMS)
            click = None
            if rng.random() < 0.3:
                click = ("fb." if platform == "meta_pixel" else "gclid.") + self.token(40)
            self.add(
                AD_PIXEL_EVENTS,
                cookie_id=cookie,
                occurred_at=self.when(after=first),
                platform=platform,
                event_name=rng.choice(AD_EVENTS),
                page_path=rng.choice(PAGES),
                ip_address=ip,
                click_id=click,
            )

    # ------------------------------------------------------------------ third parties

    def reseller_record(self, who: _Who, account_id: int | None, force: bool) -> Device:
        rng, p = self.rng, who.p
        reseller, kind = RESELLERS[0] if force else rng.choice(RESELLERS)
        model, sku, _price, months = rng.choice(PRODUCTS[:3] if force else PRODUCTS)
        bought = self.when(days=400) if force else self.when()
        serial = self.serial(sku, bought)
        self.add(
            RESELLER_RECORDS,
            reseller=reseller,
            source_type=kind,
            external_ref=f"{kind[:3].upper()}-{self.token(10).upper()}",
            received_at=min(bought + dt.timedelta(days=rng.randint(1, 30)), self.now),
            account_id=account_id,
            customer_name=p.full_name,
            customer_email=p.email,
            customer_phone=who.phone if rng.random() < 0.5 else None,
            customer_company=who.company,
            customer_country=who.country,
            product_model=model,
            serial_number=serial,
            purchased_at=bought,
        )
        return (0, model, serial, bought, months)

    def integrations(self, account_id: int, created: dt.datetime) -> None:
        rng = self.rng
        for provider, scopes in rng.sample(INTEGRATIONS, rng.randint(1, 2)):
            at = self.when(after=created)
            gone = rng.random() < 0.3
            self.add(
                INTEGRATION_CONNECTIONS,
                account_id=account_id,
                provider=provider,
                external_account_ref=f"ext-{self.token(16)}",
                scopes=scopes,
                status="disconnected" if gone else "connected",
                connected_at=at,
                disconnected_at=self.when(after=at) if gone else None,
            )

    # ------------------------------------------------------------------ one person

    def everything(self, index: int) -> None:
        """All the records of one person, as their history with VIVIBIT would leave them."""
        rng = self.rng
        who = self.person(index)
        scenario = index in (0, 1)
        if index == 0:  # Anna: an old order and a recent one (under warranty)
            times = [self.now - dt.timedelta(days=1500), self.now - dt.timedelta(days=120)]
        else:
            count = rng.choice([0, 1, 1, 2, 3, 4])
            times = sorted(self.when(ACCOUNTING_SPAN_DAYS) for _ in range(count))
        first_order = times[0] if times else None
        has_account = scenario or rng.random() < 0.85
        account_id = self.account(who, first_order) if has_account else None
        if account_id is not None:
            created = self.rows["accounts"][account_id - 1]["created_at"]
            self.logins(account_id, created, who)
            self.devices(account_id, created, 1 if scenario else rng.choice([0, 0, 1, 2]))
            if rng.random() < 0.2:
                self.integrations(account_id, created)
        self.orders_and_devices(who, account_id, times, scenario=index == 0)
        if index == 0 or rng.random() < 0.4:
            self.newsletter(who, account_id, force=index == 0)
        force = "analytics" if index == 0 else "ads" if index == 1 else None
        for _ in range(1 if scenario else rng.randint(1, 3)):
            self.browser(who.region, who.country, account_id, force)

    def orders_and_devices(
        self,
        who: _Who,
        account_id: int | None,
        times: list[dt.datetime],
        *,
        scenario: bool,
    ) -> None:
        rng = self.rng
        devices: list[Device] = []
        for placed in times:
            devices += self.order(who, account_id, placed, delivered=scenario)
        from_reseller = scenario or rng.random() < 0.25
        if from_reseller:
            devices.append(self.reseller_record(who, account_id, scenario))
        if account_id is None:
            return
        registered: list[tuple[int, str]] = []
        for device in devices:
            if scenario or rng.random() < 0.7:
                source = "reseller" if device[0] == 0 else "vivibit_store"
                reg = self.register(account_id, device, source, extended=rng.random() < 0.1)
                registered.append((reg, device[1]))
        for _ in range(1 if scenario else rng.choice([0, 0, 0, 1, 1, 2])):
            about = registered[-1] if registered and (scenario or rng.random() < 0.8) else None
            opened = self.now - dt.timedelta(days=3) if scenario else self.when()
            self.ticket(who, account_id, about, opened, force_open=scenario)


def generate(
    engine: sa.Engine, *, people: int = 300, seed: int = 0, now: dt.datetime | None = None
) -> dict[str, int]:
    """Create VIVIBIT's tables in ``engine`` (dropping them first) and fill them.

    ``people`` customers, prospects and visitors; the same ``seed`` and ``now`` give the same
    rows. ``now`` (naive UTC) defaults to the current time. Returns the row count per table.
    """
    check_people(people)
    sample = _Sample(METADATA, random.Random(seed), now or utcnow())
    for index in range(people):
        sample.everything(index)
    write(engine, sample)
    return sample.counts(METADATA.tables)
