"""The classifier's rules for blobs and dates: images among binary values (by their magic
bytes), dates of birth among dates, typed or written as text (a wide spread of dates, all 14 to
110 years back)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from typing import cast

from kept.check.classification import WHOLE, Classification
from kept.check.shapes import DATE


def _binary_category(values: Sequence[object]) -> Classification | None:
    blobs = [bytes(v) for v in values if isinstance(v, bytes | bytearray | memoryview) and v]
    if not blobs:
        return None
    magic = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF", b"BM")
    images = sum(1 for b in blobs if b.startswith(magic))
    if images / len(blobs) >= WHOLE:
        return Classification(
            "user.content.self_image",
            0.7,
            (f"{images} of {len(blobs)} sampled values are images",),
        )
    return None


def _dates(values: Sequence[object]) -> list[dt.date]:
    kinds = set(map(type, values))
    if kinds == {dt.datetime}:  # a timestamp column: no test value by value
        return list(map(dt.datetime.date, cast(Sequence[dt.datetime], values)))
    if kinds == {dt.date}:
        return list(cast(Sequence[dt.date], values))
    out: list[dt.date] = []
    for v in values:
        if isinstance(v, dt.datetime):
            out.append(v.date())
        elif isinstance(v, dt.date):
            out.append(v)
        elif isinstance(v, str):
            m = DATE.match(v.strip())
            if m:
                try:
                    if m.group(1):
                        out.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
                    else:
                        out.append(dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4))))
                except ValueError:
                    continue
    return out


def _birth_dates(dates: Sequence[dt.date]) -> bool:
    """Dates of birth: all long past (14 to 110 years), spread over at least 15 years."""
    if len(dates) < 3:
        return False
    years = list(map(_YEAR, dates))
    return _birth_years(min(years), max(years))


def _birth_years(oldest: int, newest: int) -> bool:
    if newest - oldest < 15:
        return False  # (no need to ask the clock)
    year = dt.date.today().year
    return year - 110 <= oldest and newest <= year - 14


_YEAR = operator.attrgetter("year")


def _date_category(raw: list[object], kinds: set[type]) -> Classification | None:
    """Dates of birth, or nothing personal, in a column of dates (``kinds``: the values'
    types)."""
    count, born = _typed_birth_dates(raw, kinds)
    if born:
        return Classification(
            "user.demographic.date_of_birth",
            0.6,
            (f"{count} sampled dates lie 14 to 110 years back, over many years",),
        )
    return None


def _typed_birth_dates(raw: list[object], kinds: set[type]) -> tuple[int, bool]:
    """How many of a column's values are dates, and whether they are dates of birth
    (:func:`_birth_dates`); a column of one date type is not converted value by value."""
    if kinds != {dt.datetime} and kinds != {dt.date}:
        dates = _dates(raw)
        return len(dates), _birth_dates(dates)
    if len(raw) < 3:
        return len(raw), False
    typed = cast(list[dt.date], raw)
    try:
        oldest, newest = min(typed), max(typed)
    except TypeError:  # naive and aware times
        oldest = newest = typed[0]
        naive = False
    else:
        naive = getattr(oldest, "tzinfo", None) is None  # then all are: no TypeError
    if naive:  # the earliest date is of the earliest year
        return len(raw), _birth_years(oldest.year, newest.year)
    years = list(map(_YEAR, typed))  # each one's own date, as dt.datetime.date reads it
    return len(raw), _birth_years(min(years), max(years))
