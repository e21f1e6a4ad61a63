"""Vivi VoIP's sample database: a UK business-telephony website, its customers and trackers.

:func:`generate` creates the tables below (SQLAlchemy Core, portable to SQLite, PostgreSQL and
MariaDB) and fills them with deterministic fake data for ``people`` people, spread over the five
years before ``now`` (seven for customers and their purchases):

- enquiries (website forms, e-mails and calls, VOI-05, VOI-06), customers and purchases
  (transaction details encrypted, VOI-25);
- marketing_subscribers (the Mailchimp audience, with consent, VOI-10, VOI-17) and
  email_engagement (opens and clicks, VOI-18);
- cookie_consents (the first-visit cookie control, VOI-13); analytics_hits (Google Analytics,
  VOI-15), hotjar_sessions and hotjar_pageviews (IP anonymised, country only, VOI-21,
  VOI-22), referral_cookies (conversion tracking, VOI-16) — only for browsers that allowed
  them;
- group_sharing_optouts (VOI-12) and group_shares (disclosures to group companies, VOI-27),
  never after the person opted out.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import string

import sqlalchemy as sa

from kept.examples import fake
from kept.examples._sample import (
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

__all__ = ["METADATA", "REFERRAL_VENDORS", "generate"]

# Customers (and so their purchases) reach further back, so that the six-year tax period has
# rows on both sides.
ACCOUNTING_SPAN_DAYS = 7 * 365
NOTICE_VERSION = "2018-05-16"
METADATA = sa.MetaData()


def _cookie_fk() -> sa.Column[str]:
    target = "cookie_consents.cookie_id"
    return sa.Column("cookie_id", sa.String(36), sa.ForeignKey(target), nullable=False, index=True)


CUSTOMERS = sa.Table(
    "customers",
    METADATA,
    pk(),
    varchar("account_number", 12, nullable=False, unique=True),
    varchar("email", 254, unique=True),
    varchar("full_name", 120),
    varchar("company_name", 120),
    varchar("phone", 20, index=True),
    varchar("billing_street", 120),
    varchar("billing_city", 60),
    varchar("billing_postcode", 10),
    varchar("password_hash", 60),
    varchar("status", 12, nullable=False),
    timestamp("created_at", nullable=False),
    timestamp("last_login_at"),
)
PURCHASES = sa.Table(
    "purchases",
    METADATA,
    pk(),
    fk("customer_id", "customers.id"),
    varchar("order_ref", 16, nullable=False, unique=True),
    timestamp("purchased_at", nullable=False),
    varchar("product", 60, nullable=False),
    integer("quantity", nullable=False),
    integer("amount_pence", nullable=False),
    integer("vat_pence", nullable=False),
    varchar("billing_name", 120, nullable=False),
    varchar("billing_address", 250, nullable=False),
    varchar("payment_method", 16, nullable=False),
    sa.Column("payment_details_encrypted", sa.Text),
    varchar("status", 12, nullable=False),
)
ENQUIRIES = sa.Table(
    "enquiries",
    METADATA,
    pk(),
    timestamp("submitted_at", nullable=False),
    varchar("channel", 10, nullable=False),
    varchar("full_name", 120, nullable=False),
    varchar("email", 254, nullable=False, index=True),
    varchar("phone", 20, index=True),
    varchar("company_name", 120),
    varchar("enquiry_type", 20, nullable=False),
    integer("seats"),
    sa.Column("message", sa.Text),
    varchar("page", 80),
    varchar("status", 12, nullable=False),
    fk("customer_id", "customers.id", nullable=True),
)
MARKETING_SUBSCRIBERS = sa.Table(
    "marketing_subscribers",
    METADATA,
    pk(),
    varchar("mailchimp_id", 32, nullable=False, unique=True),
    varchar("email", 254, nullable=False, unique=True),
    varchar("first_name", 60),
    varchar("status", 14, nullable=False),
    timestamp("consent_given_at"),
    varchar("consent_source", 20),
    varchar("consent_wording", 120),
    boolean("group_products_consent", nullable=False),
    timestamp("unsubscribed_at"),
    varchar("unsubscribe_channel", 16),
)
EMAIL_ENGAGEMENT = sa.Table(
    "email_engagement",
    METADATA,
    pk(),
    fk("subscriber_id", "marketing_subscribers.id"),
    varchar("campaign", 80, nullable=False),
    varchar("event", 8, nullable=False),
    timestamp("occurred_at", nullable=False),
    varchar("url", 200),
)
COOKIE_CONSENTS = sa.Table(
    "cookie_consents",
    METADATA,
    varchar("cookie_id", 36, nullable=False, primary_key=True),
    timestamp("first_visit_at", nullable=False),
    timestamp("decided_at"),
    varchar("decision", 10),
    boolean("analytics", nullable=False),
    boolean("marketing", nullable=False),
    varchar("notice_version", 10, nullable=False),
    varchar("banner_version", 10, nullable=False),
)
ANALYTICS_HITS = sa.Table(
    "analytics_hits",
    METADATA,
    pk(),
    _cookie_fk(),
    varchar("ga_client_id", 40, nullable=False),
    timestamp("occurred_at", nullable=False),
    varchar("page_path", 120, nullable=False),
    varchar("referrer_domain", 80),
    varchar("device_category", 10),
    varchar("browser", 24),
    varchar("country", 2),
    integer("session_number", nullable=False),
)
HOTJAR_SESSIONS = sa.Table(
    "hotjar_sessions",
    METADATA,
    pk(),
    _cookie_fk(),
    varchar("hotjar_user_id", 36, nullable=False),
    timestamp("started_at", nullable=False),
    varchar("ip_anonymized", 15, nullable=False),
    varchar("country", 2, nullable=False),
    varchar("device_type", 10),
    varchar("screen_size", 11),
    varchar("browser", 24),
    varchar("language", 8),
    varchar("referring_domain", 80),
)
HOTJAR_PAGEVIEWS = sa.Table(
    "hotjar_pageviews",
    METADATA,
    pk(),
    fk("session_id", "hotjar_sessions.id"),
    timestamp("viewed_at", nullable=False),
    varchar("page_path", 120, nullable=False),
)
REFERRAL_COOKIES = sa.Table(
    "referral_cookies",
    METADATA,
    pk(),
    _cookie_fk(),
    varchar("vendor", 40, nullable=False),
    varchar("cookie_name", 40, nullable=False),
    varchar("click_ref", 64, nullable=False),
    varchar("campaign", 40),
    timestamp("set_at", nullable=False),
    timestamp("expires_at", nullable=False),
    timestamp("converted_at"),
)
GROUP_SHARING_OPTOUTS = sa.Table(
    "group_sharing_optouts",
    METADATA,
    pk(),
    varchar("email", 254, nullable=False, index=True),
    timestamp("opted_out_at", nullable=False),
    varchar("channel", 16, nullable=False),
    varchar("scope", 32, nullable=False),
)
GROUP_SHARES = sa.Table(
    "group_shares",
    METADATA,
    pk(),
    fk("subscriber_id", "marketing_subscribers.id"),
    varchar("group_company", 60, nullable=False),
    varchar("purpose", 40, nullable=False),
    varchar("fields_shared", 100, nullable=False),
    timestamp("shared_at", nullable=False),
)

# --------------------------------------------------------------------------- reference data

# Referral and advertising vendors' cookies: vendor, cookie name, lifetime in days. VOI-16:
# they "typically expire after 30 days, though some may take longer" — Google Ads' click
# cookie lives 90 days, the documented exception.
REFERRAL_VENDORS = (
    ("Awin", "AwinChannelCookie", 30),
    ("Partnerize", "prf_click", 30),
    ("Google Ads", "_gcl_aw", 90),
)
UK_CITIES = ("London", "Manchester", "Leeds", "Bristol", "Birmingham", "Sheffield", "Nottingham")
UK_STREETS = ("High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Road")
PRODUCTS = (
    ("Hosted VoIP - per seat (12 months)", 14_400),
    ("SIP trunk - per channel (12 months)", 9_000),
    ("Yealink T46U handset", 12_900),
    ("Yealink W76P DECT bundle", 16_500),
    ("Number porting", 2_500),
    ("Business broadband (12 months)", 42_000),
)
ENQUIRY_TYPES = ("hosted_voip", "sip_trunk", "broadband", "handsets", "number_porting", "support")
MESSAGES = (
    "We are moving office next month and would like a quote for {n} hosted phone lines.",
    "Please call back about replacing our ISDN lines before the switch-off, about {n} users.",
    "Do your handsets work with our existing headsets? We have {n} staff in the office.",
    "Looking for SIP trunks for {n} channels to connect our existing phone system.",
    "Can we keep our current numbers if we move {n} users to your hosted service?",
)
PAGES = (
    "/",
    "/hosted-voip",
    "/sip-trunks",
    "/broadband",
    "/handsets",
    "/contact",
    "/hosted-voip/quote",
    "/about",
)
REFERRERS = (None, "google.com", "google.co.uk", "bing.com", "linkedin.com", "yell.com")
CAMPAIGNS = ("Vivi monthly - {:%B %Y}", "Vivi product news - {:%B %Y}")
GROUP_COMPANIES = ("Vivi group: holding company", "Vivi group: sister company")
SCREENS = ("1920x1080", "1366x768", "1536x864", "390x844", "414x896", "2560x1440")


class _Sample(Sample):
    """Builds every table's rows in memory, deterministically from one random generator."""

    def uuid(self) -> str:
        h = "".join(self.rng.choice("0123456789abcdef") for _ in range(32))
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def postcode(self) -> str:
        letters = string.ascii_uppercase
        rng = self.rng
        area = rng.choice(["M", "LS", "BS", "B", "S", "NG", "SW", "EC", "N"])
        inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        return f"{area}{rng.randint(1, 20)} {inward}"

    # ------------------------------------------------------------------ people

    def person(self, index: int) -> None:
        """Everything one person leaves with Vivi: enquiries, purchases, newsletter, opt-outs,
        and the browsers they visited the site with."""
        rng = self.rng
        p = fake.person(rng, index)
        p.phone = fake.phone(rng, "GB")
        company = rng.choice(
            [None, f"{rng.choice(UK_CITIES)} Dental Practice", "Northgate Legal LLP"]
        )
        customer_id = None
        if rng.random() < 0.5:
            customer_id = self.enquiry(p, company)
        if rng.random() < 0.45:
            self.subscriber(p)
        for _ in range(rng.choice([1, 1, 2])):
            self.browser()
        if customer_id is not None:
            self.purchases(customer_id, p, company)

    def enquiry(self, p: fake.Person, company: str | None) -> int | None:
        """One or two enquiries; about a third become customers (returns the customer id)."""
        rng = self.rng
        customer_id = None
        first = self.when()
        if rng.random() < 0.5:
            since = self.when(ACCOUNTING_SPAN_DAYS)
            first = since - dt.timedelta(days=rng.randint(1, 60))
            customer_id = self.customer(p, company, since)
        for n in range(rng.choice([1, 1, 2])):
            at = first if n == 0 else self.when(after=first)
            seats = rng.choice([2, 3, 5, 8, 12, 20, 40])
            self.add(
                ENQUIRIES,
                submitted_at=at,
                channel=rng.choice(["web_form", "web_form", "email", "phone"]),
                full_name=p.full_name,
                email=p.email,
                phone=p.phone if rng.random() < 0.8 else None,
                company_name=company,
                enquiry_type=rng.choice(ENQUIRY_TYPES),
                seats=seats,
                message=rng.choice(MESSAGES).format(n=seats),
                page=rng.choice(["/contact", "/hosted-voip/quote", "/sip-trunks"]),
                status="won" if customer_id else rng.choice(["new", "contacted", "quoted", "lost"]),
                customer_id=customer_id,
            )
        return customer_id

    def customer(self, p: fake.Person, company: str | None, created: dt.datetime) -> int:
        rng = self.rng
        number = len(self.rows["customers"]) + 1
        portal = rng.random() < 0.6
        return self.add(
            CUSTOMERS,
            account_number=f"VIVI-{10_000 + number}",
            email=p.email,
            full_name=p.full_name,
            company_name=company,
            phone=p.phone,
            billing_street=f"{rng.randint(1, 200)} {rng.choice(UK_STREETS)}",
            billing_city=rng.choice(UK_CITIES),
            billing_postcode=self.postcode(),
            password_hash="$2b$12$" + self.token(53) if portal else None,
            status=rng.choice(["active", "active", "active", "closed"]),
            created_at=created,
            last_login_at=self.when(after=created) if portal else None,
        )

    def purchases(self, customer_id: int, p: fake.Person, company: str | None) -> None:
        rng = self.rng
        customer = self.rows["customers"][customer_id - 1]
        address = (
            f"{customer['billing_street']}, {customer['billing_city']} "
            f"{customer['billing_postcode']}"
        )
        for n in range(rng.randint(1, 5)):
            # the first order comes with the account, later ones whenever
            first = customer["created_at"] + dt.timedelta(days=rng.randint(0, 20))
            when = min(first, self.now) if n == 0 else self.when(after=customer["created_at"])
            product, price = rng.choice(PRODUCTS)
            quantity = rng.randint(1, 12)
            amount = price * quantity
            method = rng.choice(["card", "card", "direct_debit"])
            # VOI-25: transaction details are stored encrypted (here an opaque envelope).
            secret = base64.b64encode(rng.randbytes(48)).decode("ascii")
            self.add(
                PURCHASES,
                customer_id=customer_id,
                order_ref=f"VV{len(self.rows['purchases']) + 1:08d}",
                purchased_at=when,
                product=product,
                quantity=quantity,
                amount_pence=amount,
                vat_pence=amount // 5,
                billing_name=company or p.full_name,
                billing_address=address,
                payment_method=method,
                payment_details_encrypted=f"enc:v1:{secret}",
                status=rng.choice(["paid", "paid", "paid", "refunded"]),
            )

    # ------------------------------------------------------------------ marketing

    def subscriber(self, p: fake.Person) -> None:
        """A newsletter sign-up: always with a consent record (VOI-10); some unsubscribe later
        (VOI-19) and some opt out of group sharing (VOI-12)."""
        rng = self.rng
        consented = self.when()
        left = rng.random() < 0.2
        group = rng.random() < 0.5
        sub_id = self.add(
            MARKETING_SUBSCRIBERS,
            mailchimp_id=self.token(32).lower(),
            email=p.email,
            first_name=p.first_name if rng.random() < 0.8 else None,
            status="unsubscribed" if left else "subscribed",
            consent_given_at=consented,
            consent_source=rng.choice(["newsletter_form", "quote_form", "event"]),
            consent_wording="Yes, please send me the monthly newsletter",
            group_products_consent=group,
            unsubscribed_at=self.when(after=consented) if left else None,
            unsubscribe_channel=rng.choice(["email_link", "email_link", "dpo_email"])
            if left
            else None,
        )
        for _ in range(rng.randint(0, 20)):
            at = self.when(after=consented)
            clicked = rng.random() < 0.25
            self.add(
                EMAIL_ENGAGEMENT,
                subscriber_id=sub_id,
                campaign=rng.choice(CAMPAIGNS).format(at),
                event="click" if clicked else "open",
                occurred_at=at,
                url=f"https://www.vivivoip.co.uk{rng.choice(PAGES)}" if clicked else None,
            )
        opted_out = None
        if rng.random() < 0.15:
            opted_out = self.when(after=consented)
            self.add(
                GROUP_SHARING_OPTOUTS,
                email=p.email,
                opted_out_at=opted_out,
                channel=rng.choice(["dpo_email", "unsubscribe_page", "phone"]),
                scope=rng.choice(["group_sharing", "marketing_and_group_sharing"]),
            )
        if group:
            self.shares(sub_id, consented, opted_out)

    def shares(self, sub_id: int, since: dt.datetime, opted_out: dt.datetime | None) -> None:
        """Disclosures to group companies (VOI-27), none after an opt-out (VOI-12)."""
        rng = self.rng
        for _ in range(rng.randint(0, 3)):
            at = self.when(after=since)
            if opted_out is not None and at >= opted_out:
                continue
            self.add(
                GROUP_SHARES,
                subscriber_id=sub_id,
                group_company=rng.choice(GROUP_COMPANIES),
                purpose="group product marketing",
                fields_shared="email,first_name",
                shared_at=at,
            )

    # ------------------------------------------------------------------ website

    def browser(self) -> None:
        """A browser's cookie choice and what its choice let the trackers record (VOI-13)."""
        rng = self.rng
        cookie = self.uuid()
        first = self.when()
        decision = rng.choices(["allow_all", "deny", "custom", None], [50, 25, 15, 10])[0]
        analytics = decision == "allow_all" or (decision == "custom" and rng.random() < 0.7)
        marketing = decision == "allow_all" or (decision == "custom" and rng.random() < 0.3)
        self.add(
            COOKIE_CONSENTS,
            cookie_id=cookie,
            first_visit_at=first,
            decided_at=first + dt.timedelta(seconds=rng.randint(2, 90)) if decision else None,
            decision=decision,
            analytics=analytics,
            marketing=marketing,
            notice_version=NOTICE_VERSION,
            banner_version=rng.choice(["cc-7.4", "cc-8.0", "cc-9.1"]),
        )
        country = rng.choices(["GB", "IE", "US", "DE"], [85, 6, 6, 3])[0]
        if analytics:
            self.analytics(cookie, first, country)
            self.hotjar(cookie, first, country)
        if marketing and rng.random() < 0.4:
            self.referral(cookie, first)

    def analytics(self, cookie: str, first: dt.datetime, country: str) -> None:
        rng = self.rng
        # GA's client ID: a random number and the first visit's epoch second (drawn, not taken
        # from the clock, so that the sample does not depend on when it is generated).
        client = f"GA1.1.{rng.randint(10**8, 10**10 - 1)}.{rng.randint(15 * 10**8, 175 * 10**7)}"
        device = rng.choice(["desktop", "desktop", "mobile", "tablet"])
        browser = rng.choice(["Chrome", "Safari", "Edge", "Firefox"])
        for n in range(rng.randint(2, 12)):
            self.add(
                ANALYTICS_HITS,
                cookie_id=cookie,
                ga_client_id=client,
                occurred_at=self.when(after=first),
                page_path=rng.choice(PAGES),
                referrer_domain=rng.choice(REFERRERS),
                device_category=device,
                browser=browser,
                country=country,
                session_number=1 + n // 3,
            )

    def hotjar(self, cookie: str, first: dt.datetime, country: str) -> None:
        """Hotjar keeps the IP address anonymised (last octet zeroed, VOI-21) and the location
        at country level only (VOI-22)."""
        rng = self.rng
        user = self.uuid()
        for _ in range(rng.randint(1, 3)):
            start = self.when(after=first)
            ip = fake.ipv4(rng).rsplit(".", 1)[0] + ".0"
            session = self.add(
                HOTJAR_SESSIONS,
                cookie_id=cookie,
                hotjar_user_id=user,
                started_at=start,
                ip_anonymized=ip,
                country=country,
                device_type=rng.choice(["desktop", "mobile", "tablet"]),
                screen_size=rng.choice(SCREENS),
                browser=rng.choice(["Chrome", "Safari", "Edge", "Firefox"]),
                language=rng.choice(["en-GB", "en-GB", "en-US", "pl-PL"]),
                referring_domain=rng.choice(REFERRERS),
            )
            for step in range(rng.randint(1, 6)):
                self.add(
                    HOTJAR_PAGEVIEWS,
                    session_id=session,
                    viewed_at=start + dt.timedelta(seconds=20 * step),
                    page_path=rng.choice(PAGES),
                )

    def referral(self, cookie: str, first: dt.datetime) -> None:
        rng = self.rng
        vendor, name, days = rng.choice(REFERRAL_VENDORS)
        at = self.when(after=first)
        expires = at + dt.timedelta(days=days)
        converted = self.when(after=at) if rng.random() < 0.2 else None
        self.add(
            REFERRAL_COOKIES,
            cookie_id=cookie,
            vendor=vendor,
            cookie_name=name,
            click_ref=self.token(40),
            campaign=rng.choice(["hosted-voip-uk", "sip-trunks", "isdn-switch-off", None]),
            set_at=at,
            expires_at=expires,
            converted_at=converted if converted and converted < expires else None,
        )


def generate(
    engine: sa.Engine, *, people: int = 300, seed: int = 0, now: dt.datetime | None = None
) -> dict[str, int]:
    """Create Vivi's tables in ``engine`` (dropping them first) and fill them.

    ``people`` visitors, enquirers, customers and subscribers, plus as many anonymous
    browsers; the same ``seed`` and ``now`` give the same rows. ``now`` (naive UTC) defaults
    to the current time. Returns the row count per table.
    """
    check_people(people)
    sample = _Sample(METADATA, random.Random(seed), now or utcnow())
    for index in range(people):
        sample.person(index)
    for _ in range(people):  # visitors who never gave their name
        sample.browser()
    write(engine, sample)
    return sample.counts(METADATA.tables)
