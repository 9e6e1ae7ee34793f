"""Responses of the read endpoints kept until the next write to the database.

An ASGI middleware: a GET of /events (lists, one event, the exports), /stats or /sites whose
answer was 200 is recorded (status, headers and body, as sent) with the database's change
token (store.engine.ChangeProbe); the same path and query string get the same bytes again
while the token is unchanged, without routing, a worker thread or a query. Any commit, by
this server or another process, changes the token, so a cached answer is never older than
the last write. No token (PostgreSQL, an in-memory or busy database): nothing is cached.

Why: readers of a dashboard repeat the same few requests, and in one process they share one
GIL, so every request's CPU time is every other's latency (issue 15: `/events?limit=50` p99 at
8 clients, bench/api_load.py).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from eventwatch.api.guard import ASGIApp, Message, Receive, Scope, Send

# Read endpoints whose answer depends on the stored data, the path and the query string only.
CACHED_PATH = re.compile(r"/events(\.\w+|/[^/]+)?|/stats|/sites(/[^/]+)?")
MAX_ENTRIES = 256
MAX_ENTRY_BYTES = 8 * 1024 * 1024  # a larger answer (a big export) is streamed, never kept
MAX_TOTAL_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    token: Hashable
    messages: tuple[Message, ...]
    size: int


class ResponseCache:
    def __init__(self, app: ASGIApp, token: Callable[[], Hashable | None]) -> None:
        self.app = app
        self.token = token
        self.entries: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not CACHED_PATH.fullmatch(scope["path"]):
            await self.app(scope, receive, send)
            return
        token = self.token()
        if token is None:
            await self.app(scope, receive, send)
            return
        key = (str(scope["path"]), bytes(scope.get("query_string", b"")))
        found = self.entries.get(key)
        if found is not None and found.token == token:
            self.entries.move_to_end(key)
            for message in found.messages:
                await send(message)
            return
        await self._answer_and_keep(scope, receive, send, key, token)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes], token: Hashable
    ) -> None:
        recorded: list[Message] = []
        size = 0
        keep = True

        async def recording(message: Message) -> None:
            nonlocal size, keep
            if keep:
                size += len(message.get("body", b""))
                ok = message["type"] != "http.response.start" or message.get("status") == 200
                keep = ok and size <= MAX_ENTRY_BYTES
                recorded.append(dict(message))
            await send(message)

        await self.app(scope, receive, recording)
        complete = bool(recorded) and recorded[-1]["type"] == "http.response.body" and not recorded[-1].get("more_body")
        if keep and complete:
            self._put(key, Entry(token, tuple(recorded), size))

    def _put(self, key: tuple[str, bytes], entry: Entry) -> None:
        old = self.entries.pop(key, None)
        self.size += entry.size - (old.size if old else 0)
        self.entries[key] = entry
        while self.entries and (len(self.entries) > MAX_ENTRIES or self.size > MAX_TOTAL_BYTES):
            _, dropped = self.entries.popitem(last=False)
            self.size -= dropped.size
