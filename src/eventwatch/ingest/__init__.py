"""Ingest: every source (file, directory, http(s) URL) becomes Article or Rejected records.

from eventwatch.ingest import read_sources, Fetcher
for record in read_sources(["news/", "https://example.org/story"], settings): ...
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwatch.errors import InputError, MissingPath, NotNews
from eventwatch.ingest.clean import rejected
from eventwatch.ingest.decode import decode, read_bytes
from eventwatch.ingest.feeds import looks_like_feed, parse_feed
from eventwatch.ingest.fetch import Fetched, Fetcher
from eventwatch.ingest.html import parse_html
from eventwatch.ingest.jsonl import parse_jsonl
from eventwatch.ingest.meta import DocMeta, read_sidecar
from eventwatch.ingest.text import parse_text
from eventwatch.ingest.walk import Kind, iter_files, kind_of, looks_like_markup
from eventwatch.ingest.warc import parse_warc
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings, Settings

__all__ = ["Fetcher", "read_fetched", "read_file", "read_sources", "read_url"]

Record = Article | Rejected
LOG = logging.getLogger("eventwatch.ingest")
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
XML_TYPES = {"application/xml", "text/xml"}


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _markup_or_text(text: str, settings: IngestSettings, origin: str, given: DocMeta) -> Article:
    if looks_like_markup(text):
        return parse_html(text, settings, origin=origin, given=given)
    return parse_text(text, settings, origin=origin, given=given)


def _read_document(path: Path, kind: Kind, settings: IngestSettings, origin: str) -> Iterator[Record]:
    if kind == "sidecar":
        raise NotNews(f"{origin} is a metadata sidecar, not a document")
    if kind == "warc":
        yield from parse_warc(path, settings, origin)
        return
    data = read_bytes(path, settings.max_bytes)
    if kind == "feed" and looks_like_feed(data):
        yield from parse_feed(data, settings, origin)
        return
    text = decode(data, origin)
    if kind == "jsonl":
        yield from parse_jsonl(text, settings, origin)
    elif kind == "text":
        yield parse_text(text, settings, origin=origin, given=read_sidecar(path))
    elif kind in ("html", "feed"):
        yield parse_html(text, settings, origin=origin, given=read_sidecar(path))
    else:
        yield _markup_or_text(text, settings, origin, read_sidecar(path))


def read_file(path: Path, settings: IngestSettings) -> Iterator[Record]:
    """Records from one file; a failure of the whole file becomes one Rejected."""
    origin = str(path)
    try:
        if path.is_symlink() and not settings.follow_symlinks:
            raise InputError(f"{origin} is a symbolic link, not read (set ingest.follow_symlinks to read links)")
        yield from _read_document(path, kind_of(path), settings, origin)
    except InputError as err:
        yield rejected(err, origin)
    except Exception as exc:  # the document boundary: one bad file never ends the batch
        LOG.debug("internal error reading %s", origin, exc_info=True)
        yield Rejected.internal("ingest", origin, exc)


def read_fetched(fetched: Fetched, settings: IngestSettings) -> Iterator[Record]:
    """Records from a body already fetched: a feed's entries, or one page (HTML or text) by its
    content type and content. Raises InputError for a body that cannot be read (the caller
    decides how it becomes a Rejected record: read_url does it per URL)."""
    origin, mime, body = fetched.url, fetched.content_type, fetched.body
    given = DocMeta(url=fetched.final_url)
    if mime in FEED_TYPES or (mime in XML_TYPES | {""} and looks_like_feed(body)):
        yield from parse_feed(body, settings, origin)
        return
    text = decode(body, origin, fetched.charset)
    if mime in HTML_TYPES | XML_TYPES or (mime != "text/plain" and looks_like_markup(text)):
        yield parse_html(text, settings, origin=origin, source_kind="url", url=fetched.final_url)
    else:
        yield parse_text(text, settings, origin=origin, given=given)


def read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Record]:
    """Records from one fetched URL: one page, or a feed's entries."""
    try:
        yield from read_fetched(fetcher.fetch(url), settings.ingest)
    except InputError as err:
        yield rejected(err, url)
    except Exception as exc:  # the document boundary, as in read_file
        LOG.debug("internal error reading %s", url, exc_info=True)
        yield Rejected.internal("ingest", url, exc)


def _read_path(source: str, settings: IngestSettings) -> Iterator[Record]:
    path = Path(source)
    if path.is_dir():
        for found in iter_files(path):
            if isinstance(found, InputError):
                yield rejected(found, source)
            else:
                yield from read_file(found, settings)
    elif path.exists() or path.is_symlink():
        yield from read_file(path, settings)
    else:
        yield rejected(MissingPath(f"{source} does not exist"), source)


def read_sources(
    sources: Iterable[str], settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[Article | Rejected]:
    """Articles and Rejected records from paths (files, or directories walked recursively in
    sorted order) and http(s) URLs. Bad documents become Rejected; the batch continues."""
    own: Fetcher | None = None
    try:
        for source in sources:
            if not is_url(source):
                yield from _read_path(source, settings.ingest)
                continue
            if fetcher is None:
                fetcher = own = Fetcher(settings.fetch, max_bytes=settings.ingest.max_bytes)
            yield from read_url(source, settings, fetcher)
    finally:
        if own is not None:
            own.close()
