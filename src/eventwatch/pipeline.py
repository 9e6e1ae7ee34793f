"""The ordered stages, ingest -> extract -> resolve -> store, run over a batch of sources.

1. ingest: every source becomes Article or Rejected records (ingest/);
2. skip articles already stored (re-ingesting the same report is a no-op);
3. extract: each new article becomes Mention records (extract/), through an Extractor
   (scale/): this process, a process pool or a Dask cluster, results in input order;
4. resolve + store: in one transaction per chunk, each article, its mentions and the
   events and sites they touch are written (resolve/, store/). A run that is killed
   loses at most the chunk in flight, and a re-run converges to the same database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice

from eventwatch.extract.assemble import Services
from eventwatch.ingest import Fetcher, read_sources
from eventwatch.records import Article, Mention, Rejected
from eventwatch.resolve import resolve_article
from eventwatch.scale import Extractor, extractor
from eventwatch.settings import Settings
from eventwatch.store import Repository

CHUNK = 50  # articles per transaction: small enough that a killed run loses little work
Progress = Callable[[int], None]


@dataclass
class IngestReport:
    articles: int = 0  # new articles stored
    duplicates: int = 0  # articles already stored or repeated in the batch
    mentions: int = 0
    events: set[str] = field(default_factory=set)
    rejected: list[Rejected] = field(default_factory=list)


def _chunks(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _new_articles(repo: Repository, chunk: list[Article | Rejected], seen: set[str]) -> list[Article]:
    fresh: list[Article] = []
    with repo.transaction() as tx:
        for item in chunk:
            if isinstance(item, Article) and item.id not in seen and not tx.has_article(item.id):
                fresh.append(item)
            if isinstance(item, Article):
                seen.add(item.id)
    return fresh


def _store_chunk(
    repo: Repository,
    settings: Settings,
    extracted: list[tuple[Article, list[Mention]]],
    rejected: list[Rejected],
    report: IngestReport,
) -> None:
    with repo.transaction() as tx:
        for article, mentions in extracted:
            if tx.has_article(article.id):
                report.duplicates += 1
                continue
            tx.add_article(article)
            report.events.update(resolve_article(tx, article, mentions, settings.resolve))
            report.articles += 1
            report.mentions += len(mentions)
        for item in rejected:
            tx.add_rejected(item)


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
        run = extract or stack.enter_context(extractor(services))
        for (chunk, articles), mentions in run(_batches(items, repo, report)):
            rejected = [item for item in chunk if isinstance(item, Rejected)]
            _store_chunk(repo, settings, list(zip(articles, mentions, strict=True)), rejected, report)
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
