"""A killed ingest, re-run, gives the same database as one clean run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable

from eventwatch.store import open_repository

from .conftest import EXAMPLES

# Runs the real pipeline in a child process with small transactions and kills the
# process (SIGKILL: no cleanup, no rollback handler) while it extracts the 9th article.
_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import eventwatch.pipeline as pipeline
    import eventwatch.extract.assemble as assemble
    from eventwatch.cli import app
    pipeline.CHUNK = 4
    real, seen = assemble.extract_mentions, [0]
    def extract(article, services):
        seen[0] += 1
        if seen[0] == 9:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(article, services)
    assemble.extract_mentions = extract
    app(["--db", sys.argv[1], "ingest", sys.argv[2]])
    """
)


# Runs `eventwatch ingest` with small transactions, so that two runs at once interleave.
_RACER = textwrap.dedent(
    """
    import sys
    import eventwatch.pipeline as pipeline
    from eventwatch.cli import app
    pipeline.CHUNK = 3
    app(["--db", sys.argv[1], "ingest", sys.argv[2]])
    """
)


def _ingest(url: str, *options: str) -> None:
    subprocess.run([sys.executable, "-m", "eventwatch.cli", "--db", url, "ingest", *options, str(EXAMPLES)],
                   check=True, capture_output=True)


def test_killed_run_then_rerun_equals_clean_run(db_url_factory: Callable[[], str]) -> None:
    clean = db_url_factory()
    _ingest(clean)
    crashed = db_url_factory()
    child = subprocess.run([sys.executable, "-c", _KILLER, crashed, str(EXAMPLES)], capture_output=True,
                           env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    partial = open_repository(crashed).counts()
    assert 0 < partial["articles"] < open_repository(clean).counts()["articles"]
    _ingest(crashed)
    assert open_repository(crashed).snapshot() == open_repository(clean).snapshot()


def test_two_worker_processes_give_the_single_process_database(db_url_factory: Callable[[], str]) -> None:
    single, double = db_url_factory(), db_url_factory()
    _ingest(single)
    _ingest(double, "--workers", "2")
    assert open_repository(double).snapshot() == open_repository(single).snapshot()


def test_two_ingests_at_once_give_the_database_of_one(db_url_factory: Callable[[], str]) -> None:
    """Two `eventwatch ingest` processes store the same articles into one database at the same
    time: no article, mention or event is stored twice, and the result is one clean run's."""
    clean, shared = db_url_factory(), db_url_factory()
    _ingest(clean)
    open_repository(shared).engine.dispose()  # both racers find the schema in place
    racers = [subprocess.Popen([sys.executable, "-c", _RACER, shared, str(EXAMPLES)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [racer.communicate() for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], [err.decode()[-2000:] for _, err in outputs]
    new = [int(re.search(rb"(\d+) new article", out).group(1)) for out, _ in outputs]  # type: ignore[union-attr]
    expected = open_repository(clean)
    assert sum(new) == expected.counts()["articles"]
    assert open_repository(shared).snapshot() == expected.snapshot()
