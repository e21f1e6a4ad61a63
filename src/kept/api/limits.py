"""Bounded requests and quiet logs: a body-size limit and signed links kept out of logs.

:class:`BodyLimit` is a pure ASGI middleware: a request whose ``Content-Length`` is over the
limit is answered 413 (``too_large``) before the application sees it; a body without a length
(chunked) is counted as it arrives and refused with 413 as soon as it passes the limit, so
no endpoint ever holds more than the limit in memory.

:class:`AccessLogRedaction` is a :mod:`logging` filter for uvicorn's access log that replaces
the values of secret query parameters (a download link's ``signature``, tokens, codes) with
``[redacted]``: a log file must not become a list of working download links.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

__all__ = [
    "DEFAULT_MAX_BODY",
    "AccessLogRedaction",
    "BodyLimit",
    "install_access_log_redaction",
    "redact_query",
]

DEFAULT_MAX_BODY = 1 << 20  # 1 MiB

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, early."""

    def __init__(self, app: App, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    await self._refuse(send)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, self._message())
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await self._refuse(send)

    def _message(self) -> str:
        return f"the request body is larger than {self.max_bytes} bytes"

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"code": "too_large", "message": self._message()}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


_SECRET_PARAMS = re.compile(r"(?i)([?&](?:signature|token|code|key|sig)=)[^&#\s\"]*")


def redact_query(text: str) -> str:
    """``text`` with the values of secret query parameters replaced by ``[redacted]``."""
    return _SECRET_PARAMS.sub(r"\1[redacted]", text)


class AccessLogRedaction(logging.Filter):
    """Redact secret query parameters in uvicorn's access log records (and any other record
    it is attached to)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_query(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact_query(record.msg)
        return True


def install_access_log_redaction(logger_name: str = "uvicorn.access") -> None:
    """Attach :class:`AccessLogRedaction` to ``logger_name`` (once)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, AccessLogRedaction) for f in logger.filters):
        logger.addFilter(AccessLogRedaction())
