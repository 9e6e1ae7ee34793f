"""Two ASGI middlewares that run before routing, authentication and body parsing:

- `BodyLimit` refuses a request body over `api.max_body_bytes` with 413: from its declared
  Content-Length before a byte of it is read (and before the token is checked), and a body
  sent without a length (chunked) as soon as the bytes received pass the limit.
- `SecurityHeaders` adds a Content-Security-Policy (scripts only from this origin, no
  inline script), X-Frame-Options, X-Content-Type-Options and Referrer-Policy to every
  response.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# FastAPI's interactive docs load Swagger UI / ReDoc from a CDN with an inline script: they
# keep the other headers but not the page policy (they show no stored text).
DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLarge(HTTPException):
    """Raised inside `receive` when a body without a declared length passes the limit (an
    HTTPException, so FastAPI's body reader passes it on as a 413 instead of a 400)."""

    def __init__(self, detail: str) -> None:
        super().__init__(413, detail)


def _header(scope: Scope, name: bytes) -> bytes | None:
    return next((value for key, value in scope.get("headers", ()) if key.lower() == name), None)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"ok": False, "status": status, "error": message, "errors": []}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"the request body is larger than api.max_body_bytes ({self.max_bytes} bytes)"
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _refuse(send, 400, "Content-Length is not a number")
                return
            if int(declared) > self.max_bytes:
                await _refuse(send, 413, too_large)
                return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(too_large)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, 413, too_large)


def content_security_policy(tile_url: str = "") -> str:
    """The dashboard's policy: everything from this origin, map tiles also from the tile
    server's origin when one is configured (a `{s}` subdomain becomes `*`)."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}." in tile_url else parts.netloc
            images += f" {parts.scheme}://{host}"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # Leaflet and the cluster icons set style attributes
            f"img-src {images}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp, tile_url: str = "") -> None:
        self.app = app
        self.policy = content_security_policy(tile_url).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in _ADDED]
                headers += [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff")]
                headers += [(b"referrer-policy", b"no-referrer")]
                if not docs:
                    headers.append((b"content-security-policy", self.policy))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_ADDED = {b"x-frame-options", b"x-content-type-options", b"referrer-policy", b"content-security-policy"}
