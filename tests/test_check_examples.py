"""tools/check_examples.py: the checker for the classifier example files."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "check_examples.py"


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_examples", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, label: str, lines: list[str]) -> None:
    body = "\n".join([f"# {label} — test file", *lines]) + "\n"
    (folder / f"{label}.txt").write_text(body, encoding="utf-8")


def _distinct(n: int) -> list[str]:
    """n lines far apart from each other (random-looking hex digests)."""
    return [f"Report {hashlib.sha256(str(i).encode()).hexdigest()}." for i in range(n)]


def test_the_committed_examples_pass(checker: ModuleType) -> None:
    assert checker.check_folder(checker.EXAMPLES_DIR) == []


def test_near_duplicates_within_a_label_are_reported(checker: ModuleType, tmp_path: Path) -> None:
    lines = _distinct(checker.MIN_EXAMPLES)
    lines.append("On 3 May 2021, police dispersed a march of traders in Kano with tear gas.")
    lines.append("On 3 May 2021, police dispersed a march of traders in Kano using tear gas.")
    _write(tmp_path, "PROTEST_WITH_INTER", lines)
    problems = checker.check_folder(tmp_path)
    assert len(problems) == 1 and "near duplicates" in problems[0]


def test_the_same_example_under_two_labels_is_reported(checker: ModuleType, tmp_path: Path) -> None:
    shared = "Soldiers set up a camp in the forest."
    _write(tmp_path, "HQ_ESTABLISHED", [*_distinct(checker.MIN_EXAMPLES), shared])
    _write(tmp_path, "OTHER", [*_distinct(checker.MIN_EXAMPLES), shared])
    assert any("also in HQ_ESTABLISHED.txt" in p for p in checker.check_folder(tmp_path))


def test_unknown_labels_missing_headers_and_thin_files_are_reported(checker: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "BATTLE.txt").write_text("# BATTLE\nTroops fought rebels.\n", encoding="utf-8")
    (tmp_path / "ARREST.txt").write_text("Police detained two men.\n", encoding="utf-8")
    problems = "\n".join(checker.check_folder(tmp_path))
    assert "'BATTLE' is not a CASE 2021 label" in problems
    assert "must start with a '# ARREST" in problems
    assert f"need at least {checker.MIN_EXAMPLES}" in problems
