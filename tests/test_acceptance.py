"""The seeds acceptance: every check of ../shared/acceptance/seeds.json passes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwatch.cli import app


def test_eval_seeds_passes_every_check(shared: Path, db_url: str) -> None:
    result = CliRunner().invoke(app, ["--db", db_url, "eval", "seeds",
                                      "--shared", str(shared), "--json"])
    report = json.loads(result.stdout)
    assert report["failed"] == [], json.dumps(report["failed"], indent=2)
    assert report["checks"] == report["passed"] > 20
    assert result.exit_code == 0
