"""Records: the people a breach affects, and notifying people through the outbox.

- ``records.breach_people``: a breach of ``events_1`` of the synthetic company (1,000,000
  people with 2 rows each in PostgreSQL; quick: 10,000) — Kept's ``affected_people`` streams
  every affected identity (e-mail and phone, with the tenant, each identity once: phone
  numbers repeat among a million people). Baseline: the hand-written query of the same
  identities, ``SELECT 'email', email, tenant_id FROM people p WHERE EXISTS (SELECT 1 FROM
  events_1 e WHERE e.person_id = p.id) UNION SELECT 'phone_number', phone, ...``, read through
  a server-side cursor. Both are also measured for their peak Python memory (tracemalloc):
  streamed, it must not grow with the people.
- ``records.change_notify``: ``notify_change`` tells every person a material change of the
  notice concerns (100,000 people; quick: 2,000) through Kept's outbox mailer, one ``.eml``
  and one record each. Baseline: the same people selected by hand and the messages built with
  ``email.message`` and written as files in one loop.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa

from bench.measure import once, timeit, traced_peak
from bench.runner import Context, Figure, benchmark
from bench.synth import generate

BREACH_RATIO_TARGET = 1.5


def _people(ctx: Context, url: str, people: int, folder: Path) -> Path:
    ctx.log(f"generating {people:,} people with 2 events each")
    info = generate(
        url,
        people=people,
        tables=1,
        rows_per_person=2,
        tenants=4,
        manifest=folder / "kept.yaml",
    )
    assert info.manifest is not None
    return info.manifest


@benchmark("records.breach_people", needs=("postgres",))
def breach_people(ctx: Context) -> Iterator[Figure]:
    """People affected by a breach of a collection of 1,000,000 people (quick: 10,000)."""
    from kept.breach import Scope, affected_people
    from kept.execution.session import open_engines
    from kept.manifest import load_manifest

    people = ctx.size(10_000, 1_000_000)
    with ctx.database("postgres") as url, tempfile.TemporaryDirectory() as tmp:
        manifest = load_manifest(_people(ctx, url, people, Path(tmp)))
        dataset = manifest.manifest.dataset[0].fides_key
        scope = Scope(collections=(f"{dataset}.events_1",))

        engines = open_engines(manifest)  # kept open, as the baseline's engine is

        def kept() -> int:
            return sum(1 for _ in affected_people(manifest.manifest, scope, engines))

        engine = sa.create_engine(url)

        hand = (
            "SELECT 'email', p.email, p.tenant_id FROM people p WHERE p.email IS NOT NULL AND "
            "EXISTS (SELECT 1 FROM events_1 e WHERE e.person_id = p.id) UNION "
            "SELECT 'phone_number', p.phone, p.tenant_id FROM people p WHERE p.phone IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM events_1 e WHERE e.person_id = p.id)"
        )

        def baseline() -> int:
            n = 0
            with engine.connect() as conn:
                rows = conn.execution_options(stream_results=True, yield_per=10_000).execute(
                    sa.text(hand)
                )
                for _row in rows:
                    n += 1
            return n

        try:
            found, expected = kept(), baseline()  # also warms the caches for both
            seconds = timeit(kept, repeat=3, warmup=0).best
            base_seconds = timeit(baseline, repeat=3, warmup=0).best
            if found != expected:
                raise AssertionError(f"Kept found {found} identities, the baseline {expected}")
            _, peak = traced_peak(kept)
            _, base_peak = traced_peak(baseline)
        finally:
            engine.dispose()
            engines.close()
        yield Figure(
            f"breach people, {people:,} people ({found:,} identities)",
            "s",
            seconds,
            base_seconds,
            target=BREACH_RATIO_TARGET * base_seconds,
            note="best of 3, streamed; baseline: the hand-written UNION of the two EXISTS",
        )
        yield Figure(
            f"breach people, peak memory, {people:,} people",
            "bytes",
            float(peak),
            float(base_peak),
            note="tracemalloc peak while streaming (constant in the number of people)",
        )


@benchmark("records.change_notify")
def change_notify(ctx: Context) -> Iterator[Figure]:
    """Notify 100,000 people of a material change through the outbox (quick: 2,000), SQLite."""
    from kept.control import open_control
    from kept.execution.session import open_engines
    from kept.mail import OutboxMailer
    from kept.manifest import load_manifest
    from kept.manifest.models import Purpose
    from kept.notice.versions import diff_manifests, notify_change

    people = ctx.size(2_000, 100_000)
    with ctx.database("sqlite") as url, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        loaded = load_manifest(_people(ctx, url, people, folder))
        old = loaded.manifest
        new = old.model_copy(
            update={
                "purposes": [
                    *old.purposes,
                    Purpose(
                        key="profiling",
                        name="Profiling of activity",
                        data_use="analytics.reporting",
                        legal_basis="legitimate_interests",
                        legitimate_interest="bench",
                        data_categories=["user.behavior"],
                    ),
                ]
            }
        )
        diff = diff_manifests(old, new)
        control = open_control(f"sqlite:///{folder / 'kept.db'}")
        try:
            with open_engines(loaded) as engines:
                outbox = OutboxMailer(folder / "outbox")
                sent, seconds = once(
                    lambda: notify_change(control, new, diff, engines, outbox, actor="bench")
                )
            engine = sa.create_engine(url)
            hand = folder / "hand"
            hand.mkdir()
            subject, body = (
                "We have updated our privacy notice",
                "\n".join(c.what for c in diff.material),
            )

            def baseline() -> int:
                n = 0
                with engine.connect() as conn:
                    rows = conn.execute(
                        sa.text(
                            "SELECT DISTINCT p.email FROM people p WHERE p.email IS NOT NULL "
                            "AND EXISTS (SELECT 1 FROM events_1 e WHERE e.person_id = p.id)"
                        )
                    )
                    for (email,) in rows:
                        message = EmailMessage()
                        message["From"] = "kept@localhost"
                        message["To"] = email
                        message["Subject"] = subject
                        message.set_content(body)
                        (hand / f"{n}.eml").write_bytes(message.as_bytes())
                        n += 1
                return n

            sent_by_hand, base_seconds = once(baseline)
            engine.dispose()
        finally:
            control.dispose()
        if not sent == sent_by_hand == people:
            raise AssertionError(f"Kept sent {sent}, by hand {sent_by_hand}, of {people}")
        yield Figure(
            f"material change notice to {people:,} people (outbox)",
            "people/s",
            people / seconds,
            sent_by_hand / base_seconds,
            higher_is_better=True,
            note="stream the people, one .eml and one record each; baseline: .eml files by hand",
        )
