"""Running extraction in this process, in a process pool, or on a Dask cluster: all three
implement Extractor, and the caller picks one with `open_extractor`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from eventwatch.extract.assemble import Services
from eventwatch.scale.extractor import Extractor
from eventwatch.scale.pool import extractor

__all__ = ["Extractor", "extractor", "open_extractor"]


@contextmanager
def open_extractor(
    workers: int = 1, scheduler: str | None = None, services: Services | None = None, budget: float | None = None
) -> Iterator[Extractor]:
    """`scheduler` (tcp://HOST:PORT, or "local" for a LocalCluster of `workers` processes)
    extracts on Dask workers; otherwise `workers` processes here (1: this process), where an
    article whose extraction runs past `budget` seconds is rejected (scale/budget.py)."""
    if scheduler:
        from eventwatch.scale.cluster import dask_extractor  # dask loads only when asked for

        with dask_extractor(scheduler, workers) as extract:
            yield extract
        return
    with extractor(services, workers, budget) as extract:
        yield extract
