"""The API's write path off the server's threads: a POSTed document is read (text, HTML or a
fetched URL) and extracted in one write process; the server only resolves and stores it.

Reading and extracting a document is Python work that holds the GIL for up to seconds; in a
thread of the server it slowed every read behind it (issue 15: `/events?limit=50` p99 453 ms at
8 clients with two writers posting, bench/api_load.py). The write process is spawned (never
forked from the threaded server) on the first write, loads the gazetteer and spaCy once, and
is shared by every app of the server process; writes queue for it in arrival order, and the
budget per document (scale.document_seconds) holds there, on that process's main thread. A
write process that dies (killed, out of memory) is replaced; a document that kills a fresh one
too is refused as an internal error.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from eventwatch.api import models as m
from eventwatch.errors import InputError
from eventwatch.records import Article, Mention, Rejected
from eventwatch.scale.extractor import BatchMentions, Extractor, batch_by_batch, extract_or_reject
from eventwatch.settings import Settings

if TYPE_CHECKING:
    from eventwatch.extract.assemble import Services

LOG = logging.getLogger("eventwatch.api")
Record = Article | Rejected
Result = list[Mention] | Rejected
_POOL: list[ProcessPoolExecutor] = []  # the write process of this server process, once started
_LOCK = threading.Lock()


def _document(body: m.IngestRequest, settings: Settings) -> list[Record]:
    from eventwatch.ingest import Fetcher, read_url
    from eventwatch.ingest.html import parse_html
    from eventwatch.ingest.text import parse_text

    try:
        if body.url is not None:
            with Fetcher(settings.fetch, max_bytes=settings.ingest.max_bytes) as fetcher:
                found = list(read_url(body.url, settings, fetcher))
        elif body.html is not None:
            found = [parse_html(body.html, settings.ingest, origin="api")]
        else:
            found = [parse_text(body.text or "", settings.ingest, origin="api")]
    except InputError as exc:
        return [Rejected(stage="ingest", reason=exc.message, origin="api", code=exc.code)]
    return [_with_meta(record, body) for record in found]


def _with_meta(record: Record, body: m.IngestRequest) -> Record:
    """The request's own title / outlet / published_at win over what the document says."""
    if isinstance(record, Rejected):
        return record
    return replace(
        record,
        title=body.title or record.title,
        outlet=body.outlet or record.outlet,
        published_at=body.published_at or record.published_at,
    )


@cache
def _services() -> Services:
    from eventwatch.scale.pool import default_services

    return default_services()


def read_and_extract(body: m.IngestRequest, settings: Settings) -> list[tuple[Record, Result | None]]:
    """Run in the write process: the document's records, each article with its mentions (or
    the Rejected record of its failed or overlong extraction)."""
    budget = settings.scale.document_seconds
    return [
        (record, extract_or_reject(record, _services(), budget) if isinstance(record, Article) else None)
        for record in _document(body, settings)
    ]


# The write process runs this much nicer than the server: when both want the CPU, reads (a few
# milliseconds each, a client waiting) go first and extraction (seconds, in the background) after.
WRITE_NICENESS = 5


def _lower_priority() -> None:
    os.nice(WRITE_NICENESS)


def _pool() -> ProcessPoolExecutor:
    with _LOCK:
        if not _POOL:
            context = multiprocessing.get_context("spawn")
            _POOL.append(ProcessPoolExecutor(1, mp_context=context, initializer=_lower_priority))
        return _POOL[0]


def _discard(pool: ProcessPoolExecutor) -> None:
    with _LOCK:
        if _POOL and _POOL[0] is pool:
            _POOL.clear()
    pool.shutdown(wait=False, cancel_futures=True)


def extract_in_worker(body: m.IngestRequest, settings: Settings) -> list[tuple[Record, Result | None]]:
    """`read_and_extract` in the write process; this thread waits without holding the GIL."""
    failure: BaseException | None = None
    for attempt in (1, 2):
        pool = _pool()
        try:
            return pool.submit(read_and_extract, body, settings).result()
        except BrokenProcessPool as exc:
            LOG.error("the write process stopped (attempt %d): %s", attempt, exc)
            _discard(pool)
            failure = exc
    origin = body.url or "api"
    return [(Rejected.internal("extract", origin, failure or RuntimeError("no write process")), None)]


def precomputed(results: dict[str, Result]) -> Extractor:
    """An Extractor that hands out mentions already extracted (by the write process)."""

    def extract_batch(articles: list[Article]) -> BatchMentions:
        return [results[article.id] for article in articles]

    return batch_by_batch(extract_batch)
