"""RSS and Atom feeds with feedparser: each entry becomes an Article (or a Rejected)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from eventwatch.errors import EmptyDocument, InputError, MalformedDocument, TooLarge
from eventwatch.ingest.clean import html_fragment_to_text, rejected, require_prose, strip_boilerplate
from eventwatch.ingest.decode import check_bytes
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(rss|feed|RDF)\b")
# What may come before the root element, with what ends it: a processing instruction (its first
# ">" must close "?>"), a comment, a document type declaration.
_SPACE = re.compile(rb"\s*")
_PRELUDE = ((b"<?", b">"), (b"<!--", b"-->"), (b"<!DOCTYPE", b">"))


def _prelude_end(head: bytes) -> int:
    """Where the root element may start: past white space, processing instructions, comments
    and the document type (one pass: each part is looked for once, from where the last ended)."""
    at = 0
    while True:
        at = _SPACE.match(head, at).end()  # type: ignore[union-attr]  # \s* always matches
        opening = next(((start, end) for start, end in _PRELUDE if head.startswith(start, at)), None)
        if opening is None:
            return at
        close = head.find(opening[1], at + len(opening[0]))
        if close < 0 or (opening[0] == b"<?" and (close < at + 3 or head[close - 1 : close] != b"?")):
            return at
        at = close + len(opening[1])


def looks_like_feed(data: bytes) -> bool:
    """True when the first element of an XML document is <rss>, <feed> or <rdf:RDF>."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    return bool(_FEED_ROOT.match(head, _prelude_end(head)))


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    for item in contents:
        value = item.get("value") if hasattr(item, "get") else None
        if isinstance(value, str) and value.strip():
            return value
    summary = entry.get("summary") or entry.get("description") or ""
    return summary if isinstance(summary, str) else ""


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return None


def _str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_entry(entry: Any, outlet: str | None, settings: IngestSettings, origin: str) -> Article:
    body = html_fragment_to_text(_entry_body(entry)).replace("\r\n", "\n").replace("\r", "\n")
    text = require_prose(strip_boilerplate(body), settings.min_chars, origin, settings.max_chars)
    return Article.build(
        text,
        "rss",
        url=_str(entry.get("link")),
        outlet=outlet,
        title=_str(entry.get("title")),
        published_at=_entry_date(entry),
        origin=origin,
    )


def parse_feed(data: bytes, settings: IngestSettings, origin: str) -> Iterator[Article | Rejected]:
    """Articles from a feed's entries; a feed that does not parse at all raises MalformedDocument.
    Entries are numbered from 1 in origins: ``FILE#3``."""
    check_bytes(data, origin)
    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise MalformedDocument(f"{origin}: broken feed ({problem})")
        raise EmptyDocument(f"{origin}: the feed has no entries")
    outlet = _str(parsed.get("feed", {}).get("title"))
    if len(entries) > settings.max_feed_entries:
        extra = len(entries) - settings.max_feed_entries
        message = f"{origin}: {extra:,} entries past the ingest.max_feed_entries limit ({settings.max_feed_entries:,})"
        yield rejected(TooLarge(message), f"{origin}#{settings.max_feed_entries + 1}")
        entries = entries[: settings.max_feed_entries]
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#{number}"
        try:
            yield parse_entry(entry, outlet, settings, where)
        except InputError as err:
            yield rejected(err, where)
