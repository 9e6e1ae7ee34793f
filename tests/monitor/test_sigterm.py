"""`eventwatch watch` as a service: SIGTERM ends it cleanly (exit 0) and a restart resumes
without reading again what it stored."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.store import open_repository
from eventwatch.store.monitor import MonitorStore
from tests.monitor.servers import article_html
from tests.monitor.test_watch_alerts import FIRST


def test_sigterm_stops_the_loop_and_a_restart_resumes(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_bytes(article_html(*FIRST))
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "desk"\nurl = "news"\nevery = "1h"\n')
    command = [sys.executable, "-m", "eventwatch.cli", "--db", db_url, "watch", "--sources", str(sources)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    store = MonitorStore(open_repository(db_url).engine)
    try:
        deadline = time.monotonic() + 300
        while not ((state := store.source_state("desk")) and state.articles_added):
            assert process.poll() is None, process.communicate()[0]
            assert time.monotonic() < deadline, "the watch loop never stored the article"
            time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=120)[0]
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "desk: 1 new item(s), 1 new article(s)" in output
    again = CliRunner().invoke(app, ["--db", db_url, "watch", "--sources", str(sources), "--once"])
    assert again.exit_code == 0, again.output
    assert "desk: 0 new item(s), 0 new article(s)" in again.stdout
