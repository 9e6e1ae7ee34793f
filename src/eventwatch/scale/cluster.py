"""Extraction as Dask tasks on a distributed cluster; resolution and storage stay here.

Each batch of articles the pipeline hands over is cut into tasks of a few articles and
mapped onto the workers. Every worker process opens the gazetteer and loads spaCy once, on
its first task (a module-level cache) or at start with `--preload eventwatch.scale.cluster`,
and keeps them for later tasks. Results are
gathered batch by batch in submission order, with at most AHEAD batches in flight, so the
client's memory stays flat however long the input is and the one writer in this process
stores exactly what a single-process run would.

How long to wait for the scheduler, and then for a first worker, is Dask's own connect
timeout (`distributed.comm.timeouts.connect`, e.g. DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import ExitStack, contextmanager
from functools import cache
from typing import Any

from eventwatch.errors import ClusterError, EventwatchError
from eventwatch.extract.assemble import Services
from eventwatch.records import Article
from eventwatch.scale.extractor import BatchMentions, Extractor, Tag, extract_or_reject

TASK_ARTICLES = 5  # articles per Dask task: small enough to spread a batch over the workers
AHEAD = 2  # batches extracted ahead of the one being stored
LOCAL = "local"


# -- on the workers ----------------------------------------------------------------------------
@cache
def _worker_services() -> Services:
    from eventwatch.scale.pool import default_services

    return default_services()


def dask_setup(worker: object) -> None:
    """Run by `dask worker --preload eventwatch.scale.cluster`: load the gazetteer and spaCy
    when the worker starts (a missing gazetteer then stops the worker, not a task)."""
    from eventwatch.extract import nlp

    _worker_services()
    nlp.entities(["warm-up"])


def _extract_task(articles: list[Article]) -> BatchMentions:
    services = _worker_services()
    return [extract_or_reject(article, services) for article in articles]


def _worker_version() -> str:
    from eventwatch import __version__

    return __version__


# -- in the client -----------------------------------------------------------------------------
def _address(scheduler: str) -> str:
    """The scheduler's address, checked before a Client is built around it."""
    from distributed.comm.addressing import parse_address
    from distributed.comm.registry import get_backend

    try:
        scheme, location = parse_address(scheduler)
        get_backend(scheme)
    except ValueError as exc:
        raise ClusterError(f"not a Dask scheduler address: {scheduler!r} ({exc})") from exc
    if not location.strip(":"):
        raise ClusterError(f"not a Dask scheduler address: {scheduler!r} (expected tcp://HOST:PORT)")
    return scheduler


def _connect(stack: ExitStack, scheduler: str, workers: int) -> Any:
    from distributed import Client, LocalCluster

    address = scheduler if scheduler == LOCAL else _address(scheduler)
    try:
        if address == LOCAL:
            cluster = stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None))
            return stack.enter_context(Client(cluster, set_as_default=False))  # type: ignore[no-untyped-call]
        return stack.enter_context(Client(address, set_as_default=False))  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from exc


def _check_workers(client: Any, scheduler: str) -> None:
    """At least one worker, and every worker runs this version of eventwatch."""
    import dask
    from dask.utils import parse_timedelta

    from eventwatch import __version__

    try:
        client.wait_for_workers(1, timeout=parse_timedelta(dask.config.get("distributed.comm.timeouts.connect")))
        versions: dict[str, str] = client.run(_worker_version)
    except TimeoutError as exc:
        raise ClusterError(f"the Dask scheduler at {scheduler} has no workers; start some with 'dask worker'") from exc
    except Exception as exc:  # what a worker raised unpickling or running the check, e.g. no eventwatch there
        raise ClusterError(f"a Dask worker cannot run eventwatch: {type(exc).__name__}: {exc}") from exc
    for worker, version in sorted(versions.items()):
        if version != __version__:
            raise ClusterError(f"Dask worker {worker} runs eventwatch {version}, this is {__version__}; "
                               "install the same version on every worker")


def _stream(client: Any, batches: Iterable[tuple[Tag, list[Article]]], /) -> Iterator[tuple[Tag, BatchMentions]]:
    window: deque[tuple[Tag, list[Any]]] = deque()
    for tag, batch in batches:
        tasks = [batch[i : i + TASK_ARTICLES] for i in range(0, len(batch), TASK_ARTICLES)]
        window.append((tag, client.map(_extract_task, tasks, pure=False)))
        if len(window) > AHEAD:
            yield _gather(client, *window.popleft())
    while window:
        yield _gather(client, *window.popleft())


def _gather(client: Any, tag: Tag, futures: list[Any]) -> tuple[Tag, BatchMentions]:
    from distributed import KilledWorker

    try:
        parts: list[BatchMentions] = client.gather(futures)
    except EventwatchError:
        raise  # raised by the extraction itself (a missing gazetteer, say): already typed
    except (KilledWorker, CancelledError, OSError, TimeoutError) as exc:
        raise ClusterError(f"the Dask cluster failed while extracting: {type(exc).__name__}: {exc}") from exc
    return tag, [mentions for part in parts for mentions in part]


@contextmanager
def dask_extractor(scheduler: str, workers: int = 1) -> Iterator[Extractor]:
    """Extract on the cluster at `scheduler` (tcp://HOST:PORT), or on a LocalCluster of
    `workers` processes started here when `scheduler` is "local"."""
    with ExitStack() as stack:
        client = _connect(stack, scheduler, workers)
        _check_workers(client, scheduler)

        def run(batches: Iterable[tuple[Tag, list[Article]]], /) -> Iterator[tuple[Tag, BatchMentions]]:
            return _stream(client, batches)

        yield run
