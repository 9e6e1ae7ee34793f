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
