"""The quality gate runs in CI: no pinned score (seeds, CASE 2021 dev, HRDsAttack dev) may
drop below its floor in quality/baseline.json, and the corpora must be the pinned ones."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eventwatch.cli import app

from .conftest import ROOT


def test_quality_gate_holds(shared: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "gate", "--shared", str(shared), "--baseline", str(ROOT / "quality" / "baseline.json")]
    )
    assert result.exit_code == 0, result.stderr
    assert "seeds.passed_ratio: 1.0000" in result.stdout


def test_update_to_a_baseline_that_cannot_be_written_is_one_error_line(shared: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a file where the baseline's folder should be
    baseline = blocker / "baseline.json"
    result = CliRunner().invoke(app, ["eval", "gate", "--shared", str(shared), "--baseline", str(baseline), "--update"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: cannot write {baseline}") and result.stderr.count("\n") == 1
