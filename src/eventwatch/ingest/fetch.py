"""HTTP(S) fetching with httpx: timeouts, a redirect cap with every hop checked, a streamed
size cap, and a guard that refuses loopback, private and other non-public targets."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from eventwatch.errors import FetchError, RefusedTarget, TooLarge
from eventwatch.settings import FetchSettings, IngestSettings

Resolver = Callable[[str, int], list[str]]
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    content_type: str  # lower-case MIME type without parameters ("" if absent)
    charset: str | None
    body: bytes
    etag: str | None = None  # validators for a conditional request next time (eventwatch watch)
    last_modified: str | None = None
    not_modified: bool = False  # the server answered 304 to a conditional request: no body


def content_type_parts(header: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    if not header:
        return "", None
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return mime.strip().lower(), charset


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, via the system resolver."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host}: {exc}") from exc
    return [str(info[4][0]) for info in infos]


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


class Fetcher:
    """Fetches one URL at a time; inject ``transport`` (httpx.MockTransport) and ``resolver``
    in tests so nothing touches the network."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        max_bytes: int = IngestSettings().max_bytes,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self.max_bytes = max_bytes
        self.resolver: Resolver = resolver or system_resolver
        self.client = httpx.Client(
            transport=transport,
            timeout=settings.timeout,
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def check_target(self, url: str) -> None:
        """Refuse non-HTTP schemes and hosts that resolve to non-public addresses."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise RefusedTarget(f"refusing {url}: only http(s) URLs with a host can be fetched")
        if self.settings.allow_private:
            return
        host = parts.hostname
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = self.resolver(host, parts.port or (443 if parts.scheme == "https" else 80))
        if not addresses:
            raise FetchError(f"cannot resolve host {host}")
        for address in addresses:
            if not _is_public(address):
                raise RefusedTarget(f"refusing {url}: {host} resolves to non-public address {address}")

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url``, following at most ``max_redirects`` redirects; raise a FetchError subclass.
        ``headers`` (If-None-Match, If-Modified-Since) make it conditional: a 304 answer is
        a Fetched with ``not_modified`` set and no body."""
        current = url
        deadline = time.monotonic() + self.settings.total_timeout
        for _ in range(self.settings.max_redirects + 1):
            self.check_target(current)
            try:
                result = self._get(url, current, deadline, headers)
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {self.settings.timeout:g} s fetching {current}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from exc
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects}) fetching {url}")

    def _get(
        self, url: str, current: str, deadline: float, headers: Mapping[str, str] | None = None
    ) -> Fetched | str:
        """The response, or the next URL when the server redirects."""
        remaining = self._remaining(current, deadline)
        timeout = min(self.settings.timeout, remaining)
        with self.client.stream("GET", current, timeout=timeout, headers=headers) as response:
            if response.status_code in REDIRECTS and "location" in response.headers:
                return urljoin(current, response.headers["location"])
            validators = response.headers.get("etag"), response.headers.get("last-modified")
            if response.status_code == 304:
                return Fetched(url, current, "", None, b"", *validators, not_modified=True)
            if not response.is_success:
                raise FetchError(f"HTTP {response.status_code} fetching {current}")
            mime, charset = content_type_parts(response.headers.get("content-type"))
            return Fetched(url, current, mime, charset, self._read_capped(response, current, deadline), *validators)

    def _remaining(self, current: str, deadline: float) -> float:
        """Seconds left before the fetch's total deadline (fetch.total_timeout)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"gave up on {current}: over the total fetch time of {self.settings.total_timeout:g} s")
        return remaining

    def _read_capped(self, response: httpx.Response, current: str, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLarge(f"{current} is {int(declared):,} bytes, over the {self.max_bytes:,}-byte limit")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            self._remaining(current, deadline)
            total += len(chunk)
            if total > self.max_bytes:
                raise TooLarge(f"{current} is over the {self.max_bytes:,}-byte limit; download stopped")
            chunks.append(chunk)
        return b"".join(chunks)
