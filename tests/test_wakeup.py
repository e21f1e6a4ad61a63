"""Workers are woken when a request is approved: by LISTEN/NOTIFY on PostgreSQL (from another
engine, as from another process), and by the commit itself in the same process."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle
from kept.requests.wakeup import Waiter

PERSON = [Identity("email", "someone@example.com")]


def _lifecycle(tmp_path: Path, control: str) -> Lifecycle:
    info = create_example("vcloudpoint", tmp_path / "vcp", people=5)
    return Lifecycle.open(
        load_manifest(info.manifest),
        control,
        mailer=OutboxMailer(tmp_path / "outbox"),
        review=["access"],
    )


def _woken_by_approval(waiter: Waiter, life: Lifecycle) -> tuple[bool, bool]:
    """(woken before any approval, woken after one): the first must time out."""
    stop = threading.Event()
    idle = waiter.wait(0.3, stop)
    submitted = life.submit("access", PERSON, actor="staff", verified=True)
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(waiter.wait(60, stop)))
    thread.start()
    life.approve(submitted.record.id, actor="staff")
    thread.join(timeout=90)
    stop.set()
    return idle, bool(result and result[0])


def test_same_process_approval_wakes_the_worker(tmp_path: Path) -> None:
    life = _lifecycle(tmp_path, f"sqlite:///{tmp_path / 'kept.db'}")
    waiter = Waiter(life.control)
    try:
        assert not waiter.listening  # SQLite: no LISTEN, the commit sets an event
        assert _woken_by_approval(waiter, life) == (False, True)
    finally:
        waiter.close()
        life.close()


@pytest.mark.postgres
def test_notify_wakes_a_worker_of_another_engine(tmp_path: Path, postgres_url: str) -> None:
    life = _lifecycle(tmp_path, postgres_url)
    other = Lifecycle.open(life.loaded, postgres_url, mailer=OutboxMailer(tmp_path / "o2"))
    waiter = Waiter(other.control)  # another engine: only NOTIFY can reach it
    try:
        assert waiter.listening
        assert _woken_by_approval(waiter, life) == (False, True)
    finally:
        waiter.close()
        other.close()
        life.close()
