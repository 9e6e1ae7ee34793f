"""The ordered stages, ingest -> extract -> resolve -> store, run over a batch of sources.

1. ingest: every source becomes Article or Rejected records (ingest/);
2. skip articles already stored (re-ingesting the same report is a no-op);
3. extract: each new article becomes Mention records (extract/), through an Extractor
   (scale/): this process, a process pool or a Dask cluster, results in input order;
4. resolve + store: in one transaction per chunk, each article is stored and linked to the
   stored article it copies, if any (resolve/duplicates.py); then its mentions and the
   events (each change a new version) and sites they touch are written (resolve/,
   store/). A run that is killed loses at most the chunk in flight, and a re-run
   converges to the same database.
   Write transactions run one at a time, also across processes; a chunk whose
   transaction loses a race (StoreConflict) is resolved and written again, so two ingests
   of the same sources at once end with the database of one.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice

from eventwatch.conventions.derive import article_mentions
from eventwatch.errors import StoreConflict
from eventwatch.extract.assemble import Services
from eventwatch.ingest import Fetcher, read_sources
from eventwatch.records import Article, Mention, Rejected
from eventwatch.resolve import resolve_article
from eventwatch.resolve.duplicates import link_copy
from eventwatch.scale import Extractor, extractor
from eventwatch.settings import Settings
from eventwatch.store import Repository

CHUNK = 50  # articles per transaction: small enough that a killed run loses little work
WRITE_ATTEMPTS = 8  # tries per chunk transaction when a concurrent writer holds the store
Progress = Callable[[int], None]


@dataclass
class IngestReport:
    articles: int = 0  # new articles stored
    duplicates: int = 0  # articles already stored or repeated in the batch
    copies: int = 0  # new articles found to copy, or be copied by, a stored one
    mentions: int = 0
    events: set[str] = field(default_factory=set)
    rejected: list[Rejected] = field(default_factory=list)

    def add(self, stored: IngestReport) -> None:
        """Count what one chunk's transaction stored (its rejected items are listed elsewhere)."""
        self.articles += stored.articles
        self.duplicates += stored.duplicates
        self.copies += stored.copies
        self.mentions += stored.mentions
        self.events.update(stored.events)


def _chunks(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _new_articles(repo: Repository, chunk: list[Article | Rejected], seen: set[str]) -> list[Article]:
    candidates = [item for item in chunk if isinstance(item, Article)]
    stored = repo.stored_article_ids([article.id for article in candidates])
    fresh: list[Article] = []
    for article in candidates:
        if article.id not in seen and article.id not in stored:
            fresh.append(article)
        seen.add(article.id)
    return fresh


def _write_chunk(
    repo: Repository,
    settings: Settings,
    extracted: list[tuple[Article, list[Mention]]],
    rejected: list[Rejected],
) -> IngestReport:
    """One transaction: what it stored, as a report (empty if a concurrent run stored it)."""
    done = IngestReport()
    with repo.transaction() as tx:
        for article, mentions in extracted:
            if tx.has_article(article.id):
                done.duplicates += 1
                continue
            tx.add_article(article)
            plain = article_mentions(article, mentions)  # names and notes as ACLED writes them
            done.copies += link_copy(tx, article, settings.duplicates, plain) is not None
            done.events.update(resolve_article(tx, article, plain, settings.resolve))
            done.articles += 1
            done.mentions += len(mentions)
        for item in rejected:
            tx.add_rejected(item)
    return done


def _store_chunk(
    repo: Repository,
    settings: Settings,
    extracted: list[tuple[Article, list[Mention]]],
    rejected: list[Rejected],
    report: IngestReport,
) -> None:
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            done = _write_chunk(repo, settings, extracted, rejected)
        except StoreConflict:
            if attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(random.uniform(0.05, 0.2) * attempt)
            continue
        report.add(done)
        return


Batch = tuple[list[Article | Rejected], list[Article]]  # a chunk and its articles not stored yet


def _batches(
    items: Iterable[Article | Rejected], repo: Repository, report: IngestReport
) -> Iterator[tuple[Batch, list[Article]]]:
    """Each chunk's new articles, to extract, tagged with what storing them needs."""
    seen: set[str] = set()
    for chunk in _chunks(items, CHUNK):
        articles = _new_articles(repo, chunk, seen)
        report.duplicates += sum(isinstance(i, Article) for i in chunk) - len(articles)
        yield (chunk, articles), articles


def ingest_items(
    items: Iterable[Article | Rejected],
    settings: Settings,
    repo: Repository,
    services: Services | None = None,
    progress: Progress | None = None,
    extract: Extractor | None = None,
) -> IngestReport:
    """`extract` (default: this process, with `services`) runs extraction; resolution and
    storage always run here, one transaction per chunk, in input order."""
    report = IngestReport()
    with ExitStack() as stack:
        run = extract or stack.enter_context(extractor(services, budget=settings.scale.document_seconds))
        for (chunk, articles), results in run(_batches(items, repo, report)):
            rejected = [item for item in chunk if isinstance(item, Rejected)]
            rejected += [result for result in results if isinstance(result, Rejected)]
            extracted = [(a, r) for a, r in zip(articles, results, strict=True) if not isinstance(r, Rejected)]
            _store_chunk(repo, settings, extracted, rejected, report)
            report.rejected.extend(rejected)
            if progress:
                progress(len(chunk))
    return report


def ingest(
    sources: Iterable[str],
    settings: Settings,
    repo: Repository,
    services: Services | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    extract: Extractor | None = None,
) -> IngestReport:
    return ingest_items(read_sources(sources, settings, fetcher), settings, repo, services, progress, extract)
