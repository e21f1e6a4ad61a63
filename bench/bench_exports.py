"""Export downloads in constant memory: four concurrent 65 MiB downloads through the API.

* **Kept**: ``kept serve`` (its own process) with a MariaDB control database; four completed
  access requests whose export files are 65 MiB each (random bytes, so nothing compresses:
  the worker makes each export, then the bench replaces its file with 65 MiB, standing for a
  person with a lot of data); four clients download them at once through their signed links.
  The figure is the server's peak resident memory during the downloads minus its resident
  memory when idle (after one small warm-up download), sampled from ``/proc`` every 10 ms.
* **Baseline**: the same four files served at once by a plain static route (Starlette
  ``StaticFiles`` under uvicorn, its own process), measured the same way.

Goal: under 150 MB above idle. Before exports were files, the API read each export from the
control database into memory (four 65 MiB blobs held at once, and a 65 MiB row is over
MariaDB's default ``max_allowed_packet``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from bench.runner import Context, Figure, Skip, benchmark
from kept.api.routes._lifecycle import export_link
from kept.control import open_control
from kept.examples import create_example
from kept.execution import Identity
from kept.mail import OutboxMailer
from kept.manifest import load_manifest
from kept.requests import Lifecycle, Worker
from kept.requests.exportfiles import ExportFiles
from kept.requests.tables import request_exports

MIB = 1 << 20
CLIENTS = 4
TARGET_MB = 150.0

_STATIC_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
app = Starlette(routes=[Mount("/files", StaticFiles(directory=sys.argv[1]))])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _rss(pid: int) -> int:
    """Resident memory of process ``pid``, bytes (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _wait_up(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def _download(url: str) -> int:
    size = 0
    with urllib.request.urlopen(url, timeout=600) as answer:
        while chunk := answer.read(1 << 16):
            size += len(chunk)
    return size


def _peak_during_downloads(pid: int, urls: list[str]) -> tuple[int, int, float, list[int]]:
    """(idle RSS, peak RSS, seconds, sizes) while ``urls`` download at once."""
    idle = _rss(pid)
    peak = idle
    sizes: list[int] = [0] * len(urls)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss(pid))
            time.sleep(0.01)

    def fetch(i: int) -> None:
        sizes[i] = _download(urls[i])

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return idle, max(peak, _rss(pid)), seconds, sizes


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _completed_exports(
    manifest: Path, url: str, exports: Path, count: int, size: int
) -> tuple[list[str], list[Path]]:
    """Run ``count`` access requests to completion; their export files become ``size`` bytes
    of random data. Returns the signed download paths and the files."""
    loaded = load_manifest(manifest)
    engine = open_control(url)
    life = Lifecycle(engine, loaded, mailer=OutboxMailer(exports.parent / "outbox"))
    life.exports = ExportFiles(exports)
    store = sa.create_engine(f"sqlite:///{manifest.parent / 'vcloudpoint.sqlite'}")
    with store.connect() as conn:
        emails = [
            str(r[0])
            for r in conn.exec_driver_sql(f"SELECT email FROM accounts ORDER BY id LIMIT {count}")
        ]
    store.dispose()
    ids = [
        life.submit("access", [Identity("email", e)], actor="bench", verified=True).record.id
        for e in emails
    ]
    Worker(life, name="bench").run(until_empty=True)
    links, files = [], []
    with engine.connect() as conn:
        for rid in ids:
            name = conn.execute(
                sa.select(request_exports.c.path).where(request_exports.c.request_id == rid)
            ).scalar_one()
            path = exports / str(name)
            with path.open("wb") as out:
                for _ in range(size // MIB):
                    out.write(os.urandom(MIB))
            links.append(str(export_link(life, rid)["url"]))
            files.append(path)
    engine.dispose()
    return links, files


@benchmark("exports.download", needs=("mariadb",))
def exports_download(ctx: Context) -> Iterator[Figure]:
    """Memory of four concurrent 65 MiB export downloads, MariaDB control database."""
    if not Path("/proc/self/status").exists():
        raise Skip("needs Linux /proc to read a process's resident memory")
    size = ctx.size(8, 65) * MIB
    with (
        tempfile.TemporaryDirectory(prefix="kept-bench-") as folder,
        ctx.database("mariadb") as url,
    ):
        root = Path(folder)
        manifest = create_example("vcloudpoint", root / "vcp", people=20).manifest
        exports = root / "exports"
        ctx.log(f"{CLIENTS} access requests, export files of {size // MIB} MiB")
        links, files = _completed_exports(manifest, url, exports, CLIENTS, size)
        env = {**os.environ, "KEPT_EXPORT_DIR": str(exports), "PYTHONUNBUFFERED": "1"}

        port = _free_port()
        command = [sys.executable, "-m", "kept.cli", "serve", "-m", str(manifest)]
        command += ["--database", url, "--port", str(port), "--no-worker"]
        kept = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_up(base + "/health", kept)
            _download(base + links[0])  # warm-up: the route, the database pool, the secret
            idle, peak, seconds, sizes = _peak_during_downloads(
                kept.pid, [base + link for link in links]
            )
        finally:
            _stop(kept)
        assert sizes == [size] * CLIENTS, sizes

        port = _free_port()
        static = subprocess.Popen(
            [sys.executable, "-c", _STATIC_APP, str(exports), str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}/files/"
            _wait_up(base + files[0].name, static)
            s_idle, s_peak, s_seconds, s_sizes = _peak_during_downloads(
                static.pid, [base + f.name for f in files]
            )
        finally:
            _stop(static)
        assert s_sizes == [size] * CLIENTS, s_sizes

    yield Figure(
        f"{CLIENTS} concurrent {size // MIB} MiB downloads: server memory above idle",
        "MB",
        kept=(peak - idle) / 1e6,
        baseline=(s_peak - s_idle) / 1e6,
        target=TARGET_MB,
        note="baseline: the same files from a plain Starlette StaticFiles route",
        details={
            "kept_idle_mb": idle / 1e6,
            "kept_peak_mb": peak / 1e6,
            "kept_seconds": seconds,
            "static_idle_mb": s_idle / 1e6,
            "static_peak_mb": s_peak / 1e6,
            "static_seconds": s_seconds,
            "bytes_per_download": size,
        },
    )
