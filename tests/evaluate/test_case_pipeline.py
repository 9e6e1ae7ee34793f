"""Scoring the ingest pipeline's own typing on a CASE 2021 TSV (``eval case2021 --pipeline``).

Every snippet here was written for these tests; none comes from CASE 2021, ACLED or any
news source.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.evaluate.case_pipeline import evaluate_pipeline, pipeline_label

ROWS = [
    ("Hundreds of students marched through Kisumu on Monday, throwing stones at shops.", "VIOL_DEMONSTR"),
    ("Police arrested the opposition leader in Kisumu on Monday.", "ARREST"),
    ("A magnitude 6.2 earthquake shook the hill district. Dozens of houses collapsed.", "NATURAL_DISASTER"),
    ("Nothing much happened in the capital on Sunday.", "OTHER"),
]


def _write_tsv(path: Path) -> Path:
    lines = "".join(f"{i}\t{text}\t{gold}\n" for i, (text, gold) in enumerate(ROWS))
    path.write_text("id\tEventSnippet\tSubType\n" + lines, encoding="utf-8")
    return path


def test_a_snippet_is_labelled_by_its_primary_events_type(services: Any) -> None:
    assert pipeline_label(ROWS[0][0], services) == ("VIOL_DEMONSTR", True)
    assert pipeline_label(ROWS[1][0], services) == ("ARREST", True)


def test_a_snippet_without_an_event_takes_the_rules_non_acled_label_or_other(services: Any) -> None:
    assert pipeline_label(ROWS[2][0], services) == ("NATURAL_DISASTER", False)
    assert pipeline_label(ROWS[3][0], services) == ("OTHER", False)


def test_the_scores_say_how_many_snippets_had_an_event(tmp_path: Path, services: Any) -> None:
    result = evaluate_pipeline(_write_tsv(tmp_path / "own.tsv"), services)
    assert (result["n"], result["with_mention"], result["with_mention_accuracy"]) == (4, 2, 1.0)
    assert result["subtask3"] == {"n": 4, "weighted_f1": 1.0, "micro_f1": 1.0, "macro_f1": 1.0}
    assert set(result) == {"n", "with_mention", "with_mention_accuracy", "subtask1", "subtask2", "subtask3",
                           "per_label"}


def test_the_cli_flag_scores_the_pipeline_and_leaves_the_default_output_alone(tmp_path: Path) -> None:
    path = str(_write_tsv(tmp_path / "own.tsv"))
    runner = CliRunner()
    piped = runner.invoke(app, ["eval", "case2021", path, "--json", "--pipeline"])
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout)["with_mention"] == 2
    default = runner.invoke(app, ["eval", "case2021", path, "--json"])
    assert default.exit_code == 0, default.output
    assert set(json.loads(default.stdout)) == {"n", "subtask1", "subtask2", "subtask3", "per_label"}
    text = runner.invoke(app, ["eval", "case2021", path, "--pipeline"])
    assert text.exit_code == 0 and "snippets with an extracted event: 2/4" in text.stdout
