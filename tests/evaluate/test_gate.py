"""The quality gate's rules: floors hold, corpora are pinned, floors only go down on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwatch.errors import EvalError
from eventwatch.evaluate.gate import check, flatten, project_corpora, updated

BASE = {"corpora": {"dev": "abc"}, "floors": {"dev.f1": 0.5}}


def test_passes_at_or_above_floor() -> None:
    assert check({"dev.f1": 0.5}, {"dev": "abc"}, BASE) == []
    assert check({"dev.f1": 0.7}, {"dev": "abc"}, BASE) == []


def test_fails_below_floor_missing_metric_or_changed_corpus() -> None:
    assert "fell below" in check({"dev.f1": 0.49}, {"dev": "abc"}, BASE)[0]
    assert "not measured" in check({}, {"dev": "abc"}, BASE)[0]
    assert "changed" in check({"dev.f1": 0.9}, {"dev": "xyz"}, BASE)[0]


def test_update_raises_floors_but_lowers_only_when_allowed() -> None:
    raised = updated({"dev.f1": 0.61239}, {"dev": "abc"}, BASE, allow_lower=False)
    assert raised["floors"]["dev.f1"] == 0.6123  # rounded down, never above the score
    with pytest.raises(EvalError):
        updated({"dev.f1": 0.4}, {"dev": "abc"}, BASE, allow_lower=False)
    assert updated({"dev.f1": 0.4}, {"dev": "abc"}, BASE, allow_lower=True)["floors"]["dev.f1"] == 0.4


def test_flatten_picks_dotted_keys() -> None:
    report = {"n": 3, "subtask1": {"weighted_f1": 0.25}}
    assert flatten("case", report, ("subtask1.weighted_f1", "n")) == {"case.subtask1.weighted_f1": 0.25, "case.n": 3.0}


def test_project_sets_are_found_by_layout_and_held_out_sets_skipped(tmp_path: Path) -> None:
    (tmp_path / "blind" / "b1" / "acceptance").mkdir(parents=True)
    (tmp_path / "blind" / "b1" / "acceptance" / "seeds.json").write_text("{}")
    (tmp_path / "blind" / "b2" / "acceptance").mkdir(parents=True)
    (tmp_path / "blind" / "b2" / "acceptance" / "seeds.json").write_text("{}")
    (tmp_path / "blind" / "b2" / "HELDOUT").write_text("")
    (tmp_path / "blind" / "res").mkdir()
    (tmp_path / "blind" / "res" / "gold.json").write_text("{}")
    (tmp_path / "paraphrase" / "seeds" / "acceptance").mkdir(parents=True)
    (tmp_path / "paraphrase" / "seeds" / "acceptance" / "seeds.json").write_text("{}")
    found = [(name, kind) for name, _, kind in project_corpora(tmp_path)]
    assert found == [("blind_b1", "seeds"), ("blind_res", "resolution"), ("paraphrase_seeds", "seeds")]
