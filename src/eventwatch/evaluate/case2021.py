"""Score the snippet classifier on a CASE 2021 Task 2 TSV (``id``, ``EventSnippet``, ``SubType``).

CASE 2021 derives from ACLED: its snippets are read here to measure, never to build or tune
anything. Results carry counts and scores only, never snippet text.

Subtask 1 scores the rows whose gold label is one of the 25 ACLED sub-types, subtask 2
adds ORG_CRIME, NATURAL_DISASTER and MAN_MADE_DISASTER, subtask 3 scores every row. Each
row gets exactly one prediction over all 30 labels; a prediction outside a subtask's label
set is simply wrong there. Weighted F1 is scikit-learn's ``f1_score(average="weighted")``
(labels only predicted have support 0, so weight 0); micro F1 equals accuracy because every
row has one prediction; macro F1 is the unweighted mean over the gold labels present.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwatch.classify import classify_snippet, classify_snippets
from eventwatch.errors import EmptyDocument, EvalError
from eventwatch.extract.snippet import ACLED_CODES, CASE_LABELS, Prediction

COLUMNS = ("id", "EventSnippet", "SubType")
SUBTASK_LABELS: dict[str, frozenset[str]] = {
    "subtask1": frozenset(ACLED_CODES),
    "subtask2": frozenset(ACLED_CODES) | {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"},
    "subtask3": frozenset(CASE_LABELS),
}


@dataclass(frozen=True)
class CaseRow:
    id: str
    snippet: str
    gold: str


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


# -- reading --------------------------------------------------------------------------------


def _check_header(header: Sequence[str] | None, path: Path) -> None:
    if header is None:
        raise EvalError(f"{path} is empty: expected a TSV with columns {', '.join(COLUMNS)}")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise EvalError(f"{path} is not a CASE 2021 TSV: missing column(s) {', '.join(missing)}")


def _row(raw: dict[str | Any, str | Any], line: int, path: Path) -> CaseRow:
    if None in raw or any(raw.get(c) is None for c in COLUMNS):
        raise EvalError(f"{path} line {line}: expected {len(COLUMNS)} tab-separated fields")
    gold = str(raw["SubType"]).strip()
    if gold not in CASE_LABELS:
        raise EvalError(f"{path} line {line}: unknown label {gold!r} (not one of the 30 CASE 2021 labels)")
    return CaseRow(str(raw["id"]).strip(), str(raw["EventSnippet"]), gold)


def read_case_tsv(path: Path) -> list[CaseRow]:
    """The rows of a CASE 2021 TSV; raises EvalError for a missing or malformed file."""
    csv.field_size_limit(1 << 24)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            _check_header(reader.fieldnames, path)
            rows = [_row(raw, reader.line_num, path) for raw in reader]
    except FileNotFoundError as exc:
        raise EvalError(f"{path} does not exist") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise EvalError(f"{path} cannot be read as a UTF-8 TSV: {exc}") from exc
    if not rows:
        raise EvalError(f"{path} has a header but no rows")
    return rows


# -- scoring --------------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def label_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, LabelScore]:
    """Precision, recall, F1 and support for every label in gold or predicted."""
    true_pos = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    support = Counter(gold)
    guessed = Counter(predicted)
    scores: dict[str, LabelScore] = {}
    for label in sorted(support.keys() | guessed.keys()):
        precision = _ratio(true_pos[label], guessed[label])
        recall = _ratio(true_pos[label], support[label])
        scores[label] = LabelScore(precision, recall, _f1(precision, recall), support[label])
    return scores


def averages(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """n, weighted, micro and macro F1 over these rows (all 0.0 when there are none)."""
    scores = label_scores(gold, predicted)
    present = [s for s in scores.values() if s.support]
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "n": n,
        "weighted_f1": _ratio_f(sum(s.f1 * s.support for s in present), n),
        "micro_f1": _ratio_f(correct, n),
        "macro_f1": _ratio_f(sum(s.f1 for s in present), len(present)),
    }


def _ratio_f(numerator: float, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def subtask_scores(gold: Sequence[str], predicted: Sequence[str], labels: frozenset[str]) -> dict[str, Any]:
    pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g in labels]
    return averages([g for g, _ in pairs], [p for _, p in pairs])


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """The JSON result of ``eventwatch eval case2021`` for these gold and predicted labels."""
    per_label = {
        label: {
            "precision": round(s.precision, 4),
            "recall": round(s.recall, 4),
            "f1": round(s.f1, 4),
            "support": s.support,
        }
        for label, s in label_scores(gold, predicted).items()
    }
    result: dict[str, Any] = {"n": len(gold)}
    for name, labels in SUBTASK_LABELS.items():
        result[name] = subtask_scores(gold, predicted, labels)
    result["per_label"] = per_label
    return result


# -- public API -----------------------------------------------------------------------------


def predict_rows(rows: Sequence[CaseRow], classify: Callable[[str], Prediction] | None = None) -> list[str]:
    """One label per row: by ``classify`` if given, else by the trained classifier (in one batch)."""
    if classify is None:
        return [p.label for p in classify_snippets([row.snippet for row in rows])]
    return [classify(row.snippet).label for row in rows]


def evaluate_case2021(path: Path, classify: Callable[[str], Prediction] | None = None) -> dict[str, Any]:
    """Classify every snippet of a CASE 2021 TSV and score the three subtasks."""
    rows = read_case_tsv(path)
    return score([row.gold for row in rows], predict_rows(rows, classify))


def classify_report(text: str) -> dict[str, Any]:
    """The result of ``eventwatch classify TEXT``."""
    if not text.strip():
        raise EmptyDocument("nothing to classify: the text is empty")
    prediction = classify_snippet(text)
    return {
        "label": prediction.label,
        "sub_event_type": prediction.sub_event_type,
        "score": prediction.score,
        "evidence": prediction.evidence,
    }
