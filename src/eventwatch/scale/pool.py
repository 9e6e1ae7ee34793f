"""Extraction in this process or in worker processes: each worker opens its own gazetteer
and spaCy model once (an initializer), articles are mapped in order, and the one writer in
the parent stores their mentions in that same order — so the database equals a
single-process run's. The workers extract up to AHEAD batches ahead of the one being
stored, so that they do not wait while the writer stores (and HTML is parsed).

Where workers are forked, the parent loads what extraction loads (spaCy, the sentence model,
the rules' compiled patterns) once before the pool starts, by extracting a short article:
every worker starts with them instead of loading its own (bench/throughput.py)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime

from eventwatch.extract.assemble import Services
from eventwatch.records import Article, Mention, Rejected
from eventwatch.scale.extractor import BatchMentions, Extractor, Tag, batch_by_batch, extract_or_reject

AHEAD = 1  # batches extracted ahead of the one being stored
_WORKER: list[tuple[Services, float | None]] = []  # this worker process's services and budget


def default_services() -> Services:
    from eventwatch.gazetteer import Gazetteer

    return Services(gazetteer=Gazetteer.open())


# Read once in the parent before workers are forked: one sentence of each kind of stage.
_WARM_TEXT = ("Russian drones struck a power plant in Kharkiv on Monday, killing two people, the governor said. "
              "Air defences shot down five of them. Police detained 20 protesters in Minsk.")


def _warm() -> None:
    """Load extraction's models and patterns in this process, so that forked workers share
    them (copy-on-write) instead of each loading its own; nothing is done where workers are
    not forked. The gazetteer is closed again: each worker opens its own."""
    method = multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]
    if method != "fork":
        return
    from eventwatch.gazetteer import Gazetteer

    article = Article.build(_WARM_TEXT, "text", published_at=datetime(2024, 1, 1, tzinfo=UTC), origin="warm-up")
    with Gazetteer.open() as gazetteer:
        extract_or_reject(article, Services(gazetteer=gazetteer))


def _start_worker(budget: float | None) -> None:
    _WORKER.append((default_services(), budget))


def _extract(article: Article) -> list[Mention] | Rejected:
    services, budget = _WORKER[0]
    return extract_or_reject(article, services, budget)


def _take(window: deque[tuple[Tag, Iterator[list[Mention] | Rejected]]]) -> tuple[Tag, BatchMentions]:
    tag, results = window.popleft()
    return tag, list(results)  # waits for the batch's workers; raises what they raised


@contextmanager
def extractor(services: Services | None = None, workers: int = 1, budget: float | None = None) -> Iterator[Extractor]:
    """Mentions of batches of articles, in order; `workers` > 1 uses that many processes
    (on 2 cores: 1.87x, bench/throughput.py). `services` (default: the installed
    gazetteer) serves the single-process case; each worker process opens its own. An
    article whose extraction runs past `budget` seconds (scale.document_seconds) is rejected."""
    if workers <= 1:
        here = services or default_services()
        yield batch_by_batch(lambda articles: [extract_or_reject(a, here, budget) for a in articles])
        return
    _warm()
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(budget,)) as pool:

        def run(batches: Iterable[tuple[Tag, list[Article]]], /) -> Iterator[tuple[Tag, BatchMentions]]:
            window: deque[tuple[Tag, Iterator[list[Mention] | Rejected]]] = deque()
            for tag, articles in batches:
                window.append((tag, pool.map(_extract, articles, chunksize=4)))  # submitted now
                if len(window) > AHEAD:
                    yield _take(window)
            while window:
                yield _take(window)

        yield run
