"""The breach register: record, assess, notify and close personal-data breaches (Art. 33/34).

The people a breach affects are derived from the data map (:mod:`kept.breach.affected`); the
register lives in the control database (:mod:`kept.breach.register`); the drafts of the
notices come from the record and the manifest (:mod:`kept.breach.drafts`).
"""

from kept.breach.affected import Scope, affected_people, count_affected
from kept.breach.drafts import authority_notice, people_notice
from kept.breach.register import (
    Breach,
    assess,
    clock,
    close_breach,
    get_breach,
    list_breaches,
    notify_authority,
    notify_people,
    record_breach,
)

__all__ = [
    "Breach",
    "Scope",
    "affected_people",
    "assess",
    "authority_notice",
    "clock",
    "close_breach",
    "count_affected",
    "get_breach",
    "list_breaches",
    "notify_authority",
    "notify_people",
    "people_notice",
    "record_breach",
]
