"""What one poll of a source hands to the pipeline: the items not handed on before, each with
its key (an entry's id, a file's path and modification time, a page's body hash).

A feed is fetched with its validators (If-None-Match / If-Modified-Since); each new entry is
followed to its page, and the entry's own text is used when the page gives no article. A web
page is one item; a local folder gives its new or changed files. Reading reuses ingest/
(Fetcher with its SSRF guard and size cap, the feed, page and file parsers)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import feedparser

from eventwatch.errors import InputError, MalformedDocument, MissingPath
from eventwatch.ingest import FEED_TYPES, Fetcher, is_url, read_fetched, read_file, read_url
from eventwatch.ingest.clean import rejected
from eventwatch.ingest.feeds import looks_like_feed, parse_entry
from eventwatch.ingest.fetch import Fetched
from eventwatch.ingest.walk import iter_files
from eventwatch.records import Article, Rejected, SourceSpec, SourceState
from eventwatch.settings import Settings

Record = Article | Rejected


def item_key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


@dataclass
class Item:
    """One unit a source hands on; `records` is read only when the pipeline asks for it."""

    key: str
    records: Callable[[], list[Record]]


@dataclass
class Poll:
    """A source's items this time, and the validators to send next time."""

    items: list[Item]
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def _with_outlet(records: list[Record], outlet: str | None, fallback: Article | None = None) -> list[Record]:
    done: list[Record] = []
    for record in records:
        if isinstance(record, Article):
            given = outlet or record.outlet or (fallback.outlet if fallback else None)
            published = record.published_at or (fallback.published_at if fallback else None)
            record = replace(record, outlet=given, published_at=published)
        done.append(record)
    return done


class SourceReader:
    def __init__(self, settings: Settings, fetcher: Fetcher) -> None:
        self.settings = settings
        self.fetcher = fetcher

    def poll(self, spec: SourceSpec, state: SourceState | None) -> Poll:
        """The source's items (all of them: the caller leaves out those already seen)."""
        if is_url(spec.url):
            return self._poll_url(spec, state)
        return Poll(self._local_items(spec))

    def _poll_url(self, spec: SourceSpec, state: SourceState | None) -> Poll:
        headers = {}
        if state and state.etag:
            headers["If-None-Match"] = state.etag
        if state and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        fetched = self.fetcher.fetch(spec.url, headers)
        if fetched.not_modified:
            return Poll([], state.etag if state else None, state.last_modified if state else None, True)
        if looks_like_feed(fetched.body):
            items = self._feed_items(spec, fetched)
        elif fetched.content_type in FEED_TYPES:
            raise MalformedDocument(f"{spec.url} is served as {fetched.content_type} but is not an RSS or Atom feed")
        else:
            def page() -> list[Record]:
                return _with_outlet(list(read_fetched(fetched, self.settings.ingest)), spec.outlet)

            items = [Item(item_key("page", fetched.body), _guarded(page, spec.url))]
        return Poll(items, fetched.etag, fetched.last_modified)

    def _feed_items(self, spec: SourceSpec, fetched: Fetched) -> list[Item]:
        parsed = feedparser.parse(fetched.body)
        entries = list(parsed.get("entries") or [])
        if not entries and parsed.get("bozo"):
            raise InputError(f"{spec.url}: broken feed ({parsed.get('bozo_exception')})")
        feed_title = parsed.get("feed", {}).get("title")
        outlet = spec.outlet or (feed_title if isinstance(feed_title, str) else None)
        items = []
        for number, entry in enumerate(entries, start=1):
            key = entry.get("id") or entry.get("link") or f"{entry.get('title')}|{entry.get('published')}"
            items.append(Item(item_key("entry", key), self._entry_reader(entry, outlet, f"{spec.url}#{number}")))
        return items

    def _entry_reader(self, entry: Any, outlet: str | None, origin: str) -> Callable[[], list[Record]]:
        def read() -> list[Record]:
            try:
                own: Article | None = parse_entry(entry, outlet, self.settings.ingest, origin)
            except InputError:
                own = None
            link = entry.get("link")
            if isinstance(link, str) and is_url(link):
                page = [r for r in read_url(link, self.settings, self.fetcher) if isinstance(r, Article)]
                if page:
                    return _with_outlet(list(page), outlet, own)
            if own is not None:
                return [own]
            return [Rejected(stage="ingest", reason="the entry has no readable page or text", origin=origin,
                             code="empty")]

        return _guarded(read, origin)

    def _local_items(self, spec: SourceSpec) -> list[Item]:
        root = Path(spec.url)
        if not root.exists():
            raise MissingPath(f"{spec.url} does not exist")
        files = [root] if root.is_file() else [f for f in iter_files(root) if isinstance(f, Path)]
        items = []
        for path in files:
            stat = path.stat()
            items.append(Item(item_key("file", path, stat.st_mtime_ns, stat.st_size), self._file_reader(path, spec)))
        return items

    def _file_reader(self, path: Path, spec: SourceSpec) -> Callable[[], list[Record]]:
        return lambda: _with_outlet(list(read_file(path, self.settings.ingest)), spec.outlet)


def _guarded(read: Callable[[], list[Record]], origin: str) -> Callable[[], list[Record]]:
    """`read`, with an error of one item becoming its Rejected record (the poll goes on)."""

    def run() -> list[Record]:
        try:
            return read()
        except InputError as err:
            return [rejected(err, origin)]

    return run


def iter_records(items: list[Item], stop: Callable[[], bool], consumed: list[str]) -> Iterator[Record]:
    """The items' records in order, until `stop()`; each item's key goes to `consumed` once read."""
    for item in items:
        if stop():
            return
        yield from item.records()
        consumed.append(item.key)
