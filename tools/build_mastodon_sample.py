"""Turn schema.rb (an excerpt of Mastodon's) into PostgreSQL DDL and generate rows: mastodon.sql.

    .venv/bin/python tools/build_mastodon_sample.py

The rows are generated (Mastodon ships no sample data), deterministic (seeded), and include
what a real instance holds and the other samples lack: upper-case e-mail addresses, phone
numbers in several formats inside bios and reports, IP addresses, bcrypt hashes, tokens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "mastodon"
TYPES = {
    "string": "character varying",
    "text": "text",
    "bigint": "bigint",
    "integer": "integer",
    "boolean": "boolean",
    "datetime": "timestamp",
    "date": "date",
    "inet": "inet",
    "jsonb": "jsonb",
    "json": "json",
    "float": "double precision",
}
SINGULAR = {"statuses": "status", "accounts": "account", "users": "user"}


def ddl(schema: str) -> tuple[list[str], dict[str, list[str]]]:
    out: list[str] = []
    columns: dict[str, list[str]] = {}
    fks: list[str] = []
    table = ""
    body: list[str] = []
    for line in schema.splitlines():
        line = line.strip()
        if m := re.match(r'create_table "(\w+)"', line):
            table = m.group(1)
            composite = re.search(r"primary_key: \[([^\]]+)\]", line)
            body = [] if composite else ["id bigserial PRIMARY KEY"]
            columns[table] = [] if composite else ["id"]
        elif m := re.match(r't\.(\w+) "(\w+)"(.*)', line):
            kind, name, rest = m.groups()
            col = f"{name} {TYPES[kind]}{'[]' if 'array: true' in rest else ''}"
            if d := re.search(r'default: ("[^"]*"|\[\]|-?[\d.]+|true|false)', rest):
                value = d.group(1)
                value = {"[]": "'{}'", '""': "''"}.get(value, value.replace('"', "'"))
                col += f" DEFAULT {value}"
            if "null: false" in rest:
                col += " NOT NULL"
            body.append(col)
            columns[table].append(name)
        elif m := re.match(r't\.index \[([^\]]+)\], name: "(\w+)", unique: true$', line):
            cols = m.group(1).replace('"', "")
            body.append(f"CONSTRAINT {m.group(2)} UNIQUE ({cols})")
        elif line == "end" and table:
            out.append(f"CREATE TABLE {table} (\n  " + ",\n  ".join(body) + "\n);")
            table = ""
        elif m := re.match(r'add_foreign_key "(\w+)", "(\w+)"(.*)', line):
            src, dst, rest = m.groups()
            c = re.search(r'column: "(\w+)"', rest)
            column = c.group(1) if c else SINGULAR[dst] + "_id"
            action = "CASCADE" if "cascade" in rest else "SET NULL"
            fks.append(
                f"ALTER TABLE {src} ADD FOREIGN KEY ({column}) REFERENCES {dst} (id) "
                f"ON DELETE {action};"
            )
    return out + fks, columns


GIVEN = (
    "Ingrid Ola Kari Sindre Astrid Lars Maren Jonas Hanne Eirik Amélie Léa Hugo Chloé Mathis "
    "Lukas Anna Felix Marie Jonas Sophie Ahmed Fatima Yusuf Priya Arjun Mei Hiroshi Olu Zanele "
    "Sean Niamh Tomasz Agnieszka Mateo Lucía Giulia Marco Emma Liam"
).split()
FAMILY = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Berg Haugen Bakken Dubois Lefebvre "
    "Moreau Laurent Müller Schmidt Schneider Fischer Weber Becker Khan Patel Nakamura Tanaka "
    "Okafor Dlamini Murphy Kowalski Nowak García Rossi Bianchi Smith Jones"
).split()
PHONES = (
    "+47 912 34 567",
    "(212) 555-0143",
    "0711-555361",
    "+44 7700 900123",
    "98 76 54 32",
    "+4791234567",
    "030 1234 5678",
    "06 12 34 56 78",
)
AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Tusky/25.2 Android/14",
)
POSTS = (
    "Good morning from the fjord! Coffee first, then code.",
    "Reading a paper on CRDTs today. Recommendations welcome.",
    "The ferry was late again. Third time this week.",
    "New blog post about self-hosting is up.",
    "Anyone going to the meetup on Thursday?",
    "Just released version 2.1 of my little CLI tool.",
    "Rain, rain and more rain. Typical autumn.",
    "Thanks to everyone who donated to the instance this month!",
)


def q(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def rows() -> list[str]:
    rnd = random.Random(13)
    base = dt.datetime(2024, 1, 1)
    stmts: list[str] = []

    def insert(table: str, values: dict[str, object]) -> None:
        cols = ", ".join(values)
        stmts.append(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(map(q, values.values()))});")

    def when(days: int = 600) -> str:
        return str(base + dt.timedelta(minutes=rnd.randrange(days * 1440)))

    n = 40
    people = []
    for i in range(1, n + 1):
        given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
        username = f"{given.lower()}{rnd.randrange(10, 99)}".encode("ascii", "ignore").decode()
        people.append((given, family, username))
        note = rnd.choice(
            (
                f"Developer in Oslo. Reach me on {rnd.choice(PHONES)}.",
                "Photographer. Cats. Trains.",
                f"Say hi: {username}@example.social",
                f"{given} {family}, maintainer of a few small libraries.",
                "Opinions are my own.",
            )
        )
        domain = None if i % 4 else rnd.choice(("mastodon.social", "fosstodon.org"))
        created = when()
        insert(
            "accounts",
            {
                "id": i,
                "username": username,
                "domain": domain,
                "private_key": None
                if domain
                else "-----BEGIN RSA PRIVATE KEY-----\nMIIE"
                + hashlib.sha256(username.encode()).hexdigest()
                + "\n-----END RSA PRIVATE KEY-----",
                "public_key": "-----BEGIN PUBLIC KEY-----\nMIIB"
                + hashlib.sha1(username.encode()).hexdigest()
                + "\n-----END PUBLIC KEY-----",
                "created_at": created,
                "updated_at": created,
                "note": note,
                "display_name": f"{given} {family}"
                if i % 5
                else f"{given.upper()} {family.upper()}",
                "uri": f"https://{domain or 'kept.example'}/users/{username}",
                "url": f"https://{domain or 'kept.example'}/@{username}",
                "avatar_file_name": f"{hashlib.md5(username.encode()).hexdigest()[:16]}.jpg",
                "avatar_content_type": "image/jpeg",
                "avatar_file_size": rnd.randrange(20_000, 400_000),
                "inbox_url": f"https://{domain or 'kept.example'}/users/{username}/inbox",
                "followers_url": f"https://{domain or 'kept.example'}/users/{username}/followers",
                "actor_type": "Person",
                "discoverable": rnd.random() < 0.7,
            },
        )
    for i in range(1, n + 1):
        if i % 4 == 0:
            continue  # remote accounts have no user
        given, family, username = people[i - 1]
        email = f"{username}@{rnd.choice(('example.com', 'mail.example.org', 'example.no'))}"
        if i % 3 == 0:
            email = email.upper()  # as typed on a phone with caps lock
        created = when()
        insert(
            "users",
            {
                "id": i,
                "email": email,
                "created_at": created,
                "updated_at": created,
                "encrypted_password": "$2a$10$" + hashlib.sha256(email.encode()).hexdigest()[:53],
                "reset_password_token": hashlib.sha1(email.encode()).hexdigest()
                if i % 7 == 0
                else None,
                "sign_in_count": rnd.randrange(1, 300),
                "current_sign_in_at": when(),
                "last_sign_in_at": when(),
                "confirmation_token": hashlib.md5(email.encode()).hexdigest() + str(i),
                "confirmed_at": created,
                "unconfirmed_email": f"{given.lower()}.{family.lower()}@example.net".upper()
                if i % 6 == 0
                else None,
                "locale": rnd.choice(("en", "nb", "de", "fr")),
                "account_id": i,
                "sign_up_ip": f"{rnd.randrange(1, 223)}.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}",
                "time_zone": rnd.choice(("Europe/Oslo", "Europe/Berlin", "Europe/Paris")),
                "otp_secret": hashlib.sha256(username.encode()).hexdigest()[:32]
                if i % 3 == 0
                else None,
            },
        )
    users = [i for i in range(1, n + 1) if i % 4]
    for k in range(120):
        user = rnd.choice(users)
        insert(
            "login_activities",
            {
                "user_id": user,
                "authentication_method": rnd.choice(("password", "otp", "webauthn")),
                "success": rnd.random() < 0.9,
                "ip": f"{rnd.randrange(1, 223)}.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
                if k % 5
                else f"2001:db8:{rnd.randrange(65536):x}::{rnd.randrange(65536):x}",
                "user_agent": rnd.choice(AGENTS),
                "created_at": when(),
            },
        )
        insert(
            "session_activations",
            {
                "session_id": hashlib.sha256(f"s{k}".encode()).hexdigest()[:32],
                "created_at": when(),
                "updated_at": when(),
                "user_agent": rnd.choice(AGENTS),
                "ip": f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}",
                "user_id": user,
            },
        )
    for k in range(1, 201):
        author = rnd.randrange(1, n + 1)
        text = rnd.choice(POSTS)
        if k % 6 == 0:
            other = people[rnd.randrange(n)]
            text = f"Congratulations {other[0]} {other[1]} on the new job!"
        created = when()
        insert(
            "statuses",
            {
                "id": k,
                "text": text,
                "created_at": created,
                "updated_at": created,
                "url": f"https://kept.example/@{people[author - 1][2]}/{k}",
                "visibility": rnd.randrange(4),
                "language": rnd.choice(("en", "nb", "de")),
                "local": author % 4 != 0,
                "account_id": author,
            },
        )
    for k in range(60):
        a, b = rnd.sample(range(1, n + 1), 2)
        insert(
            "mentions",
            {
                "status_id": rnd.randrange(1, 201),
                "created_at": when(),
                "updated_at": when(),
                "account_id": a,
            },
        )
    stmts.append(
        "DELETE FROM mentions a USING mentions b WHERE a.id > b.id AND a.account_id = b.account_id AND a.status_id = b.status_id;"
    )
    for k in range(15):
        a, b = rnd.sample(range(1, n + 1), 2)
        phone = rnd.choice(PHONES)
        insert(
            "reports",
            {
                "comment": rnd.choice(
                    (
                        f"This account keeps posting my phone number {phone}. Please remove.",
                        "Spam links in every reply.",
                        f"Harassment. They wrote to my e-mail {people[a - 1][2]}@example.com as well.",
                        "Impersonating a public figure.",
                    )
                ),
                "created_at": when(),
                "updated_at": when(),
                "account_id": a,
                "target_account_id": b,
                "assigned_account_id": 1 if k % 2 else None,
                "category": rnd.randrange(4),
            },
        )
        insert(
            "account_moderation_notes",
            {
                "content": f"Warned on {when()[:10]}; see report. Contact: {phone}",
                "account_id": 1,
                "target_account_id": b,
                "created_at": when(),
                "updated_at": when(),
            },
        )
    seen = set()
    for k in range(40):
        a, b = rnd.sample(range(1, n + 1), 2)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        insert(
            "account_notes",
            {
                "account_id": a,
                "target_account_id": b,
                "comment": rnd.choice(
                    (
                        f"Met {people[b - 1][0]} {people[b - 1][1]} at FOSDEM",
                        "colleague",
                        f"phone {rnd.choice(PHONES)}",
                        "knows about Rust",
                    )
                ),
                "created_at": when(),
                "updated_at": when(),
            },
        )
        insert(
            "blocks",
            {"created_at": when(), "updated_at": when(), "account_id": a, "target_account_id": b},
        ) if k % 4 == 0 else None
        insert(
            "bookmarks",
            {"account_id": a, "status_id": k + 1, "created_at": when(), "updated_at": when()},
        )
    for k, user in enumerate(users[:12]):
        insert(
            "webauthn_credentials",
            {
                "external_id": hashlib.sha256(f"w{k}".encode()).hexdigest(),
                "public_key": hashlib.sha512(f"p{k}".encode()).hexdigest(),
                "nickname": rnd.choice(("YubiKey", "Laptop", "Phone")) + f" {k}",
                "user_id": user,
                "created_at": when(),
                "updated_at": when(),
            },
        )
        insert(
            "user_invite_requests",
            {
                "user_id": user,
                "text": rnd.choice(
                    (
                        "I would like to join to talk about open source in Norway.",
                        f"Hi, I'm {people[user - 1][0]}, a friend of the admin.",
                        None,
                    )
                ),
                "created_at": when(),
                "updated_at": when(),
            },
        )
        insert(
            "account_aliases",
            {
                "account_id": user,
                "acct": f"{people[user - 1][2]}@mastodon.social",
                "uri": f"https://mastodon.social/users/{people[user - 1][2]}",
                "created_at": when(),
                "updated_at": when(),
            },
        )
    for name in ("rust", "fediverse", "oslo", "photography", "opensource"):
        insert(
            "tags",
            {
                "name": name,
                "created_at": when(),
                "updated_at": when(),
                "display_name": name.title(),
            },
        )
    for table in ("accounts", "users", "statuses"):
        stmts.append(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}));"
        )
    return stmts


def main() -> None:
    statements, _ = ddl((HERE / "schema.rb").read_text(encoding="utf-8"))
    creates = [s for s in statements if s.startswith("CREATE")]
    alters = [s for s in statements if s.startswith("ALTER")]
    text = "-- Generated by tools/build_mastodon_sample.py from schema.rb; do not edit by hand.\n"
    text += "\n\n".join(creates) + "\n\n" + "\n".join(rows()) + "\n\n" + "\n".join(alters) + "\n"
    (HERE / "mastodon.sql").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
