"""Reading a posted HTML form (``application/x-www-form-urlencoded``) without extra packages."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import Request

from kept.errors import KeptError

__all__ = ["MAX_FORM", "Form", "read_form"]

MAX_FORM = 64 * 1024
"""The largest form body read: 64 KiB."""


class Form:
    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0].strip() if values else default

    def all(self, name: str) -> list[str]:
        return [v.strip() for v in self.fields.get(name, []) if v.strip()]

    def has(self, name: str) -> bool:
        return name in self.fields


async def read_form(request: Request) -> Form:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise KeptError(f"the form is larger than {MAX_FORM} bytes")
    text = body.decode("utf-8", "replace")
    return Form(parse_qs(text, keep_blank_values=True, max_num_fields=200))
