"""Who the client is, for rate limits: the peer address, or what a *trusted* proxy says.

``X-Forwarded-For`` is believed only when the connection comes from a proxy named in
``kept serve --forwarded-allow-ips`` (addresses or networks, comma-separated; ``*`` trusts
every peer, for a server reachable only through its proxy). The header is read from the right:
each hop added by a trusted proxy is skipped, and the first address that is not a trusted proxy
is the client, so a client cannot choose its own bucket by sending a forged header through the
proxy. Without the option no header is believed: every client is its connection's address.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request

from kept.api.context import ApiContext, get_context
from kept.api.problems import ApiError
from kept.errors import KeptError
from kept.requests.verification import RateLimit, RateLimited, check_rate

__all__ = ["BANNER_LIMIT", "TrustedProxies", "client_address", "rate_limit"]

BANNER_LIMIT = RateLimit(100, dt.timedelta(hours=1))
"""The banner's choices per client an hour, by default (``kept serve --banner-limit``)."""

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    """The proxies whose ``X-Forwarded-For`` is believed."""

    networks: tuple[Network, ...] = ()
    everyone: bool = False

    @classmethod
    def parse(cls, text: str | None) -> TrustedProxies:
        """``"10.0.0.1, 192.168.0.0/16, ::1"``; ``"*"`` for any; None or ``""`` for none."""
        if not text or not text.strip():
            return cls()
        networks: list[Network] = []
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            if item == "*":
                return cls(everyone=True)
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise KeptError(
                    f"--forwarded-allow-ips: {item[:60]!r} is not an IP address or network "
                    "(e.g. 10.0.0.1, 10.0.0.0/8, ::1, or * for any)"
                ) from None
        return cls(tuple(networks))

    def trusts(self, address: str) -> bool:
        if self.everyone:
            return True
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


def client_address(request: Request) -> str:
    """The client's address: the peer's, or the nearest untrusted hop a trusted proxy names."""
    peer = request.client.host if request.client else "unknown"
    trusted: TrustedProxies = getattr(request.app.state, "trusted_proxies", TrustedProxies())
    if not trusted.trusts(peer):
        return peer
    forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not trusted.trusts(hop):
            return hop[:100]
    return hops[0][:100] if hops else peer


def rate_limit(kind: str, what: str, default: RateLimit) -> Callable[..., None]:
    """A dependency counting one hit per client in the ``kind`` buckets (429 when full).

    The limit is ``app.state.rate_limits[kind]`` when set (``kept serve``), else ``default``.
    """

    def dependency(request: Request, context: ApiContext = Depends(get_context)) -> None:
        limits: dict[str, RateLimit] = getattr(request.app.state, "rate_limits", {})
        try:
            check_rate(
                context.control, kind, client_address(request), limits.get(kind, default), what
            )
        except RateLimited as exc:
            raise ApiError(
                429, "rate_limited", str(exc), headers={"Retry-After": str(exc.retry_after)}
            ) from exc

    return dependency
