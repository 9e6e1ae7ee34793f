"""Extraction in this process or in worker processes: each worker opens its own gazetteer
and spaCy model once (an initializer), articles are mapped in order, and the one writer in
the parent stores their mentions in that same order — so the database equals a
single-process run's."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.records import Article, Mention
from eventwatch.scale.extractor import Extractor, batch_by_batch

_WORKER: list[Services] = []  # the services of this worker process


def default_services() -> Services:
    from eventwatch.gazetteer import Gazetteer

    return Services(gazetteer=Gazetteer.open())


def _start_worker() -> None:
    _WORKER.append(default_services())


def _extract(article: Article) -> list[Mention]:
    return extract_mentions(article, _WORKER[0])


@contextmanager
def extractor(services: Services | None = None, workers: int = 1) -> Iterator[Extractor]:
    """Mentions of batches of articles, in order; `workers` > 1 uses that many processes
    (on 2 cores: 1.87x, bench/throughput.py). `services` (default: the installed
    gazetteer) serves the single-process case; each worker process opens its own."""
    if workers <= 1:
        here = services or default_services()
        yield batch_by_batch(lambda articles: [extract_mentions(a, here) for a in articles])
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker) as pool:
        yield batch_by_batch(lambda articles: list(pool.map(_extract, articles, chunksize=4)))
