"""Vibbio's sample database: a Norwegian video-production SaaS and its surroundings.

:func:`generate` creates the tables below (SQLAlchemy Core, portable to SQLite, PostgreSQL and
MariaDB) and fills them with deterministic fake data for ``people`` users, spread over the five
years before ``now`` (seven for organisations and their invoices):

- organizations (billing data only for paid subscriptions, VIB-05), users (e-mail, full name,
  password hash, VIB-04), brand_settings (VIB-06);
- media_assets and media_nametags (uploaded media, sorting and nametags), video_orders,
  store_purchases, invoices, survey_responses (VIB-07, VIB-09);
- usage_events, access_logs, error_logs (clicks, pages, IP-keyed logs, VIB-08, VIB-10,
  VIB-14);
- chat_transcripts (Chatlio, VIB-16), hubspot_contacts and email_events (HubSpot mirror and
  e-mail beacons, VIB-13);
- web_traffic_daily (Google Analytics, aggregated only, VIB-12) and backups (the backup
  register, VIB-20).

The scenario's paid organisation "Fjord AS" has two users; organisation 2 is a trial one.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa

from kept.examples import fake
from kept.examples._sample import (
    Row,
    Sample,
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

# Organisations (and so their invoices) reach further back, so that the bookkeeping period
# (five years after the financial year) has rows on both sides.
ACCOUNTING_SPAN_DAYS = 7 * 365
METADATA = sa.MetaData()


ORGANIZATIONS = sa.Table(
    "organizations",
    METADATA,
    pk(),
    varchar("name", 120, nullable=False),
    varchar("slug", 60, nullable=False, unique=True),
    varchar("plan", 16, nullable=False),
    sa.Column("is_trial", sa.Boolean, nullable=False),
    varchar("country", 2, nullable=False),
    timestamp("created_at", nullable=False),
    timestamp("trial_ends_at"),
    timestamp("subscribed_at"),
    # Billing information, requested only for subscriptions that are not Trial (VIB-05).
    varchar("billing_org_name", 120),
    varchar("org_number", 9),
    varchar("billing_contact_name", 120),
    varchar("invoice_email", 254, index=True),
)
USERS = sa.Table(
    "users",
    METADATA,
    pk(),
    fk("organization_id", "organizations.id"),
    varchar("email", 254, nullable=False, unique=True),
    varchar("full_name", 120, nullable=False),
    varchar("password_hash", 60, nullable=False),
    varchar("role", 12, nullable=False),
    varchar("locale", 8, nullable=False),
    varchar("referral_source", 200),
    timestamp("terms_accepted_at", nullable=False),
    timestamp("created_at", nullable=False),
    timestamp("last_login_at"),
)
BRAND_SETTINGS = sa.Table(
    "brand_settings",
    METADATA,
    pk(),
    sa.Column(
        "organization_id",
        sa.Integer,
        sa.ForeignKey("organizations.id"),
        nullable=False,
        unique=True,
    ),
    varchar("logo_file", 120),
    varchar("font_family", 40),
    varchar("primary_color", 7),
    varchar("secondary_color", 7),
    timestamp("updated_at", nullable=False),
    fk("updated_by_user_id", "users.id", nullable=True),
)
MEDIA_ASSETS = sa.Table(
    "media_assets",
    METADATA,
    pk(),
    fk("organization_id", "organizations.id"),
    fk("uploaded_by_user_id", "users.id", nullable=True),
    varchar("filename", 120, nullable=False),
    varchar("folder", 40, nullable=False),
    varchar("media_type", 8, nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    integer("duration_s"),
    varchar("storage_uri", 200, nullable=False),
    sa.Column("shows_people", sa.Boolean, nullable=False),
    timestamp("uploaded_at", nullable=False),
)
MEDIA_NAMETAGS = sa.Table(
    "media_nametags",
    METADATA,
    pk(),
    fk("media_id", "media_assets.id"),
    varchar("person_name", 120, nullable=False),
    varchar("person_title", 80),
    integer("appears_at_s", nullable=False),
)
VIDEO_ORDERS = sa.Table(
    "video_orders",
    METADATA,
    pk(),
    fk("organization_id", "organizations.id"),
    fk("ordered_by_user_id", "users.id", nullable=True),
    varchar("title", 120, nullable=False),
    varchar("video_type", 24, nullable=False),
    sa.Column("brief", sa.Text),
    varchar("status", 16, nullable=False),
    integer("price_nok", nullable=False),
    timestamp("ordered_at", nullable=False),
    timestamp("delivered_at"),
)
INVOICES = sa.Table(
    "invoices",
    METADATA,
    pk(),
    varchar("invoice_number", 20, nullable=False, unique=True),
    fk("organization_id", "organizations.id"),
    timestamp("issued_at", nullable=False),
    timestamp("due_at", nullable=False),
    varchar("billed_org_name", 120, nullable=False),
    varchar("org_number", 9, nullable=False),
    varchar("contact_person", 120, nullable=False),
    varchar("invoice_email", 254, nullable=False, index=True),
    integer("amount_ore", nullable=False),
    integer("vat_ore", nullable=False),
    varchar("status", 10, nullable=False),
    timestamp("paid_at"),
)
STORE_PURCHASES = sa.Table(
    "store_purchases",
    METADATA,
    pk(),
    fk("organization_id", "organizations.id"),
    fk("purchased_by_user_id", "users.id", nullable=True),
    varchar("item", 60, nullable=False),
    integer("amount_ore", nullable=False),
    timestamp("purchased_at", nullable=False),
    fk("invoice_id", "invoices.id", nullable=True),
)
SURVEY_RESPONSES = sa.Table(
    "survey_responses",
    METADATA,
    pk(),
    fk("user_id", "users.id"),
    varchar("survey", 40, nullable=False),
    integer("score", nullable=False),
    sa.Column("comment", sa.Text),
    timestamp("submitted_at", nullable=False),
)
USAGE_EVENTS = sa.Table(
    "usage_events",
    METADATA,
    pk(),
    fk("user_id", "users.id"),
    varchar("session_id", 32, nullable=False),
    timestamp("occurred_at", nullable=False),
    varchar("event", 24, nullable=False),
    varchar("page", 80, nullable=False),
    varchar("element", 40),
    varchar("browser", 40),
    varchar("os", 24),
    varchar("device_type", 12),
    integer("render_ms"),
)
CHAT_TRANSCRIPTS = sa.Table(
    "chat_transcripts",
    METADATA,
    pk(),
    varchar("chatlio_conversation_id", 40, nullable=False, unique=True),
    fk("user_id", "users.id", nullable=True),
    varchar("visitor_email", 254, index=True),
    varchar("visitor_name", 120),
    varchar("page_url", 200, nullable=False),
    varchar("slack_channel", 40, nullable=False),
    varchar("agent_ref", 16, nullable=False),
    sa.Column("transcript", sa.Text, nullable=False),
    timestamp("started_at", nullable=False),
    timestamp("ended_at"),
)
HUBSPOT_CONTACTS = sa.Table(
    "hubspot_contacts",
    METADATA,
    pk(),
    varchar("hubspot_id", 16, nullable=False, unique=True),
    varchar("email", 254, nullable=False, unique=True),
    varchar("first_name", 60),
    varchar("last_name", 60),
    varchar("company", 120),
    varchar("job_title", 80),
    varchar("phone", 20),
    varchar("lifecycle_stage", 24, nullable=False),
    varchar("lead_source", 24, nullable=False),
    varchar("original_source_url", 200),
    fk("user_id", "users.id", nullable=True),
    timestamp("created_at", nullable=False),
    timestamp("last_synced_at", nullable=False),
)
EMAIL_EVENTS = sa.Table(
    "email_events",
    METADATA,
    pk(),
    fk("contact_id", "hubspot_contacts.id"),
    varchar("campaign", 80, nullable=False),
    varchar("event_type", 8, nullable=False),
    timestamp("occurred_at", nullable=False),
    varchar("link_url", 200),
    varchar("ip_address", 45),
    varchar("user_agent", 200),
)
ACCESS_LOGS = sa.Table(
    "access_logs",
    METADATA,
    pk(),
    timestamp("occurred_at", nullable=False),
    varchar("ip_address", 45, nullable=False),
    fk("user_id", "users.id", nullable=True),
    varchar("method", 7, nullable=False),
    varchar("path", 200, nullable=False),
    integer("status_code", nullable=False),
    integer("response_bytes", nullable=False),
    integer("duration_ms", nullable=False),
    varchar("user_agent", 200),
    varchar("referrer", 200),
)
ERROR_LOGS = sa.Table(
    "error_logs",
    METADATA,
    pk(),
    timestamp("occurred_at", nullable=False),
    varchar("ip_address", 45, nullable=False),
    fk("user_id", "users.id", nullable=True),
    varchar("level", 8, nullable=False),
    varchar("path", 200, nullable=False),
    varchar("error", 200, nullable=False),
    varchar("request_id", 32, nullable=False),
)
WEB_TRAFFIC_DAILY = sa.Table(
    "web_traffic_daily",
    METADATA,
    pk(),
    sa.Column("day", sa.Date, nullable=False),
    varchar("page", 80, nullable=False),
    varchar("source", 24, nullable=False),
    integer("sessions", nullable=False),
    integer("users", nullable=False),
    integer("avg_engagement_s", nullable=False),
)
BACKUPS = sa.Table(
    "backups",
    METADATA,
    pk(),
    timestamp("taken_at", nullable=False),
    varchar("kind", 12, nullable=False),
    varchar("location", 24, nullable=False),
    varchar("storage_uri", 200, nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    timestamp("expires_at", nullable=False),
    varchar("status", 10, nullable=False),
)

# --------------------------------------------------------------------------- reference data

ORG_PREFIXES = (
    "Nordlys Vestkyst Havbris Polarlys Tindra Skagerak Fjellvann Kystlinje Solstreif "
    "Lofoten Saltstraum Trollheim Viken Breheim Nordkapp Elvebredd Furulund Storhav"
).split()
ORG_SUFFIXES = (
    "Media Eiendom Bygg Helse Energi Logistikk Reiser Regnskap Tech Marine Sjomat Arkitekter"
).split()
PLANS = ("starter", "business", "enterprise")
PLAN_PRICE_ORE = {"starter": 1_490_000, "business": 3_990_000, "enterprise": 9_900_000}
FONTS = ("Inter", "Roboto", "Montserrat", "Playfair Display", "Source Sans Pro", "Lato")
FOLDERS = ("Interviews", "B-roll", "Logos", "Events", "Product shots", "Drone")
VIDEO_TYPES = (
    ("customer_story", "Customer story"),
    ("recruitment", "Recruitment film"),
    ("product_launch", "Product launch"),
    ("event_recap", "Event recap"),
    ("explainer", "Explainer"),
    ("social_clip", "Social media clip"),
)
BRIEFS = (
    "Two-minute film for the careers page. Interviews with two employees and footage from "
    "the office. Subtitles in Norwegian and English.",
    "Short recap of our annual customer event with drone shots of the venue and quotes from "
    "the stage. Use the brand colours for titles.",
    "Launch video for the new service: problem, solution, call to action. Voice-over in "
    "English, 60 seconds, square format for social media.",
    "Customer story about the harbour project: site footage, one interview, logo at the end.",
    "Explainer with animated icons, no people on screen, 90 seconds.",
)
STORE_ITEMS = (
    ("Extra revision round", 250_000),
    ("Subtitles (one language)", 150_000),
    ("Stock music licence", 90_000),
    ("Additional format (9:16)", 120_000),
    ("Drone footage add-on", 450_000),
    ("Express delivery", 300_000),
)
SURVEY_COMMENTS = (
    None,
    "Fast delivery and good communication.",
    "Would like more music options in the editor.",
    "The ordering process was easy to follow.",
    "Subtitles took longer than expected.",
    "Great result, the team loved the recruitment film.",
)
CHAT_LINES = (
    (
        "How do I add subtitles to a video that is already delivered?",
        "You can order subtitles from the store on the video page; they arrive within two days.",
    ),
    (
        "Can we change the logo used in our videos?",
        "Yes, upload the new logo under Account settings, Brand, and it applies to new orders.",
    ),
    (
        "What does the business plan include?",
        "Four videos a month, brand templates and priority support. I can send the price list.",
    ),
    (
        "The upload of a large file stops at 90 percent.",
        "Thanks, we see a timeout on our side. Please try again, we raised the limit.",
    ),
)
PAGES = (
    "/app/dashboard",
    "/app/orders/new",
    "/app/orders",
    "/app/media",
    "/app/store",
    "/app/settings/brand",
    "/app/settings/account",
)
WEB_PAGES = ("/", "/pricing", "/customers", "/blog/recruitment-video-tips")
EVENTS = ("page_view", "click", "upload", "order_started", "order_submitted", "tag_added")
REFERRALS = (
    None,
    "https://www.google.com/",
    "https://www.linkedin.com/",
    "https://www.facebook.com/",
    "newsletter",
    "https://www.finn.no/",
)
LEAD_SOURCES = ("organic_search", "paid_social", "referral", "email_marketing", "direct")
LIFECYCLE = ("subscriber", "lead", "marketingqualifiedlead", "opportunity")
CAMPAIGNS = (
    "Vibbio newsletter {:%Y-%m}",
    "Webinar invitation: recruitment video {:%Y}",
    "Product news {:%Y-%m}",
    "Customer story digest {:%Y-%m}",
)
JOB_TITLES = ("Marketing manager", "CEO", "HR advisor", "Communications lead", "Project manager")
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148",
)
BROWSERS = (
    ("Chrome", "Windows", "desktop"),
    ("Safari", "macOS", "desktop"),
    ("Edge", "Windows", "desktop"),
    ("Safari", "iOS", "mobile"),
)
ERRORS = (
    "RenderTimeout: render job exceeded 300 s",
    "UploadError: connection reset during chunk upload",
    "ValidationError: unsupported codec in uploaded file",
    "PaymentError: card provider returned a temporary failure",
)


def org_number(rng: random.Random) -> str:
    """A Norwegian organisation number (nine digits, modulus-11 check digit)."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        body = [rng.choice((8, 9))] + [rng.randint(0, 9) for _ in range(7)]
        check = 11 - sum(w * d for w, d in zip(weights, body, strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, body)) + str(check)


