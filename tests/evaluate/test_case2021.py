"""The CASE 2021 scorer and the snippet classifier behind it.

Every TSV and sentence here was written for these tests; none comes from CASE 2021, ACLED
or any news source.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwatch.errors import EvalError
from eventwatch.evaluate.case2021 import (
    classify_report,
    evaluate_case2021,
    read_case_tsv,
    score,
)
from eventwatch.extract.snippet import ACLED_CODES, CASE_LABELS, EXTRA_LABELS, Prediction, classify_text
from eventwatch.taxonomy import ALL_SUB_EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
LABEL_NAMES = ROOT.parent / "shared" / "data" / "case2021" / "label_names.json"

# gold, predicted: a hand-worked example (see test_f1_arithmetic_by_hand)
GOLD = ["ARMED_CLASH", "ARMED_CLASH", "ARMED_CLASH", "ATTACK", "GRENADE", "ORG_CRIME", "DIPLO", "ATTRIB"]
PRED = ["ARMED_CLASH", "ARMED_CLASH", "ATTACK", "ATTACK", "ARMED_CLASH", "ORG_CRIME", "ATTRIB", "ATTRIB"]

OWN_SNIPPETS: list[tuple[str, str]] = [
    ("Rebels and soldiers exchanged fire for hours outside the river town of Maro.", "ARMED_CLASH"),
    ("A suicide bomber blew himself up at the gate of a police academy.", "SUIC_BOMB"),
    ("A magnitude 6.2 earthquake shook the hill district. Dozens of houses collapsed.", "NATURAL_DISASTER"),
    ("Police broke up a cocaine smuggling ring run by a coastal cartel.", "ORG_CRIME"),
    ("A fire broke out at a textile factory overnight, killing four workers.", "MAN_MADE_DISASTER"),
    ("The foreign minister held talks with her counterpart on trade and visas.", "DIPLO"),
    ("The interior ministry blamed an exiled opposition figure for the unrest of last year.", "ATTRIB"),
    ("Nothing much happened in the capital on Sunday.", "OTHER"),
]


def _write_tsv(path: Path, rows: list[tuple[str, str, str]], header: str = "id\tEventSnippet\tSubType") -> Path:
    path.write_text(header + "\n" + "".join(f"{i}\t{s}\t{g}\n" for i, s, g in rows), encoding="utf-8")
    return path


def test_label_codes_cover_the_taxonomy() -> None:
    assert set(ACLED_CODES.values()) == set(ALL_SUB_EVENT_TYPES)
    assert len(CASE_LABELS) == 30
    assert set(EXTRA_LABELS) == {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def test_label_codes_match_the_published_names() -> None:
    if not LABEL_NAMES.exists():
        pytest.skip("../shared/data/case2021/label_names.json is not beside this checkout")
    assert json.loads(LABEL_NAMES.read_text(encoding="utf-8")) == CASE_LABELS


def test_f1_arithmetic_by_hand() -> None:
    result = score(GOLD, PRED)
    # subtask 1 (5 rows): ARMED_CLASH P=R=F1=2/3 (n=3), ATTACK P=1/2 R=1 F1=2/3 (n=1), GRENADE F1=0 (n=1)
    assert result["subtask1"] == {"n": 5, "weighted_f1": 0.5333, "micro_f1": 0.6, "macro_f1": 0.4444}
    # subtask 2 adds ORG_CRIME, right: weighted (2 + 2/3 + 1)/6, macro (2/3 + 2/3 + 0 + 1)/4
    assert result["subtask2"] == {"n": 6, "weighted_f1": 0.6111, "micro_f1": 0.6667, "macro_f1": 0.5833}
    # subtask 3 adds DIPLO (F1 0) and ATTRIB (P=1/2, R=1, F1=2/3)
    assert result["subtask3"] == {"n": 8, "weighted_f1": 0.5417, "micro_f1": 0.625, "macro_f1": 0.5}
    assert result["per_label"]["ATTRIB"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert result["per_label"]["GRENADE"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert result["n"] == 8


def test_prediction_outside_the_subtask_is_wrong() -> None:
    result = score(["ARMED_CLASH", "ATTACK"], ["ORG_CRIME", "ATTACK"])
    assert result["subtask1"] == {"n": 2, "weighted_f1": 0.5, "micro_f1": 0.5, "macro_f1": 0.5}
    assert result["per_label"]["ORG_CRIME"]["support"] == 0


def test_subtasks_filter_rows_by_gold_label(tmp_path: Path) -> None:
    rows = [(str(i), f"snippet {i}", gold) for i, gold in enumerate(GOLD)]
    path = _write_tsv(tmp_path / "mini.tsv", rows)
    predicted = {f"snippet {i}": label for i, label in enumerate(PRED)}

    def fake(text: str) -> Prediction:
        return Prediction(predicted[text], None, 1.0, text)

    result = evaluate_case2021(path, classify=fake)
    assert result == score(GOLD, PRED)
    assert [result[k]["n"] for k in ("subtask1", "subtask2", "subtask3")] == [5, 6, 8]


def test_json_shape_with_the_real_classifier(tmp_path: Path) -> None:
    path = _write_tsv(tmp_path / "own.tsv", [(str(i), s, g) for i, (s, g) in enumerate(OWN_SNIPPETS)])
    result = json.loads(json.dumps(evaluate_case2021(path)))
    assert set(result) == {"n", "subtask1", "subtask2", "subtask3", "per_label"}
    for name in ("subtask1", "subtask2", "subtask3"):
        assert set(result[name]) == {"n", "weighted_f1", "micro_f1", "macro_f1"}
        assert all(0.0 <= result[name][k] <= 1.0 for k in ("weighted_f1", "micro_f1", "macro_f1"))
    for scores in result["per_label"].values():
        assert set(scores) == {"precision", "recall", "f1", "support"}
    assert result["n"] == len(OWN_SNIPPETS)


@pytest.mark.parametrize(("text", "label"), OWN_SNIPPETS)
def test_classify_text_on_own_snippets(text: str, label: str) -> None:
    assert classify_text(text).label == label


def test_event_guess_beats_a_claim_and_keeps_the_sub_type() -> None:
    prediction = classify_text("Gunmen ambushed an army patrol near the border. A rebel group claimed the attack.")
    assert prediction.label == "ARMED_CLASH"
    assert prediction.sub_event_type == "Armed clash"
    assert prediction.evidence.startswith("Gunmen ambushed")


def test_negated_event_is_not_reported() -> None:
    assert classify_text("The army denied that its jets bombed the village.").label != "AIR_STRIKE"


def test_classify_report_shape() -> None:
    report = classify_report("Warplanes bombed a rebel-held village in the hills on Sunday.")
    assert report == {
        "label": "AIR_STRIKE",
        "sub_event_type": "Air/drone strike",
        "score": report["score"],
        "evidence": "Warplanes bombed a rebel-held village in the hills on Sunday.",
    }
    assert 0.5 <= report["score"] <= 1.0  # the fused classifier's confidence


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("id\tText\tSubType\n1\ta\tATTACK\n", "missing column(s) EventSnippet"),
        ("id\tEventSnippet\tSubType\n", "no rows"),
        ("id\tEventSnippet\tSubType\n1\tsome text\tNOT_A_LABEL\n", "unknown label 'NOT_A_LABEL'"),
        ("id\tEventSnippet\tSubType\n1\tsome text\n", "expected 3 tab-separated fields"),
        ("id\tEventSnippet\tSubType\n1\tsome\ttext\tATTACK\n", "expected 3 tab-separated fields"),
    ],
)
def test_malformed_files_raise_eval_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_case_tsv(path)


def test_missing_and_undecodable_files_raise_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="does not exist"):
        read_case_tsv(tmp_path / "absent.tsv")
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"id\tEventSnippet\tSubType\n1\t\xff\xfe\tATTACK\n")
    with pytest.raises(EvalError, match="UTF-8"):
        read_case_tsv(binary)
