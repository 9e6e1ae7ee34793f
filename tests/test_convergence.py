"""A killed ingest, re-run, gives the same database as one clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from eventwatch.store import open_repository

from .conftest import EXAMPLES

# Runs the real pipeline in a child process with small transactions and kills the
# process (SIGKILL: no cleanup, no rollback handler) while it extracts the 9th article.
_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import eventwatch.pipeline as pipeline
    import eventwatch.scale.pool as pool
    from eventwatch.cli import app
    pipeline.CHUNK = 4
    real, seen = pool.extract_mentions, [0]
    def extract(article, services):
        seen[0] += 1
        if seen[0] == 9:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(article, services)
    pool.extract_mentions = extract
    app(["--db", sys.argv[1], "ingest", sys.argv[2]])
    """
)


def _ingest(url: str, *options: str) -> None:
    subprocess.run([sys.executable, "-m", "eventwatch.cli", "--db", url, "ingest", *options, str(EXAMPLES)],
                   check=True, capture_output=True)


def test_killed_run_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    _ingest(clean)
    crashed = f"sqlite:///{tmp_path / 'crashed.db'}"
    child = subprocess.run([sys.executable, "-c", _KILLER, crashed, str(EXAMPLES)], capture_output=True,
                           env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    partial = open_repository(crashed).counts()
    assert 0 < partial["articles"] < open_repository(clean).counts()["articles"]
    _ingest(crashed)
    assert open_repository(crashed).snapshot() == open_repository(clean).snapshot()


def test_two_worker_processes_give_the_single_process_database(tmp_path: Path) -> None:
    single, double = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    _ingest(single)
    _ingest(double, "--workers", "2")
    assert open_repository(double).snapshot() == open_repository(single).snapshot()
