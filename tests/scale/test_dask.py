"""Extraction on a Dask cluster gives the database a single-process run gives, and a
scheduler that cannot be used is one `Error:` line."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import dask
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.store import open_repository

from ..conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _ingest(url: str, *options: str) -> str:
    result = runner.invoke(app, ["--db", url, "ingest", *options, str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dask_cluster_gives_the_single_process_database(scheduler: str, db_url_factory) -> None:  # type: ignore[no-untyped-def]
    single, on_dask = db_url_factory(), db_url_factory()
    _ingest(single)
    _ingest(on_dask, "--scheduler", scheduler)
    assert open_repository(on_dask).snapshot() == open_repository(single).snapshot()
    assert open_repository(on_dask).counts()["events"] > 0


def test_reingest_through_dask_stores_nothing_new(scheduler: str, db_url) -> None:  # type: ignore[no-untyped-def]
    _ingest(db_url, "--scheduler", scheduler)
    before = open_repository(db_url).snapshot()
    assert _ingest(db_url, "--scheduler", scheduler).startswith("0 new article(s)")
    assert open_repository(db_url).snapshot() == before


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:{port}", "nonsense://somewhere", "tcp://"])
def test_unusable_scheduler_is_one_error_line(address: str, db_url) -> None:  # type: ignore[no-untyped-def]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(app, ["--db", db_url, "ingest", "--scheduler", address.format(port=_closed_port()),
                                     str(EXAMPLES)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and "scheduler" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert open_repository(db_url).counts()["articles"] == 0


def test_scheduler_without_workers_is_one_error_line(db_url) -> None:  # type: ignore[no-untyped-def]
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty, \
            dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(app, ["--db", db_url, "ingest", "--scheduler", empty.scheduler_address, str(EXAMPLES)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "no workers" in result.stderr
