"""Extraction in worker processes: each worker opens its own gazetteer and spaCy model once
(an initializer), articles are mapped in order, and the one writer in the parent stores
their mentions in that same order — so the database equals a single-process run's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.records import Article, Mention

Extractor = Callable[[list[Article]], list[list[Mention]]]
_WORKER: list[Services] = []  # the services of this worker process


def _start_worker() -> None:
    from eventwatch.gazetteer import Gazetteer

    _WORKER.append(Services(gazetteer=Gazetteer.open()))


def _extract(article: Article) -> list[Mention]:
    return extract_mentions(article, _WORKER[0])


@contextmanager
def extractor(services: Services, workers: int = 1) -> Iterator[Extractor]:
    """A function from articles to their mentions, in order; `workers` > 1 uses that many
    processes (on 2 cores: 1.87x, bench/throughput.py)."""
    if workers <= 1:
        yield lambda articles: [extract_mentions(a, services) for a in articles]
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker) as pool:
        yield lambda articles: list(pool.map(_extract, articles, chunksize=4))