class _Sample(Sample):
    """Builds every table's rows in memory, deterministically from one random generator."""

    @property
    def orgs(self) -> list[Row]:
        return self.rows["organizations"]

    # ------------------------------------------------------------------ organisations

    def organization(self, index: int) -> None:
        rng = self.rng
        if index == 0:
            name, trial = "Fjord AS", False
        else:
            name = f"{rng.choice(ORG_PREFIXES)} {rng.choice(ORG_SUFFIXES)} AS"
            trial = index == 1 or rng.random() < 0.4
        slug = name.removesuffix(" AS").lower().replace(" ", "-")
        if any(o["slug"] == slug for o in self.orgs):
            slug = f"{slug}-{index}"
        created = self.when(days=30) if index == 1 else self.when(ACCOUNTING_SPAN_DAYS)
        contact = fake.person(rng, 10_000 + index)
        paid: Row = {
            "billing_org_name": None,
            "org_number": None,
            "billing_contact_name": None,
            "invoice_email": None,
        }
        subscribed = None
        if not trial:
            # Most subscribe when the 14-day trial ends; some come back later.
            later = rng.random() < 0.25
            subscribed = created + dt.timedelta(days=14 if index == 0 else rng.randint(10, 20))
            subscribed = min(self.when(after=subscribed) if later else subscribed, self.now)
            paid = {
                "billing_org_name": name,
                "org_number": org_number(rng),
                "billing_contact_name": contact.full_name,
                "invoice_email": f"{contact.first_name.lower()}.{contact.last_name.lower()}"
                f"@{slug}.example",
            }
        self.add(
            ORGANIZATIONS,
            name=name,
            slug=slug,
            plan="trial" if trial else rng.choice(PLANS),
            is_trial=trial,
            country="NO" if rng.random() < 0.85 else rng.choice(["SE", "DK", "GB", "US"]),
            created_at=created,
            trial_ends_at=created + dt.timedelta(days=14) if trial else None,
            subscribed_at=subscribed,
            **paid,
        )

    def invoices(self, org: Row) -> None:
        """Quarterly subscription invoices since the subscription began (paid organisations)."""
        issued = org["subscribed_at"]
        price = PLAN_PRICE_ORE[org["plan"]] * 3
        while issued <= self.now:
            number = len(self.rows["invoices"]) + 1
            due = issued + dt.timedelta(days=14)
            paid = due <= self.now or self.rng.random() < 0.5
            self.add(
                INVOICES,
                invoice_number=f"VIB-{issued:%Y}-{number:05d}",
                organization_id=org["id"],
                issued_at=issued,
                due_at=due,
                billed_org_name=org["billing_org_name"],
                org_number=org["org_number"],
                contact_person=org["billing_contact_name"],
                invoice_email=org["invoice_email"],
                amount_ore=price,
                vat_ore=price // 4,
                status="paid" if paid else "sent",
                paid_at=issued + dt.timedelta(days=self.rng.randint(1, 14)) if paid else None,
            )
            issued += dt.timedelta(days=91)

    # ------------------------------------------------------------------ users

    def user(self, index: int, org: Row) -> Row:
        rng = self.rng
        p = fake.person(rng, index)
        if index < 2:  # the scenario's two Fjord users
            p.first_name, p.last_name = ("Kari", "Nilsen") if index == 0 else ("Lars", "Moen")
        p.full_name = f"{p.first_name} {p.last_name}"
        email = f"{p.first_name.lower()}.{p.last_name.lower()}{index}@{org['slug']}.example"
        created = self.when(after=org["created_at"])
        first = not any(u["organization_id"] == org["id"] for u in self.users)
        uid = self.add(
            USERS,
            organization_id=org["id"],
            email=email,
            full_name=p.full_name,
            password_hash="$2b$12$" + self.token(53),
            role="owner" if first else "member",
            locale=rng.choice(["nb-NO", "nb-NO", "en-GB"]),
            referral_source=rng.choice(REFERRALS),
            terms_accepted_at=created,
            created_at=created,
            last_login_at=self.when(after=created),
        )
        return {"id": uid, "person": p, "email": email, "created": created, "org": org}

    @property
    def users(self) -> list[Row]:
        return self.rows["users"]

    def brand(self, org: Row, user: Row) -> None:
        if any(b["organization_id"] == org["id"] for b in self.rows["brand_settings"]):
            return
        rng = self.rng
        self.add(
            BRAND_SETTINGS,
            organization_id=org["id"],
            logo_file=f"logo-{org['slug']}.svg",
            font_family=rng.choice(FONTS),
            primary_color=f"#{rng.randint(0, 0xFFFFFF):06X}",
            secondary_color=f"#{rng.randint(0, 0xFFFFFF):06X}",
            updated_at=self.when(after=user["created"]),
            updated_by_user_id=user["id"],
        )

    def media(self, user: Row) -> None:
        rng = self.rng
        for _ in range(rng.randint(0, 12)):
            kind = rng.choice(["video", "video", "image", "audio"])
            folder = rng.choice(FOLDERS)
            people = kind == "video" and folder in ("Interviews", "Events")
            ext = {"video": "mp4", "image": "jpg", "audio": "wav"}[kind]
            media_id = self.add(
                MEDIA_ASSETS,
                organization_id=user["org"]["id"],
                uploaded_by_user_id=user["id"],
                filename=f"{folder.lower().replace(' ', '-')}-{rng.randint(1, 999):03d}.{ext}",
                folder=folder,
                media_type=kind,
                size_bytes=rng.randint(200_000, 4_000_000_000),
                duration_s=rng.randint(5, 1800) if kind != "image" else None,
                storage_uri=f"gs://vibbio-media-us/{user['org']['slug']}/{self.token(24)}.{ext}",
                shows_people=people,
                uploaded_at=self.when(after=user["created"]),
            )
            if people:
                for n in range(rng.randint(1, 3)):
                    featured = fake.person(rng, 20_000 + media_id)
                    self.add(
                        MEDIA_NAMETAGS,
                        media_id=media_id,
                        person_name=featured.full_name,
                        person_title=rng.choice(JOB_TITLES),
                        appears_at_s=5 + 20 * n,
                    )

    def orders(self, user: Row) -> None:
        rng = self.rng
        org = user["org"]
        trial = org["is_trial"]
        for _ in range(rng.randint(0, 1) if trial else rng.randint(0, 5)):
            video_type, label = rng.choice(VIDEO_TYPES)
            ordered = self.when(after=user["created"])
            status = rng.choice(["draft", "in_production", "review", "delivered", "delivered"])
            self.add(
                VIDEO_ORDERS,
                organization_id=org["id"],
                ordered_by_user_id=user["id"],
                title=f"{label} {ordered:%Y}",
                video_type=video_type,
                brief=rng.choice(BRIEFS),
                status=status,
                price_nok=0 if trial else rng.choice([9_900, 14_900, 24_900, 39_900]),
                ordered_at=ordered,
                delivered_at=self.when(after=ordered) if status == "delivered" else None,
            )
        if trial:
            return  # the store needs billing information, which trials do not give (VIB-05)
        for _ in range(rng.randint(0, 3)):
            item, price = rng.choice(STORE_ITEMS)
            bought = self.when(after=max(user["created"], org["subscribed_at"]))
            invoice = next(
                (
                    i["id"]
                    for i in self.rows["invoices"]
                    if i["organization_id"] == org["id"] and i["issued_at"] >= bought
                ),
                None,
            )
            self.add(
                STORE_PURCHASES,
                organization_id=org["id"],
                purchased_by_user_id=user["id"],
                item=item,
                amount_ore=price,
                purchased_at=bought,
                invoice_id=invoice,
            )

    def survey(self, user: Row) -> None:
        if self.rng.random() < 0.3:
            at = self.when(after=user["created"])
            self.add(
                SURVEY_RESPONSES,
                user_id=user["id"],
                survey=f"NPS {at:%Y}-Q{(at.month - 1) // 3 + 1}",
                score=self.rng.randint(0, 10),
                comment=self.rng.choice(SURVEY_COMMENTS),
                submitted_at=at,
            )

    # ------------------------------------------------------------------ usage and logs

    def usage(self, user: Row) -> None:
        rng = self.rng
        browser, system, kind = rng.choice(BROWSERS)
        ip = fake.ipv4(rng)
        for _ in range(rng.randint(1, 6)):
            session = self.token(32)
            start = self.when(after=user["created"])
            for step in range(rng.randint(2, 8)):
                at = start + dt.timedelta(seconds=30 * step)
                page = rng.choice(PAGES)
                self.add(
                    USAGE_EVENTS,
                    user_id=user["id"],
                    session_id=session,
                    occurred_at=at,
                    event=rng.choice(EVENTS),
                    page=page,
                    element=rng.choice([None, "button.primary", "tag-input", "upload-zone"]),
                    browser=browser,
                    os=system,
                    device_type=kind,
                    render_ms=rng.randint(40, 2500),
                )
                self.access(at, ip, user["id"], page)
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            self.error(self.when(after=user["created"]), ip, user["id"])

    def access(self, at: dt.datetime, ip: str, user_id: int | None, path: str) -> None:
        rng = self.rng
        self.add(
            ACCESS_LOGS,
            occurred_at=at,
            ip_address=ip,
            user_id=user_id,
            method=rng.choice(["GET", "GET", "GET", "POST"]),
            path=path,
            status_code=rng.choice([200, 200, 200, 200, 302, 304, 404]),
            response_bytes=rng.randint(300, 900_000),
            duration_ms=rng.randint(5, 1500),
            user_agent=rng.choice(USER_AGENTS),
            referrer=rng.choice(REFERRALS[:4]) if user_id is None else None,
        )

    def error(self, at: dt.datetime, ip: str, user_id: int | None) -> None:
        self.add(
            ERROR_LOGS,
            occurred_at=at,
            ip_address=ip,
            user_id=user_id,
            level=self.rng.choice(["error", "error", "warning", "critical"]),
            path=self.rng.choice(PAGES),
            error=self.rng.choice(ERRORS),
            request_id=self.token(32),
        )

    # ------------------------------------------------------------------ processors

    def chat(self, user_id: int | None, email: str | None, name: str | None) -> None:
        rng = self.rng
        started = self.when()
        question, answer = rng.choice(CHAT_LINES)
        self.add(
            CHAT_TRANSCRIPTS,
            chatlio_conversation_id=f"chatlio-{self.token(24)}",
            user_id=user_id,
            visitor_email=email,
            visitor_name=name,
            page_url=f"https://vibbio.com{rng.choice(WEB_PAGES + PAGES)}",
            slack_channel="#support-chat",
            agent_ref=f"slack-U{self.token(8).upper()}",
            transcript=f"visitor: {question}\nagent: {answer}",
            started_at=started,
            ended_at=started + dt.timedelta(minutes=rng.randint(2, 40)),
        )

    def contact(self, p: fake.Person, email: str, user: Row | None) -> None:
        rng = self.rng
        created = user["created"] if user else self.when()
        contact_id = self.add(
            HUBSPOT_CONTACTS,
            hubspot_id=str(rng.randint(100_000_000, 99_999_999_999)),
            email=email,
            first_name=p.first_name,
            last_name=p.last_name,
            company=user["org"]["name"] if user else rng.choice([None, "Kommune", "Klinikk AS"]),
            job_title=rng.choice((None, *JOB_TITLES)),
            phone=p.phone if rng.random() < 0.5 else None,
            lifecycle_stage="customer" if user else rng.choice(LIFECYCLE),
            lead_source=rng.choice(LEAD_SOURCES),
            original_source_url=rng.choice(REFERRALS[1:4]),
            user_id=user["id"] if user else None,
            created_at=created,
            last_synced_at=self.when(after=created),
        )
        ip = fake.ipv4(rng)
        for _ in range(rng.randint(0, 15)):
            at = self.when(after=created)
            clicked = rng.random() < 0.3
            self.add(
                EMAIL_EVENTS,
                contact_id=contact_id,
                campaign=rng.choice(CAMPAIGNS).format(at),
                event_type="click" if clicked else "open",
                occurred_at=at,
                link_url="https://vibbio.com/pricing?utm_source=hubspot" if clicked else None,
                ip_address=ip,
                user_agent=rng.choice(USER_AGENTS),
            )

    # ------------------------------------------------------------------ operations

    def traffic(self) -> None:
        """Google Analytics numbers as Vibbio stores them: aggregated per day (VIB-12)."""
        rng = self.rng
        today = self.now.date()
        for back in range(180, 0, -1):
            day = today - dt.timedelta(days=back)
            for page in WEB_PAGES:
                sessions = rng.randint(20, 400)
                self.add(
                    WEB_TRAFFIC_DAILY,
                    day=day,
                    page=page,
                    source=rng.choice(LEAD_SOURCES),
                    sessions=sessions,
                    users=rng.randint(sessions // 2, sessions),
                    avg_engagement_s=rng.randint(10, 240),
                )

    def backups(self) -> None:
        """The backup register: nightly snapshots in GCP (US), weekly copies in Oslo, monthly
        archives (VIB-20, VIB-24)."""
        rng = self.rng
        plan = (
            ("nightly", 1, 35, 35, "gcp:us-central1"),
            ("weekly", 7, 12, 84, "oslo-office"),
            ("monthly", 30, 60, 365, "gcp:us-central1"),
        )
        for kind, every, count, keep, location in plan:
            last = (self.now - dt.timedelta(days=1)).replace(hour=2, minute=0, second=0)
            for n in range(count):
                taken = last - dt.timedelta(days=every * n)
                bucket = "gs://vibbio-backups-us" if location.startswith("gcp") else "nas://oslo"
                self.add(
                    BACKUPS,
                    taken_at=taken,
                    kind=kind,
                    location=location,
                    storage_uri=f"{bucket}/{kind}/{taken:%Y%m%d}.tar.zst",
                    size_bytes=rng.randint(5, 40) * 1_000_000_000,
                    expires_at=taken + dt.timedelta(days=keep),
                    status="expired" if taken + dt.timedelta(days=keep) < self.now else "ok",
                )

    # ------------------------------------------------------------------ everything

    def build(self, people: int) -> None:
        rng = self.rng
        n_orgs = max(2, people // 4)
        for index in range(n_orgs):
            self.organization(index)
        for org in self.orgs:
            if not org["is_trial"]:
                self.invoices(org)
        for index in range(people):
            if index < 2:  # Fjord AS's two users
                org = self.orgs[0]
            elif index - 1 < n_orgs:  # every other organisation gets at least one user
                org = self.orgs[index - 1]
            else:
                org = self.orgs[rng.randrange(1, n_orgs)]
            user = self.user(index, org)
            if not org["is_trial"] or rng.random() < 0.5:
                self.brand(org, user)
            self.media(user)
            self.orders(user)
            self.survey(user)
            self.usage(user)
            if index < 2 or rng.random() < 0.3:
                self.chat(user["id"], user["email"], None)
            if index < 2 or (not org["is_trial"] and rng.random() < 0.7):
                self.contact(user["person"], user["email"], user)
        self.prospects(people)
        self.traffic()
        self.backups()

    def prospects(self, people: int) -> None:
        """Website visitors and leads who never became users."""
        rng = self.rng
        for n in range(people // 3):
            p = fake.person(rng, 50_000 + n)
            email = fake.email_for(rng, p.first_name, p.last_name, 50_000 + n)
            if rng.random() < 0.6:
                self.contact(p, email, None)
            if rng.random() < 0.3:
                given = rng.random() < 0.6
                self.chat(None, email if given else None, p.full_name if given else None)
            ip = fake.ipv4(rng)
            for _ in range(rng.randint(1, 4)):
                self.access(self.when(), ip, None, rng.choice(WEB_PAGES))


def generate(
    engine: sa.Engine, *, people: int = 300, seed: int = 0, now: dt.datetime | None = None
) -> dict[str, int]:
    """Create Vibbio's tables in ``engine`` (dropping them first) and fill them.

    ``people`` users of the app (about a quarter as many organisations, and a third as many
    prospects); the same ``seed`` and ``now`` give the same rows. ``now`` (naive UTC) defaults
    to the current time. Returns the row count per table.
    """
    check_people(people)
    sample = _Sample(METADATA, random.Random(seed), now or utcnow())
    sample.build(people)
    write(engine, sample)
    return sample.counts(METADATA.tables)
